import { OverlapRule, dateOfDayNumber, explanationPlaceholders, programNameZh } from '@hub/rules';
import { alertIdOf, benefitKey } from '../alert-id';
import { byStart, grantsOf, overlapOf } from '../counting-grants';
import { Finding } from '../finding';
import { findingOf } from '../finding-of';
import { overpaymentOf, shareForDays } from '../overpayment';
import { explainRule, subjectValues } from '../rule-explanation';
import { EvaluationContext, RuleOutcome, outcomeOf } from '../rule-outcome';

/**
 * dup.same-program-overlap: one person, one program, two grants whose periods share at least
 * minOverlapDays (inclusive ends: 01-01..03-31 and 04-01..06-30 share none). Two grants are two
 * different source + benefitId; the same benefitId string from two sources is two grants.
 * One finding per pair of grants, so a third grant adds alerts instead of renaming the first one.
 * Alert id keys: the two grants (source + benefitId each).
 */
export function evaluateOverlapRule(rule: OverlapRule, context: EvaluationContext): RuleOutcome {
  const findings: Finding[] = [];
  for (const member of context.household.members) {
    const grants = grantsOf(member.benefits, rule.programs);
    grants.forEach((a, i) => {
      for (const b of grants.slice(i + 1)) {
        if (a.program !== b.program) continue;
        const overlap = overlapOf(a, b);
        const days = overlap ? overlap.to - overlap.from + 1 : 0;
        if (!overlap || days < rule.minOverlapDays) continue;
        // Earlier period first, as a caseworker reads them.
        const [first, second] = byStart(a, b);
        findings.push(
          findingOf(rule, {
            alertId: alertIdOf(rule.id, [benefitKey(a), benefitKey(b)]),
            personId: member.personId,
            householdId: context.household.householdId,
            subject: member.subject,
            evidence: [first.evidence, second.evidence],
            explanation: explainRule(rule.explanation, explanationPlaceholders(rule), {
              ...subjectValues(member.subject),
              program: programNameZh(a.program),
              start: dateOfDayNumber(overlap.from),
              end: dateOfDayNumber(overlap.to),
              days,
              sources: [first, second].map((g) => `${g.source} ${g.benefitId}`).join('、'),
            }),
            dueAt: null,
            // The later grant pays the overlapping days a second time.
            overpayment: overpaymentOf([shareForDays(second, overlap, `与${first.benefitId}重叠的`)]),
          }),
        );
      }
    });
  }
  return outcomeOf({ findings });
}
