import { SameCauseRule, explanationPlaceholders, explanationWithoutCostPlaceholders, programNameZh } from '@hub/rules';
import { alertIdOf, benefitKey, statusKey } from '../alert-id';
import { grantsOf } from '../counting-grants';
import { programList, yuanOfFen } from '../explanation-text';
import { Finding } from '../finding';
import { findingOf } from '../finding-of';
import { excessCharged, overpaymentOf } from '../overpayment';
import { reportedNumber } from '../reported-number';
import { explainRule, subjectValues } from '../rule-explanation';
import { EvaluationContext, RuleOutcome, outcomeOf } from '../rule-outcome';
import { byValidFromThenKey } from '../status-holding';
import { BenefitFact, PersonTimeline, StatusFact } from '../timeline';

/**
 * dup.same-cause: one person's grants of `programs` naming the same cause.ref (an admission number, a
 * disaster id).
 * - With a recorded cost (the person's HOSPITALIZED status whose admissionRef is that ref): a finding
 *   when two or more grants add up to more than cost + toleranceFen. Grants summing to the cost or
 *   less are aid shared between funds, not paid twice. Grants without an amount (in-kind aid) count
 *   as grants but add nothing to the sum. Two statuses recording the same admission: the larger cost
 *   is taken, giving the family the benefit of the doubt.
 * - Without one (withoutRecordedCost SAME_PROGRAM): a finding per program with two or more grants for
 *   the cause; grants of different programs for one incident are the normal mix of funds.
 * Alert id keys: every grant behind the finding (+ the cost status when there is one). A further grant
 * for the same cause therefore replaces the alert (the old one retracts, the new one lists all grants).
 */
export function evaluateSameCauseRule(rule: SameCauseRule, context: EvaluationContext): RuleOutcome {
  const findings: Finding[] = [];
  for (const member of context.household.members) {
    for (const [causeRef, grants] of grantsByCause(grantsOf(member.benefits, rule.programs))) {
      if (grants.length < 2) continue;
      const cost = recordedCostOf(rule, member, causeRef);
      if (cost) {
        const total = totalFen(grants);
        if (total > cost.fen + rule.toleranceFen)
          findings.push(withCost(rule, context, member, causeRef, grants, total, cost));
      } else if (rule.withoutRecordedCost === 'SAME_PROGRAM') {
        for (const program of new Set(grants.map((g) => g.program))) {
          const same = grants.filter((g) => g.program === program);
          if (same.length >= 2) findings.push(withoutCost(rule, context, member, causeRef, program, same));
        }
      }
    }
  }
  return outcomeOf({ findings });
}

function withCost(
  rule: SameCauseRule,
  context: EvaluationContext,
  member: PersonTimeline,
  causeRef: string,
  grants: BenefitFact[],
  total: number,
  cost: { fen: number; status: StatusFact },
): Finding {
  return findingOf(rule, {
    alertId: alertIdOf(rule.id, [...grants.map(benefitKey), statusKey(cost.status)]),
    personId: member.personId,
    householdId: context.household.householdId,
    subject: member.subject,
    evidence: [cost.status.evidence, ...grants.map((g) => g.evidence)],
    explanation: explainRule(rule.explanation, explanationPlaceholders(rule), {
      ...subjectValues(member.subject),
      causeRef,
      // In the rule's order (public funds before charity), whatever order the grants came in.
      programs: programList(rule.programs.filter((program) => grants.some((g) => g.program === program))),
      count: grants.length,
      totalYuan: yuanOfFen(total),
      costYuan: yuanOfFen(cost.fen),
    }),
    dueAt: null,
    overpayment: overpaymentOf(
      excessCharged(
        grants,
        total - cost.fen,
        `同一事由（${causeRef}）${grants.length}笔合计${yuanOfFen(total)}元，超出登记的个人自付费用${yuanOfFen(cost.fen)}元`,
      ),
    ),
  });
}

function withoutCost(
  rule: SameCauseRule,
  context: EvaluationContext,
  member: PersonTimeline,
  causeRef: string,
  program: string,
  grants: BenefitFact[],
): Finding {
  return findingOf(rule, {
    alertId: alertIdOf(rule.id, grants.map(benefitKey)),
    personId: member.personId,
    householdId: context.household.householdId,
    subject: member.subject,
    evidence: grants.map((g) => g.evidence),
    explanation: explainRule(rule.explanationWithoutCost, explanationWithoutCostPlaceholders(), {
      ...subjectValues(member.subject),
      causeRef,
      program: programNameZh(program),
      count: grants.length,
      totalYuan: yuanOfFen(totalFen(grants)),
    }),
    dueAt: null,
  });
}

/** Grants arrive sorted by business key (countingGrants), so each group is in a stable order too. */
function grantsByCause(grants: BenefitFact[]): Map<string, BenefitFact[]> {
  const groups = new Map<string, BenefitFact[]>();
  for (const grant of grants) {
    const ref = grant.cause?.ref;
    if (!ref) continue;
    groups.set(ref, [...(groups.get(ref) ?? []), grant]);
  }
  return groups;
}

function recordedCostOf(
  rule: SameCauseRule,
  member: PersonTimeline,
  causeRef: string,
): { fen: number; status: StatusFact } | undefined {
  const { status, refAttribute, amountAttribute } = rule.recordedCost;
  return member.statuses
    .filter((s) => s.status === status && s.attributes[refAttribute] === causeRef)
    .flatMap((s) => {
      const fen = reportedNumber(s.attributes[amountAttribute]);
      return fen === undefined ? [] : [{ fen, status: s }];
    })
    .sort((a, b) => b.fen - a.fen || byValidFromThenKey(a.status, b.status))[0];
}

function totalFen(grants: BenefitFact[]): number {
  return grants.reduce((sum, g) => sum + (g.amountFen ?? 0), 0);
}
