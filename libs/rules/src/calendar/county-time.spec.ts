import { countyDateOf, dateOfDayNumber, dayNumberOf, formatCountyInstant, instantMillis } from './county-time';

describe('county time at the edges of what RFC 3339 allows', () => {
  it('reads a leap second as the last millisecond before the next minute', () => {
    expect(instantMillis('2024-02-29T23:59:60+08:00')).toBe(Date.parse('2024-02-29T23:59:59.999+08:00'));
    expect(instantMillis('2016-12-31T23:59:60.5Z')).toBe(Date.parse('2016-12-31T23:59:59.999Z'));
  });

  it('writes an instant past the year 9999 as the last one it can write, and reads it back', () => {
    const written = formatCountyInstant(new Date(Date.parse('9999-12-31T23:59:59Z') + 30 * 86_400_000));
    expect(written).toBe('9999-12-31T23:59:59.999+08:00');
    expect(instantMillis(written)).toBe(Date.parse('9999-12-31T23:59:59.999+08:00'));
  });

  it('keeps days of the years 0001-0099 and past 9999 within four-digit county dates', () => {
    expect(dateOfDayNumber(dayNumberOf('0001-01-01'))).toBe('0001-01-01');
    expect(dateOfDayNumber(dayNumberOf('9999-12-31') + 30)).toBe('9999-12-31');
    expect(countyDateOf('9999-12-31T23:59:59Z')).toBe('9999-12-31');
  });
});
