import { ExclusiveRule, dateOfDayNumber, explanationPlaceholders, programNameZh } from '@hub/rules';
import { alertIdOf, benefitKey } from '../alert-id';
import { byStart, grantsOf, overlapOf } from '../counting-grants';
import { Finding } from '../finding';
import { findingOf } from '../finding-of';
import { overpaymentOf, shareForDays } from '../overpayment';
import { explainRule, subjectValues } from '../rule-explanation';
import { EvaluationContext, RuleOutcome, outcomeOf } from '../rule-outcome';

/**
 * dup.exclusive-programs: one person holding both programs of a pair (低保金 with 特困供养) for at least
 * minOverlapDays, inclusive ends. One finding per pair of grants (one of each program).
 * Alert id keys: the two grants (source + benefitId each).
 */
export function evaluateExclusiveRule(rule: ExclusiveRule, context: EvaluationContext): RuleOutcome {
  const findings: Finding[] = [];
  for (const member of context.household.members) {
    for (const [programA, programB] of rule.exclusivePairs) {
      for (const a of grantsOf(member.benefits, [programA])) {
        for (const b of grantsOf(member.benefits, [programB])) {
          const overlap = overlapOf(a, b);
          const days = overlap ? overlap.to - overlap.from + 1 : 0;
          if (!overlap || days < rule.minOverlapDays) continue;
          // The grant that began later should not have been paid for the days both ran (the same start: B's).
          const [earlier, later] = byStart(a, b);
          findings.push(
            findingOf(rule, {
              alertId: alertIdOf(rule.id, [benefitKey(a), benefitKey(b)]),
              personId: member.personId,
              householdId: context.household.householdId,
              subject: member.subject,
              evidence: [a.evidence, b.evidence],
              explanation: explainRule(rule.explanation, explanationPlaceholders(rule), {
                ...subjectValues(member.subject),
                programA: programNameZh(programA),
                programB: programNameZh(programB),
                start: dateOfDayNumber(overlap.from),
                end: dateOfDayNumber(overlap.to),
                days,
              }),
              dueAt: null,
              overpayment: overpaymentOf([
                shareForDays(later, overlap, `与${programNameZh(earlier.program)}（${earlier.benefitId}）同时享受的`),
              ]),
            }),
          );
        }
      }
    }
  }
  return outcomeOf({ findings });
}
