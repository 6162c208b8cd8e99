import { dayNumberOf, instantMillis } from '@hub/rules';
import { benefitKey, compareText } from './alert-id';
import { DaySpan } from './day-intervals';
import { BenefitFact } from './timeline';

/** A grant's period as day numbers, both ends inclusive. */
export function daysOfGrant(grant: BenefitFact): DaySpan {
  return { from: dayNumberOf(grant.period.start), to: dayNumberOf(grant.period.end) };
}

/**
 * The grants that count: one per source + benefitId (the timeline already keeps only the latest
 * correction; should two versions slip through, the later grantedAt wins), and none whose period is
 * empty, which is what a revocation effective on or before its first day leaves (end = effective - 1).
 * Sorted by business key, so every rule sees them in the same order whatever order they arrived in.
 */
export function countingGrants(benefits: readonly BenefitFact[]): BenefitFact[] {
  const latest = new Map<string, BenefitFact>();
  for (const grant of benefits) {
    if (grant.period.end < grant.period.start) continue;
    const key = benefitKey(grant);
    const kept = latest.get(key);
    if (!kept || isLaterVersion(grant, kept)) latest.set(key, grant);
  }
  return [...latest.values()].sort((a, b) => compareText(benefitKey(a), benefitKey(b)));
}

export function grantsOf(benefits: readonly BenefitFact[], programs: readonly string[]): BenefitFact[] {
  return countingGrants(benefits).filter((g) => programs.includes(g.program));
}

/** Inclusive overlap of two periods in days: 01-01..03-31 and 04-01..06-30 share none. */
export function overlapOf(a: BenefitFact, b: BenefitFact): DaySpan | undefined {
  const x = daysOfGrant(a);
  const y = daysOfGrant(b);
  const span = { from: Math.max(x.from, y.from), to: Math.min(x.to, y.to) };
  return span.from <= span.to ? span : undefined;
}

/** Two grants, the one whose period starts first first; when both start the same day, as given. */
export function byStart(a: BenefitFact, b: BenefitFact): [BenefitFact, BenefitFact] {
  return a.period.start <= b.period.start ? [a, b] : [b, a];
}

function isLaterVersion(candidate: BenefitFact, kept: BenefitFact): boolean {
  const byTime = instantMillis(candidate.grantedAt) - instantMillis(kept.grantedAt);
  if (byTime !== 0) return byTime > 0;
  const a = candidate.evidence;
  const b = kept.evidence;
  return (
    compareText(a.topic, b.topic) > 0 || (a.topic === b.topic && (a.partition - b.partition || a.offset - b.offset) > 0)
  );
}
