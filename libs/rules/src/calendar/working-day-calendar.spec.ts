import { CalendarGapError } from './calendar-errors';
import { dateOfDayNumber, dayNumberOf } from './county-time';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = WorkingDayCalendar.load();

function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let day = dayNumberOf(from); day <= dayNumberOf(to); day++) dates.push(dateOfDayNumber(day));
  return dates;
}

function due(receivedAt: string, workingDays = 2): string {
  return calendar.deadlineAfterWorkingDays(receivedAt, workingDays).dueAtText;
}

describe('WorkingDayCalendar, shipped PRC calendar', () => {
  it.each([
    ['春节 2025', '2025-01-28', '2025-02-04'],
    ['国庆节、中秋节 2025', '2025-10-01', '2025-10-08'],
    ['春节 2026', '2026-02-15', '2026-02-23'],
    ['国庆节 2026', '2026-10-01', '2026-10-07'],
  ])('%s (%s to %s) is non-working on every day, and the days around it are working', (_name, from, to) => {
    for (const date of datesFrom(from, to)) expect([date, calendar.isWorkingDay(date)]).toEqual([date, false]);
    expect(calendar.isWorkingDay(dateOfDayNumber(dayNumberOf(to) + 1))).toBe(true);
  });

  it.each([
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ])('make-up Saturday/Sunday %s is a working day', (date) => {
    expect(calendar.isWorkingDay(date)).toBe(true);
  });

  it('treats an ordinary weekend as non-working and an ordinary weekday as working', () => {
    expect(calendar.isWorkingDay('2025-03-15')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2025-03-16')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2025-03-17')).toBe(true); // Monday
    expect(calendar.holidayName('2026-02-17')).toBe('春节');
  });

  it.each([
    // 2025: 261 weekdays − 18 weekday holidays (元旦 1, 春节 6, 清明 1, 劳动 3, 端午 1, 国庆 6) + 5 make-up days.
    [2025, 248],
    // 2026: 261 weekdays − 19 weekday holidays (元旦 2, 春节 6, 清明 1, 劳动 3, 端午 1, 中秋 1, 国庆 5) + 6 make-up days.
    [2026, 248],
  ])('%i has %i working days, counted by hand from the notice', (year, expected) => {
    expect(datesFrom(`${year}-01-01`, `${year}-12-31`).filter((d) => calendar.isWorkingDay(d))).toHaveLength(expected);
  });
});

describe('deadlineAfterWorkingDays (omit.application-sla: 2 working days)', () => {
  it('a Friday receipt before a normal weekend is due at the end of Tuesday', () => {
    expect(due('2025-03-14T15:00:00+08:00')).toBe('2025-03-18T23:59:59.999+08:00');
    expect(calendar.deadlineAfterWorkingDays('2025-03-14T15:00:00+08:00', 2).dueAt.getTime()).toBe(
      Date.parse('2025-03-18T23:59:59.999+08:00'),
    );
  });

  it('takes the day of receipt in county time, not UTC', () => {
    // 16:30 UTC on Thursday is 00:30 on Friday in the county.
    expect(due('2025-03-13T16:30:00Z')).toBe('2025-03-18T23:59:59.999+08:00');
    expect(due('2025-03-13T15:59:59Z')).toBe('2025-03-17T23:59:59.999+08:00');
  });

  it('a weekend receipt starts counting on the next working day', () => {
    expect(due('2025-03-15T10:00:00+08:00')).toBe('2025-03-18T23:59:59.999+08:00');
  });

  it('a receipt just before a holiday span skips the whole span', () => {
    expect(due('2025-09-30T17:00:00+08:00')).toBe('2025-10-10T23:59:59.999+08:00'); // days 1, 2: Oct 9, Oct 10
    expect(due('2025-09-29T09:00:00+08:00')).toBe('2025-10-09T23:59:59.999+08:00'); // Sep 30, Oct 9
    expect(due('2025-01-27T11:00:00+08:00')).toBe('2025-02-06T23:59:59.999+08:00'); // 春节 2025
  });

  it('counts a make-up Saturday inside the window', () => {
    // Friday 2026-02-13: Saturday 02-14 is a make-up working day (1), then 春节 to 02-23, Tuesday 02-24 (2).
    expect(due('2026-02-13T16:00:00+08:00')).toBe('2026-02-24T23:59:59.999+08:00');
  });

  it('a receipt on a holiday starts counting after the span', () => {
    expect(due('2025-10-01T10:00:00+08:00')).toBe('2025-10-10T23:59:59.999+08:00');
  });

  it('a receipt on a make-up working day counts that day as the day of receipt', () => {
    // Sunday 2025-01-26 is a working day: Monday 01-27 is day 1, then 春节, Wednesday 02-05 is day 2.
    expect(due('2025-01-26T09:00:00+08:00')).toBe('2025-02-05T23:59:59.999+08:00');
    // Saturday 2025-10-11 (make-up): Monday 10-13, Tuesday 10-14.
    expect(due('2025-10-11T09:00:00+08:00')).toBe('2025-10-14T23:59:59.999+08:00');
  });

  it('refuses an instant without an offset', () => {
    expect(() => due('2025-03-14T15:00:00')).toThrow(/RFC 3339/);
  });
});

describe('calendar gaps', () => {
  it('covers 2025 and 2026 only; 2027 is provisional', () => {
    expect(calendar.covers('2024-12-31')).toBe(false);
    expect(calendar.covers('2025-01-01')).toBe(true);
    expect(calendar.covers('2026-12-31')).toBe(true);
    expect(calendar.covers('2027-01-04')).toBe(false);
    expect(calendar.isProvisional('2027-01-04')).toBe(true);
  });

  it('throws a gap error instead of counting an unlisted year as weekdays', () => {
    expect(() => calendar.isWorkingDay('2024-12-31')).toThrow(CalendarGapError);
    expect(() => due('2024-12-30T10:00:00+08:00')).toThrow(/no arrangement for 2024 \(date 2024-12-31\)/);
    expect(() => due('2026-12-31T10:00:00+08:00')).toThrow(/marks 2027 provisional \(date 2027-01-01\)/);
  });

  it('counts a provisional year when told to', () => {
    const lenient = WorkingDayCalendar.load(undefined, { acceptProvisional: true });
    expect(lenient.covers('2027-01-04')).toBe(true);
    // 2027-01-01 (Friday) is 元旦, then a weekend: Monday 01-04 and Tuesday 01-05.
    expect(lenient.deadlineAfterWorkingDays('2026-12-31T10:00:00+08:00', 2).dueDate).toBe('2027-01-05');
  });
});

describe('addWorkingDays', () => {
  it('accepts a Date, an instant or a county date, and 0 returns the day itself', () => {
    expect(calendar.addWorkingDays(new Date('2025-02-07T02:00:00Z'), 1)).toBe('2025-02-08'); // make-up Saturday
    expect(calendar.addWorkingDays('2025-02-07', 0)).toBe('2025-02-07');
    expect(calendar.addWorkingDays('2025-02-07T10:00:00+08:00', 3)).toBe('2025-02-11');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => calendar.addWorkingDays('2025-02-07', -1)).toThrow(/integer >= 0/);
    expect(() => calendar.addWorkingDays('2025-02-07', 1.5)).toThrow(/integer >= 0/);
  });
});
