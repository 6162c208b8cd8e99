import { AfterDeathRule, dayNumberOf, explanationPlaceholders, programNameZh } from '@hub/rules';
import { alertIdOf, benefitKey } from '../alert-id';
import { daysOfGrant, grantsOf } from '../counting-grants';
import { Finding } from '../finding';
import { findingOf } from '../finding-of';
import { overpaymentOf, shareForDays } from '../overpayment';
import { explainRule, subjectValues } from '../rule-explanation';
import { EvaluationContext, RuleOutcome, outcomeOf } from '../rule-outcome';
import { byValidFromThenKey, daysOfStatus } from '../status-holding';

/**
 * dup.after-death (应退未退): a grant of `programs` whose period.end is more than graceDays after the
 * date of death (the DECEASED status's validFrom). With graceDays 0, a period ending on the day of
 * death is fine and one ending the day after is a finding. When two departments report the death,
 * the earliest date counts: money paid past either report needs checking, and the alert names the
 * date it used. A death report withdrawn (ended before it began) counts for nothing.
 * Alert id keys: the grant alone, so a second department's death report does not rename the alert.
 */
export function evaluateAfterDeathRule(rule: AfterDeathRule, context: EvaluationContext): RuleOutcome {
  const findings: Finding[] = [];
  for (const member of context.household.members) {
    const death = member.statuses
      .filter((s) => s.status === rule.deathStatus && daysOfStatus(s).length > 0)
      .sort(byValidFromThenKey)[0];
    if (!death) continue;
    const deathDay = dayNumberOf(death.validFrom);
    for (const grant of grantsOf(member.benefits, rule.programs)) {
      const daysPast = daysOfGrant(grant).to - deathDay;
      if (daysPast <= rule.graceDays) continue;
      findings.push(
        findingOf(rule, {
          alertId: alertIdOf(rule.id, [benefitKey(grant)]),
          personId: member.personId,
          householdId: context.household.householdId,
          subject: member.subject,
          evidence: [death.evidence, grant.evidence],
          explanation: explainRule(rule.explanation, explanationPlaceholders(rule), {
            ...subjectValues(member.subject),
            program: programNameZh(grant.program),
            deathDate: death.validFrom,
            end: grant.period.end,
            days: daysPast,
          }),
          dueAt: null,
          // Every day paid for after the day of death, whatever grace the alert allows.
          overpayment: overpaymentOf([
            shareForDays(grant, { from: deathDay + 1, to: daysOfGrant(grant).to }, `死亡（${death.validFrom}）后`),
          ]),
        }),
      );
    }
  }
  return outcomeOf({ findings });
}
