import { AttributeCondition, dayNumberOf } from '@hub/rules';
import { compareText, statusKey } from './alert-id';
import { meetsAttributeCondition } from './attribute-match';
import { DaySet, NO_DAYS, containsDay, daySetOf } from './day-intervals';
import { StatusFact } from './timeline';

/**
 * A status holds on day X when validFrom <= X and (validTo is null or X <= validTo). A status ended
 * before it began (validTo < validFrom: withdrawn as wrong) never holds.
 */
export function daysOfStatus(status: StatusFact): DaySet {
  const from = dayNumberOf(status.validFrom);
  const to = status.validTo === null ? Infinity : dayNumberOf(status.validTo);
  return to < from ? NO_DAYS : [{ from, to }];
}

export function holdsOn(status: StatusFact, day: number): boolean {
  return containsDay(daysOfStatus(status), day);
}

/**
 * Assertions of `code` that meet every condition the rule sets on that status (a STUDENT counts only at
 * a listed stage). Conditions on other statuses do not apply. Codes are compared exactly, so a code the
 * contract does not know never matches a rule (contract §5).
 */
export function qualifyingStatuses(
  statuses: readonly StatusFact[],
  code: string,
  conditions: readonly AttributeCondition[] = [],
): StatusFact[] {
  const own = conditions.filter((c) => c.status === code);
  return statuses.filter((s) => s.status === code && own.every((c) => meetsAttributeCondition(c, s.attributes)));
}

/** The days on which at least one of the assertions holds. */
export function daysHeld(statuses: readonly StatusFact[]): DaySet {
  return daySetOf(statuses.flatMap((s) => [...daysOfStatus(s)]));
}

/**
 * The assertion that stands as evidence for "held on day X": the longest-standing one, then the
 * smallest business key, so the choice (and the alert id built on it) does not depend on fact order.
 */
export function witnessOn(statuses: readonly StatusFact[], day: number): StatusFact | undefined {
  return [...statuses].filter((s) => holdsOn(s, day)).sort(byValidFromThenKey)[0];
}

export function byValidFromThenKey(a: StatusFact, b: StatusFact): number {
  return compareText(a.validFrom, b.validFrom) || compareText(statusKey(a), statusKey(b));
}
