import { ApplicationSlaRule, CalendarGapError, explanationPlaceholders, programNameZh } from '@hub/rules';
import { alertIdOf, applicationKey } from '../alert-id';
import { channelText, countyDateTimeOf } from '../explanation-text';
import { findingOf } from '../finding-of';
import { explainRule, subjectValues } from '../rule-explanation';
import { earliestAt, judgeOmission } from '../omission-window';
import { EvaluationContext, RuleOutcome, mergeOutcomes, outcomeOf } from '../rule-outcome';
import { ApplicationFact } from '../timeline';

/**
 * omit.application-sla: an application of `programs` not reaching one of fulfilledBy (verified,
 * decided) by the end of the windowWorkingDays-th working day after the county day of receipt, as the
 * calendar counts it (WorkingDayCalendar.deadlineAfterWorkingDays: the day of receipt is day 0; received
 * Friday 2026-02-13 → Saturday 02-14 is a make-up working day (day 1), 春节 02-15..02-23 does not
 * count, Tuesday 02-24 is day 2 → due 2026-02-24T23:59:59.999+08:00).
 * Reaching the milestone fulfils it; reaching it after the deadline is still a breach (raised, and
 * resolved FULFILLED), judged on the milestone's own event time, as every omission (judgeOmission).
 * When the calendar cannot count the days (a year missing or provisional: CalendarGapError), the
 * application is `skipped` with the calendar's reason: no alert, and no pending window with a deadline
 * the hub cannot know. Weekdays are never counted in its place.
 * Alert id keys: the application (source + applicationId).
 */
export function evaluateApplicationSlaRule(rule: ApplicationSlaRule, context: EvaluationContext): RuleOutcome {
  const { household, now, calendar } = context;
  return mergeOutcomes(household.members.flatMap((member) =>
    member.applications.filter((a) => rule.programs.includes(a.program)).map((application) => {
      const alertId = alertIdOf(rule.id, [applicationKey(application)]);
      const reachedAt = milestoneAt(rule, application);
      const ids = { alertId, personId: member.personId, householdId: household.householdId };
      let deadline;
      try {
        deadline = calendar.deadlineAfterWorkingDays(application.receivedAt, rule.windowWorkingDays);
      } catch (e) {
        if (!(e instanceof CalendarGapError)) throw e;
        // Without working days the hub cannot say whether a milestone came late; it never guesses.
        return reachedAt === null ? outcomeOf({ skipped: [{ ...ids, ruleId: rule.id, reason: e.message }] }) : outcomeOf({ fulfilled: [alertId] });
      }
      const window = { rule, ...ids, closeDay: Number.NaN, closesAt: deadline.dueAt, dueAtText: deadline.dueAtText };
      return judgeOmission(window, reachedAt, now, () => findingOf(rule, {
        ...ids,
        subject: member.subject,
        evidence: [application.evidence],
        explanation: explainRule(rule.explanation, explanationPlaceholders(rule), {
          ...subjectValues(member.subject),
          applicationId: application.applicationId,
          program: programNameZh(application.program),
          channel: channelText(application.channel),
          receivedAt: countyDateTimeOf(application.receivedAt),
          dueAt: deadline.dueDate,
          days: rule.windowWorkingDays,
        }),
        dueAt: deadline.dueAtText,
      }));
    }),
  ));
}

/** When the application first reached a milestone of fulfilledBy (event time, ms), or null. */
function milestoneAt(rule: ApplicationSlaRule, application: ApplicationFact): number | null {
  return earliestAt(rule.fulfilledBy.map((m) => (m === 'VERIFIED' ? application.verifiedAt : application.decidedAt)).filter((t): t is string => !!t));
}
