import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CalendarFileError } from './calendar-errors';
import { dateOfDayNumber, dayNumberOf, isCalendarDateText, isWeekend } from './county-time';

/** One official holiday span, both ends inclusive, as the State Council notice names it. */
export interface HolidaySpan {
  name: string;
  from: string;
  to: string;
}

/** A Saturday or Sunday that is a working day (调休上班). */
export interface MakeUpWorkday {
  name: string;
  date: string;
}

export interface CalendarYear {
  year: number;
  notice?: string;
  provisional: boolean;
  holidays: HolidaySpan[];
  makeUpWorkdays: MakeUpWorkday[];
}

/** The validated content of a calendar file, with every holiday date expanded for O(1) look-ups. */
export interface CalendarArrangement {
  file: string;
  years: ReadonlyMap<number, CalendarYear>;
  holidayDates: ReadonlyMap<string, string>;
  makeUpWorkdayDates: ReadonlyMap<string, string>;
}

// The longest official span so far is 9 days (春节 2026); a longer one is almost surely a typo in `to`.
const LONGEST_HOLIDAY_SPAN_DAYS = 14;

export function readCalendarFile(file: string): CalendarArrangement {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CalendarFileError(file, [`cannot be read (${(e as Error).message})`]);
  }
  return parseCalendarText(text, file);
}

export function parseCalendarText(text: string, file: string): CalendarArrangement {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (e) {
    throw new CalendarFileError(file, [`is not valid YAML (${(e as Error).message.split('\n')[0]})`]);
  }
  const problems: string[] = [];
  const years = readYears(document, problems);
  const holidayDates = new Map<string, string>();
  const makeUpWorkdayDates = new Map<string, string>();
  for (const year of years.values()) {
    year.holidays.forEach((span) => {
      for (let day = dayNumberOf(span.from); day <= dayNumberOf(span.to); day++)
        holidayDates.set(dateOfDayNumber(day), span.name);
    });
    year.makeUpWorkdays.forEach((workday) => makeUpWorkdayDates.set(workday.date, workday.name));
  }
  for (const year of years.values()) {
    year.makeUpWorkdays.forEach((workday, i) => {
      const holiday = holidayDates.get(workday.date);
      if (holiday !== undefined) {
        problems.push(
          `${entryName(year.year, 'makeUpWorkdays', i, workday.name)}: ${workday.date} is also a holiday (${holiday}); a date is one or the other`,
        );
      }
    });
  }
  if (problems.length) throw new CalendarFileError(file, problems);
  return { file, years, holidayDates, makeUpWorkdayDates };
}

function readYears(document: unknown, problems: string[]): Map<number, CalendarYear> {
  const years = new Map<number, CalendarYear>();
  if (!isRecord(document) || !isRecord(document.years)) {
    problems.push('must have a `years` mapping (year: { holidays, makeUpWorkdays })');
    return years;
  }
  for (const key of Object.keys(document)) if (key !== 'years') problems.push(`unknown top-level field ${key}`);
  for (const [key, body] of Object.entries(document.years)) {
    if (!/^\d{4}$/.test(key)) {
      problems.push(`years.${key}: a year must be four digits`);
      continue;
    }
    const year = readYear(Number(key), body, problems);
    if (year) years.set(year.year, year);
  }
  return years;
}

function readYear(year: number, body: unknown, problems: string[]): CalendarYear | undefined {
  const at = `years.${year}`;
  if (!isRecord(body)) {
    problems.push(`${at}: must be a mapping with holidays and makeUpWorkdays`);
    return undefined;
  }
  for (const key of Object.keys(body)) {
    if (!['notice', 'provisional', 'holidays', 'makeUpWorkdays'].includes(key))
      problems.push(`${at}: unknown field ${key}`);
  }
  if (body.provisional !== undefined && typeof body.provisional !== 'boolean')
    problems.push(`${at}.provisional: must be true or false`);
  if (body.notice !== undefined && typeof body.notice !== 'string') problems.push(`${at}.notice: must be text`);
  return {
    year,
    notice: typeof body.notice === 'string' ? body.notice : undefined,
    provisional: body.provisional === true,
    holidays: listOf(body.holidays, `${at}.holidays`, problems).flatMap((entry, i) =>
      readHolidaySpan(year, entry, i, problems),
    ),
    makeUpWorkdays: listOf(body.makeUpWorkdays, `${at}.makeUpWorkdays`, problems).flatMap((entry, i) =>
      readMakeUpWorkday(year, entry, i, problems),
    ),
  };
}

function readHolidaySpan(year: number, entry: unknown, i: number, problems: string[]): HolidaySpan[] {
  const name = isRecord(entry) && typeof entry.name === 'string' ? entry.name : undefined;
  const at = entryName(year, 'holidays', i, name);
  if (!isRecord(entry)) return fail(problems, `${at}: must be { name, from, to }`);
  const before = problems.length;
  if (name === undefined || !name.trim()) problems.push(`${at}: name must be the holiday's name`);
  for (const key of Object.keys(entry))
    if (!['name', 'from', 'to'].includes(key)) problems.push(`${at}: unknown field ${key}`);
  checkDate(entry.from, year, `${at}: from`, problems);
  checkDate(entry.to, year, `${at}: to`, problems);
  if (problems.length > before) return [];
  const from = entry.from as string;
  const to = entry.to as string;
  const days = dayNumberOf(to) - dayNumberOf(from) + 1;
  if (days < 1) return fail(problems, `${at}: to ${to} is before from ${from}`);
  if (days > LONGEST_HOLIDAY_SPAN_DAYS)
    return fail(
      problems,
      `${at}: ${from} to ${to} spans ${days} days, more than ${LONGEST_HOLIDAY_SPAN_DAYS}; check \`to\``,
    );
  return [{ name: name as string, from, to }];
}

function readMakeUpWorkday(year: number, entry: unknown, i: number, problems: string[]): MakeUpWorkday[] {
  const name = isRecord(entry) && typeof entry.name === 'string' ? entry.name : undefined;
  const at = entryName(year, 'makeUpWorkdays', i, name);
  if (!isRecord(entry)) return fail(problems, `${at}: must be { name, date }`);
  const before = problems.length;
  if (name === undefined || !name.trim()) problems.push(`${at}: name must be the holiday it makes up for`);
  for (const key of Object.keys(entry))
    if (!['name', 'date'].includes(key)) problems.push(`${at}: unknown field ${key}`);
  checkDate(entry.date, year, `${at}: date`, problems);
  if (problems.length > before) return [];
  const date = entry.date as string;
  // Weekdays are working days already: a make-up "workday" on one is a wrong date, not a no-op.
  if (!isWeekend(date))
    return fail(problems, `${at}: ${date} is a weekday; make-up working days fall on Saturday or Sunday`);
  return [{ name: name as string, date }];
}

/** Notices reach into the neighbouring years (元旦 from 12-31, a make-up Sunday in late December), no further. */
function checkDate(value: unknown, year: number, at: string, problems: string[]): void {
  if (!isCalendarDateText(value)) {
    problems.push(`${at} ${JSON.stringify(value ?? null)} is not a real date YYYY-MM-DD`);
  } else if (Math.abs(Number(value.slice(0, 4)) - year) > 1) {
    problems.push(`${at} ${value} lies outside ${year - 1}–${year + 1}`);
  }
}

function entryName(year: number, list: string, i: number, name: string | undefined): string {
  return `years.${year}.${list}[${i}]${name ? ` (${name})` : ''}`;
}

function listOf(value: unknown, at: string, problems: string[]): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  problems.push(`${at}: must be a list`);
  return [];
}

function fail<T>(problems: string[], problem: string): T[] {
  problems.push(problem);
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
