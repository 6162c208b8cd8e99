/** A calendar file that cannot be trusted: every problem found, each naming the file and the entry. */
export class CalendarFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(problems.map((p) => `calendar file ${file}: ${p}`).join('\n'));
    this.name = 'CalendarFileError';
  }
}

/**
 * A day the calendar cannot answer for: its year is not in the file, or only provisionally. Counting
 * such a day as a plain weekday would set wrong deadlines around an unlisted 春节, so callers must
 * decide (hold the alert, extend the file) instead of getting a silently wrong date.
 */
export class CalendarGapError extends Error {
  constructor(
    readonly file: string,
    readonly date: string,
    readonly reason: 'NOT_IN_CALENDAR' | 'PROVISIONAL_YEAR',
  ) {
    super(
      reason === 'NOT_IN_CALENDAR'
        ? `calendar file ${file} has no arrangement for ${date.slice(0, 4)} (date ${date}): add that year's State Council holiday notice`
        : `calendar file ${file} marks ${date.slice(0, 4)} provisional (date ${date}): its movable holidays and make-up days are not known yet`,
    );
    this.name = 'CalendarGapError';
  }
}
