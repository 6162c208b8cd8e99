/**
 * Sets of county days as sorted, disjoint, non-adjacent intervals of day numbers (dayNumberOf), both
 * ends inclusive. Rules combine statuses ("DIBAO_MEMBER and STUDENT", "no member EMPLOYED") as set
 * algebra on these, so a window starts on the first day the whole combination holds, whatever order
 * the statuses began in. An open-ended status runs to +Infinity.
 */
export interface DaySpan {
  from: number;
  to: number;
}
export type DaySet = readonly DaySpan[];

export const NO_DAYS: DaySet = [];
export const EVERY_DAY: DaySet = [{ from: -Infinity, to: Infinity }];

/** Sorts and merges spans; adjacent spans (one ends 03-31, the next starts 04-01) join, since the days run on without a gap. */
export function daySetOf(spans: readonly DaySpan[]): DaySet {
  const sorted = spans.filter((s) => s.from <= s.to).sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: DaySpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to + 1) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

export function unionOf(...sets: DaySet[]): DaySet {
  return daySetOf(sets.flat());
}

export function intersectionOf(a: DaySet, b: DaySet): DaySet {
  const spans: DaySpan[] = [];
  for (const x of a) for (const y of b) spans.push({ from: Math.max(x.from, y.from), to: Math.min(x.to, y.to) });
  return daySetOf(spans);
}

/** The days of `a` that are not in `b`. */
export function differenceOf(a: DaySet, b: DaySet): DaySet {
  let rest: DaySpan[] = [...a];
  for (const cut of b) {
    rest = rest.flatMap((span) => {
      if (cut.to < span.from || cut.from > span.to) return [span];
      const pieces: DaySpan[] = [];
      if (cut.from > span.from) pieces.push({ from: span.from, to: cut.from - 1 });
      if (cut.to < span.to) pieces.push({ from: cut.to + 1, to: span.to });
      return pieces;
    });
  }
  return daySetOf(rest);
}

export function containsDay(set: DaySet, day: number): boolean {
  return set.some((s) => s.from <= day && day <= s.to);
}
