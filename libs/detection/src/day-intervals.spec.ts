import { EVERY_DAY, containsDay, daySetOf, differenceOf, intersectionOf, unionOf } from './day-intervals';

describe('day sets', () => {
  it('joins adjacent spans (consecutive days run on) and drops empty ones', () => {
    expect(
      daySetOf([
        { from: 5, to: 9 },
        { from: 1, to: 4 },
        { from: 20, to: 19 },
      ]),
    ).toEqual([{ from: 1, to: 9 }]);
    expect(
      daySetOf([
        { from: 1, to: 4 },
        { from: 6, to: 9 },
      ]),
    ).toEqual([
      { from: 1, to: 4 },
      { from: 6, to: 9 },
    ]);
  });

  it('intersects, unites and subtracts, open-ended spans included', () => {
    const open = [{ from: 10, to: Infinity }];
    expect(
      intersectionOf(open, [
        { from: 1, to: 12 },
        { from: 15, to: 16 },
      ]),
    ).toEqual([
      { from: 10, to: 12 },
      { from: 15, to: 16 },
    ]);
    expect(unionOf([{ from: 1, to: 3 }], [{ from: 2, to: 6 }])).toEqual([{ from: 1, to: 6 }]);
    expect(differenceOf(open, [{ from: 12, to: 14 }])).toEqual([
      { from: 10, to: 11 },
      { from: 15, to: Infinity },
    ]);
    expect(differenceOf([{ from: 1, to: 5 }], EVERY_DAY)).toEqual([]);
    expect(containsDay(open, 10)).toBe(true);
    expect(containsDay(open, 9)).toBe(false);
  });
});
