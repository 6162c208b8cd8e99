import { MissingBenefitRule, attributePlaceholders, dateOfDayNumber, explanationPlaceholders } from '@hub/rules';
import { alertIdOf } from '../alert-id';
import { daysOfGrant, grantsOf } from '../counting-grants';
import { attributeValueText, programAlternatives, yuanOfFen } from '../explanation-text';
import { findingOf } from '../finding-of';
import { earliestAt, judgeOmission } from '../omission-window';
import { reportedNumber } from '../reported-number';
import { explainRule, subjectValues } from '../rule-explanation';
import { EvaluationContext, RuleOutcome, mergeOutcomes } from '../rule-outcome';
import { PersonTimeline } from '../timeline';
import { MissingBenefitWindow, missingBenefitWindows } from './missing-benefit-windows';

/**
 * missing-benefit (omit.insurance-subsidy, omit.education, omit.housing, omit.disaster,
 * omit.major-illness): a person owed one of requiredProgramsAny within a window (windows: see
 * missing-benefit-windows.ts). Only the person's own grants count: aid paid to a household member is
 * not aid to this person.
 *
 * What fulfils, on time or late (late resolves a raised alert as FULFILLED):
 * - GRANTED_IN_WINDOW: a required grant in force on some day from D on (period.end >= D): one already
 *   running at D, one in the window, or one arriving after the close;
 * - COVERING_WINDOW_END: a required grant in force on D + windowDays, or starting after it (coverage
 *   arranged late): period.end >= D + windowDays. A subsidy that ran out on D + 29 does not.
 * Either way the grant must start by the last day the person still qualified, so aid for a later
 * episode does not close an earlier one.
 */
export function evaluateMissingBenefitRule(rule: MissingBenefitRule, context: EvaluationContext): RuleOutcome {
  return mergeOutcomes(
    context.household.members.flatMap((member) =>
      missingBenefitWindows(rule, member, context.household).map((window) => {
        const alertId = alertIdOf(rule.id, window.keys);
        const omission = {
          rule,
          alertId,
          personId: member.personId,
          householdId: context.household.householdId,
          closeDay: window.closeDay,
        };
        return judgeOmission(omission, fulfilledAt(rule, member, window), context.now, (dueAt) =>
          findingOf(rule, {
            alertId,
            personId: member.personId,
            householdId: context.household.householdId,
            subject: member.subject,
            evidence: window.statuses.map((s) => s.evidence),
            explanation: explainRule(
              rule.explanation,
              explanationPlaceholders(rule),
              explanationValues(rule, context, member, window),
            ),
            dueAt,
          }),
        );
      }),
    ),
  );
}

/** When the first grant that fulfils the window was made (event time), or null. */
function fulfilledAt(rule: MissingBenefitRule, member: PersonTimeline, window: MissingBenefitWindow): number | null {
  const inForceFrom = rule.fulfilment === 'COVERING_WINDOW_END' ? window.closeDay : window.paidFromDay;
  return earliestAt(
    grantsOf(member.benefits, rule.requiredProgramsAny)
      .filter((grant) => {
        const days = daysOfGrant(grant);
        return days.to >= inForceFrom && days.from <= window.lastEligibleDay;
      })
      .map((grant) => grant.grantedAt),
  );
}

function explanationValues(
  rule: MissingBenefitRule,
  context: EvaluationContext,
  member: PersonTimeline,
  window: MissingBenefitWindow,
): Record<string, string | number> {
  const values: Record<string, string | number> = {
    ...subjectValues(member.subject),
    statuses: window.witnesses.statusesText,
    programs: programAlternatives(rule.requiredProgramsAny),
    start: dateOfDayNumber(window.startDay),
    dueAt: dateOfDayNumber(window.closeDay),
    days: rule.windowDays,
  };
  if (rule.householdStatusesAny.length) values.householdId = context.household.householdId ?? '未登记';
  if (rule.onDate) values.onDate = rule.onDate;
  for (const condition of rule.attributeConditions) {
    const witness = [...window.witnesses.all, ...(window.witnesses.any ? [window.witnesses.any] : [])].find(
      (s) => s.status === condition.status,
    );
    const value = witness?.attributes[condition.attribute];
    const [raw, yuan] = attributePlaceholders(condition.attribute);
    values[raw] = attributeValueText(condition.attribute, value);
    if (yuan) {
      const fen = reportedNumber(value);
      values[yuan] = fen === undefined ? '未登记' : yuanOfFen(fen);
    }
  }
  return values;
}
