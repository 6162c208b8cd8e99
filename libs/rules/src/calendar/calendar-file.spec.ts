import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CalendarFileError } from './calendar-errors';
import { parseCalendarText } from './calendar-file';
import { WorkingDayCalendar } from './working-day-calendar';

function problemsOf(text: string): string[] {
  try {
    parseCalendarText(text, 'county.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(CalendarFileError);
    return [...(e as CalendarFileError).problems];
  }
  throw new Error('expected the calendar to be refused');
}

describe('calendar file validation', () => {
  it('names the file and the entry of a date that does not exist', () => {
    const text = `years:
  2025:
    holidays:
      - { name: 春节, from: 2025-01-28, to: 2025-02-30 }
`;
    expect(() => parseCalendarText(text, 'county.yaml')).toThrow(
      'calendar file county.yaml: years.2025.holidays[0] (春节): to "2025-02-30" is not a real date YYYY-MM-DD',
    );
  });

  it('refuses a date that is both a holiday and a make-up day', () => {
    const problems = problemsOf(`years:
  2025:
    holidays:
      - { name: 春节, from: 2025-01-28, to: 2025-02-04 }
    makeUpWorkdays:
      - { name: 春节, date: 2025-02-01 }
`);
    expect(problems).toEqual([
      'years.2025.makeUpWorkdays[0] (春节): 2025-02-01 is also a holiday (春节); a date is one or the other',
    ]);
  });

  it('refuses a make-up working day on a weekday', () => {
    expect(
      problemsOf(`years:
  2025:
    makeUpWorkdays:
      - { name: 春节, date: 2025-01-27 }
`),
    ).toEqual([
      'years.2025.makeUpWorkdays[0] (春节): 2025-01-27 is a weekday; make-up working days fall on Saturday or Sunday',
    ]);
  });

  it('collects every problem of the file in one error', () => {
    const problems = problemsOf(`years:
  2025:
    provisional: maybe
    holidays:
      - { name: 国庆节, from: 2025-10-08, to: 2025-10-01 }
      - { name: 国庆节, from: 2025-10-01, to: 2025-11-08 }
      - { name: 元旦, from: 2052-01-01, to: 2025-01-01 }
    makeUpWorkdays:
      - { date: 20250126 }
  twenty: {}
`);
    expect(problems).toEqual([
      'years.2025.provisional: must be true or false',
      'years.2025.holidays[0] (国庆节): to 2025-10-01 is before from 2025-10-08',
      'years.2025.holidays[1] (国庆节): 2025-10-01 to 2025-11-08 spans 39 days, more than 14; check `to`',
      'years.2025.holidays[2] (元旦): from 2052-01-01 lies outside 2024–2026',
      'years.2025.makeUpWorkdays[0]: name must be the holiday it makes up for',
      'years.2025.makeUpWorkdays[0]: date 20250126 is not a real date YYYY-MM-DD',
      'years.twenty: a year must be four digits',
    ]);
  });

  it('refuses a file that is not YAML, or has no years', () => {
    expect(problemsOf('years: [unclosed')[0]).toMatch(/^is not valid YAML/);
    expect(problemsOf('holidays: []')).toEqual(['must have a `years` mapping (year: { holidays, makeUpWorkdays })']);
  });

  it('names the file it could not read', () => {
    expect(() => WorkingDayCalendar.load('/nonexistent/county.yaml')).toThrow(
      /^calendar file \/nonexistent\/county\.yaml: cannot be read/,
    );
  });

  it('loads a county file with a local holiday of its own', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'calendar-')), 'county.yaml');
    writeFileSync(
      file,
      `years:
  2026:
    holidays:
      - { name: 县庆, from: 2026-03-10, to: 2026-03-10 }
`,
    );
    const county = WorkingDayCalendar.load(file);
    expect(county.isWorkingDay('2026-03-10')).toBe(false);
    expect(county.deadlineAfterWorkingDays('2026-03-09T10:00:00+08:00', 2).dueDate).toBe('2026-03-12');
  });
});
