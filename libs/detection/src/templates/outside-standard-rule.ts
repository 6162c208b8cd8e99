import { OutsideStandardRule, checkAgainstStandard, explanationPlaceholders, programNameZh } from '@hub/rules';
import { alertIdOf, benefitKey } from '../alert-id';
import { grantsOf } from '../counting-grants';
import { yuanOfFen } from '../explanation-text';
import { Finding } from '../finding';
import { findingOf } from '../finding-of';
import { overpaymentOf } from '../overpayment';
import { explainRule, subjectValues } from '../rule-explanation';
import { EvaluationContext, RuleOutcome, outcomeOf } from '../rule-outcome';

/**
 * 统一救助标准: a grant of `programs` whose amount is above (direction ABOVE) or below (BELOW) the county's standard for
 * its program, county and year (the standards in the context). Above, the amount beyond what the standard allows is
 * money to recover (追回). A grant without an amount, or with no standard for it, says nothing.
 * Alert id keys: the grant (source + benefitId).
 */
export function evaluateOutsideStandardRule(rule: OutsideStandardRule, context: EvaluationContext): RuleOutcome {
  const findings: Finding[] = [];
  const wanted = rule.direction === 'ABOVE' ? 'ABOVE_STANDARD' : 'BELOW_STANDARD';
  for (const member of context.household.members) {
    for (const grant of grantsOf(member.benefits, rule.programs)) {
      const check = checkAgainstStandard(
        {
          program: grant.program,
          region: grant.regionCode,
          amountFen: grant.amountFen,
          period: grant.period,
          causeKind: grant.cause?.kind,
        },
        context.standards ?? [],
      );
      if (check.verdict !== wanted || !check.standard) continue;
      const excess =
        wanted === 'ABOVE_STANDARD' && check.allowedFen !== undefined && grant.amountFen !== null
          ? grant.amountFen - check.allowedFen
          : 0;
      findings.push(
        findingOf(rule, {
          alertId: alertIdOf(rule.id, [benefitKey(grant)]),
          personId: member.personId,
          householdId: context.household.householdId,
          subject: member.subject,
          evidence: [grant.evidence],
          explanation: explainRule(rule.explanation, explanationPlaceholders(rule), {
            ...subjectValues(member.subject),
            program: programNameZh(grant.program),
            start: grant.period.start,
            end: grant.period.end,
            amountYuan: yuanOfFen(grant.amountFen ?? 0),
            comparison: check.explanation ?? '',
            standardYear: check.standard.year,
          }),
          dueAt: null,
          overpayment:
            excess > 0
              ? overpaymentOf([
                  {
                    source: grant.source,
                    benefitId: grant.benefitId,
                    program: grant.program,
                    dueFen: excess,
                    basis: `${programNameZh(grant.program)}（${grant.source} ${grant.benefitId}）金额${yuanOfFen(grant.amountFen ?? 0)}元，按${check.standard.year}年标准应不超过${yuanOfFen(check.allowedFen ?? 0)}元：超出${yuanOfFen(excess)}元`,
                  },
                ])
              : undefined,
        }),
      );
    }
  }
  return outcomeOf({ findings });
}
