import * as path from 'node:path';
import { CalendarGapError } from './calendar-errors';
import { CalendarArrangement, readCalendarFile } from './calendar-file';
import {
  countyDateOf,
  endOfCountyDay,
  formatCountyInstant,
  isCalendarDateText,
  isWeekend,
  nextDate,
} from './county-time';

/** The calendar shipped with the hub: PRC arrangements for 2025 and 2026, 2027 provisional. */
export const DEFAULT_CALENDAR_FILE = path.resolve(__dirname, '../../calendar/cn-2025-2027.yaml');

export interface WorkingDayCalendarOptions {
  /**
   * Count days of years marked `provisional` (only fixed-date holidays known). Off by default: a
   * deadline that runs through an unlisted 春节 would raise false SLA alerts.
   */
  acceptProvisional?: boolean;
}

/** When a working-day window closes: the county date, and its last millisecond as an instant. */
export interface WorkingDayDeadline {
  dueDate: string;
  dueAt: Date;
  /** `dueAt` in county time, e.g. 2025-10-10T23:59:59.999+08:00: the form alerts carry. */
  dueAtText: string;
}

/**
 * The county's working days: Monday to Friday, minus the official holiday spans, plus the make-up
 * Saturdays and Sundays (调休). Every answer is for a county date (Asia/Shanghai).
 *
 * Gaps: a date whose year is not in the file (or is provisional, unless accepted) is not answered as a
 * plain weekday; `isWorkingDay`, `addWorkingDays` and `deadlineAfterWorkingDays` throw
 * CalendarGapError instead, and `covers` lets a caller check first.
 */
export class WorkingDayCalendar {
  constructor(
    private readonly arrangement: CalendarArrangement,
    private readonly options: WorkingDayCalendarOptions = {},
  ) {}

  /** Reads and validates a calendar file; throws CalendarFileError naming every bad entry. */
  static load(file: string = DEFAULT_CALENDAR_FILE, options: WorkingDayCalendarOptions = {}): WorkingDayCalendar {
    return new WorkingDayCalendar(readCalendarFile(file), options);
  }

  get file(): string {
    return this.arrangement.file;
  }

  /** Whether the calendar answers for this county date (YYYY-MM-DD) without a gap error. */
  covers(date: string): boolean {
    const year = this.arrangement.years.get(Number(requireDate(date).slice(0, 4)));
    return !!year && (!year.provisional || !!this.options.acceptProvisional);
  }

  /** True for a date in a year the file marks provisional, whether or not such years are accepted. */
  isProvisional(date: string): boolean {
    return !!this.arrangement.years.get(Number(requireDate(date).slice(0, 4)))?.provisional;
  }

  isWorkingDay(date: string): boolean {
    this.requireCovered(requireDate(date));
    if (this.arrangement.makeUpWorkdayDates.has(date)) return true;
    if (this.arrangement.holidayDates.has(date)) return false;
    return !isWeekend(date);
  }

  /** The holiday name for a date inside an official span, e.g. 春节; undefined otherwise. */
  holidayName(date: string): string | undefined {
    return this.arrangement.holidayDates.get(requireDate(date));
  }

  /**
   * The county date that is the n-th working day after the county day of `from` (an instant with
   * offset, a Date, or a county date YYYY-MM-DD). The day of `from` itself never counts, working or
   * not; n = 0 returns that day.
   */
  addWorkingDays(from: Date | string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days to add must be an integer >= 0 (got ${n})`);
    let date = typeof from === 'string' && isCalendarDateText(from) ? from : countyDateOf(from);
    for (let counted = 0; counted < n;) {
      date = nextDate(date);
      if (this.isWorkingDay(date)) counted++;
    }
    return date;
  }

  /**
   * Deadline of "within n working days" for something received at `receivedAt` (omit.application-sla:
   * verified within 2 working days). Whole working days after the day of receipt, so a receipt late in the
   * afternoon does not leave staff a shorter window than one at 08:00:
   * - the day of receipt is day 0 and never counts, whatever the hour: received Friday 15:00 (or 08:00)
   *   → Monday is day 1, Tuesday day 2 → due Tuesday 23:59:59.999+08:00;
   * - received on a weekend or holiday: counting starts with the next working day, which is day 1
   *   (received Saturday → due Tuesday too; received 2025-10-01 → due 2025-10-10);
   * - received on a make-up working day (e.g. Sunday 2025-01-26): that day is day 0 like any working day;
   * - the deadline is the end of the n-th working day in county time, so anything verified on that day
   *   is in time.
   * Throws CalendarGapError when a day to count lies outside the calendar (see the class comment).
   */
  deadlineAfterWorkingDays(receivedAt: Date | string, workingDays: number): WorkingDayDeadline {
    const dueDate = this.addWorkingDays(countyDateOf(receivedAt), workingDays);
    const dueAt = endOfCountyDay(dueDate);
    return { dueDate, dueAt, dueAtText: formatCountyInstant(dueAt) };
  }

  private requireCovered(date: string): void {
    if (this.covers(date)) return;
    throw new CalendarGapError(this.file, date, this.isProvisional(date) ? 'PROVISIONAL_YEAR' : 'NOT_IN_CALENDAR');
  }
}

function requireDate(date: string): string {
  if (!isCalendarDateText(date)) throw new RangeError(`"${String(date).slice(0, 40)}" is not a county date YYYY-MM-DD`);
  return date;
}
