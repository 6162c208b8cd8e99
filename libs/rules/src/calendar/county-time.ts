import { isContractDate, isRfc3339 } from '@hub/contract';

/**
 * County local time is Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991, so a
 * fixed offset gives the same answers as the tz database without depending on the ICU data Node ships.
 */
export const COUNTY_UTC_OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = COUNTY_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;
const OFFSET_SUFFIX = '+08:00';

/** A calendar date YYYY-MM-DD that really exists (no 2026-02-30). */
export function isCalendarDateText(value: unknown): value is string {
  return isContractDate(value);
}

/** Days since 1970-01-01: plain integers make "next day" and "weekday" arithmetic exact. */
export function dayNumberOf(date: string): number {
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0-99 as 1900-1999.
  const day = new Date(0);
  day.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return day.getTime() / DAY_MS;
}

/** The last day a county date can name: a window running past it ends there (RFC 3339 has four-digit years). */
const LAST_DAY = dayNumberOf('9999-12-31');

export function dateOfDayNumber(day: number): string {
  return new Date(Math.min(day, LAST_DAY) * DAY_MS).toISOString().slice(0, 10);
}

export function nextDate(date: string): string {
  return dateOfDayNumber(dayNumberOf(date) + 1);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(dayNumberOf(date) * DAY_MS).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

/**
 * The instant as milliseconds since the epoch. Strings must carry an explicit offset (contract §2):
 * a local time without one would be read in the hub's own time zone, which is not the county's.
 */
export function instantMillis(instant: Date | string): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('instant is an invalid Date');
    return ms;
  }
  const ms = isRfc3339(instant) ? Date.parse(withoutLeapSecond(instant)) : NaN;
  if (Number.isNaN(ms))
    throw new RangeError(`instant "${String(instant).slice(0, 60)}" is not an RFC 3339 date-time with offset`);
  return ms;
}

/**
 * RFC 3339 allows a leap second (23:59:60), JavaScript's Date does not: it is read as the last millisecond
 * before the next minute, which keeps its order among the events around it.
 */
function withoutLeapSecond(instant: string): string {
  return instant.replace(/^(.{17})60(?:\.\d+)?/, '$159.999');
}

/**
 * The latest instant the hub writes: later ones (a date of 9999-12-31 plus a window) are written as this. A
 * Date past the year 9999 serialises as "+010000-…", which neither RFC 3339 nor PostgreSQL's input reads.
 */
export const LAST_WRITABLE_MS = Date.parse('9999-12-31T23:59:59.999+08:00');

/** The instant, or the latest one the hub can write when it lies beyond. */
export function writableInstant(instant: Date): Date {
  return instant.getTime() > LAST_WRITABLE_MS ? new Date(LAST_WRITABLE_MS) : instant;
}

/** The county's calendar date at that instant (a receipt at 2025-01-27T23:30:00Z is 2025-01-28 in the county). */
export function countyDateOf(instant: Date | string): string {
  return dateOfDayNumber(Math.floor((instantMillis(instant) + OFFSET_MS) / DAY_MS));
}

/** The last millisecond of a county day: 23:59:59.999+08:00. */
export function endOfCountyDay(date: string): Date {
  return new Date((dayNumberOf(date) + 1) * DAY_MS - OFFSET_MS - 1);
}

/** An instant written in county time, e.g. 2025-10-10T23:59:59.999+08:00, the form alerts carry in `dueAt`. */
export function formatCountyInstant(instant: Date): string {
  return `${new Date(writableInstant(instant).getTime() + OFFSET_MS).toISOString().slice(0, 23)}${OFFSET_SUFFIX}`;
}
