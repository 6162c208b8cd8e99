import {
  ApplicationSlaRule,
  CalendarGapError,
  ExplanationValues,
  departmentNameZh,
  explanationPlaceholders,
  programNameZh,
} from '@hub/rules';
import { alertIdOf, applicationKey, referralKey } from '../alert-id';
import { channelText, countyDateTimeOf } from '../explanation-text';
import { findingOf } from '../finding-of';
import { explainRule, subjectValues } from '../rule-explanation';
import { earliestAt, judgeOmission } from '../omission-window';
import { EvaluationContext, RuleOutcome, mergeOutcomes, outcomeOf } from '../rule-outcome';
import { ApplicationFact, EvidenceRef } from '../timeline';

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
 *
 * windowStart REFERRED (omit.referral-sla, contract v1.1 §8, 一门受理、协同办理): the same count, once per
 * referral of an application of `programs`, from the day of referral, fulfilled by the receiving
 * department's decision of that referral (fulfilledBy is DECIDED). Alert id keys: the application and the
 * department asked. A referral waits for its application (it names no person): the detector reads it only
 * under an application received from the referring source.
 */
export function evaluateApplicationSlaRule(rule: ApplicationSlaRule, context: EvaluationContext): RuleOutcome {
  const { household, now, calendar } = context;
  return mergeOutcomes(
    household.members.flatMap((member) =>
      member.applications
        .filter((a) => rule.programs.includes(a.program))
        .flatMap((application) => clocksOf(rule, application))
        .map((clock) => {
          const alertId = alertIdOf(rule.id, [clock.key]);
          const ids = { alertId, personId: member.personId, householdId: household.householdId };
          let deadline;
          try {
            deadline = calendar.deadlineAfterWorkingDays(clock.startsAt, rule.windowWorkingDays);
          } catch (e) {
            if (!(e instanceof CalendarGapError)) throw e;
            // Without working days the hub cannot say whether a milestone came late; it never guesses.
            return clock.reachedAt === null
              ? outcomeOf({ skipped: [{ ...ids, ruleId: rule.id, reason: e.message }] })
              : outcomeOf({ fulfilled: [alertId] });
          }
          const window = {
            rule,
            ...ids,
            closeDay: Number.NaN,
            closesAt: deadline.dueAt,
            dueAtText: deadline.dueAtText,
          };
          return judgeOmission(window, clock.reachedAt, now, () =>
            findingOf(rule, {
              ...ids,
              subject: member.subject,
              evidence: clock.evidence,
              explanation: explainRule(rule.explanation, explanationPlaceholders(rule), {
                ...subjectValues(member.subject),
                applicationId: clock.application.applicationId,
                program: programNameZh(clock.application.program),
                channel: channelText(clock.application.channel),
                receivedAt: countyDateTimeOf(clock.application.receivedAt),
                dueAt: deadline.dueDate,
                days: rule.windowWorkingDays,
                ...clock.values,
              }),
              dueAt: deadline.dueAtText,
            }),
          );
        }),
    ),
  );
}

/** One deadline the rule watches: what starts it, what meets it, what a finding shows and what it adds to the explanation. */
interface SlaClock {
  key: string;
  application: ApplicationFact;
  startsAt: string;
  /** Event time (ms) of the first milestone that meets it, or null. */
  reachedAt: number | null;
  evidence: EvidenceRef[];
  values: ExplanationValues;
}

function clocksOf(rule: ApplicationSlaRule, application: ApplicationFact): SlaClock[] {
  if (rule.windowStart === 'RECEIVED') {
    return [
      {
        key: applicationKey(application),
        application,
        startsAt: application.receivedAt,
        reachedAt: milestoneAt(rule, application),
        evidence: [application.evidence],
        values: {},
      },
    ];
  }
  return application.referrals.map((referral) => ({
    key: referralKey(application, referral.toDepartment),
    application,
    startsAt: referral.referredAt,
    reachedAt: rule.fulfilledBy.includes('DECIDED') && referral.decidedAt ? earliestAt([referral.decidedAt]) : null,
    evidence: [application.evidence, referral.evidence],
    values: {
      referredAt: countyDateTimeOf(referral.referredAt),
      fromDepartment: departmentNameZh(departmentOfSource(application.source)),
      toDepartment: departmentNameZh(referral.toDepartment),
      need: referral.need,
    },
  }));
}

/** When the application first reached a milestone of fulfilledBy (event time, ms), or null. */
function milestoneAt(rule: ApplicationSlaRule, application: ApplicationFact): number | null {
  return earliestAt(
    rule.fulfilledBy
      .map((m) => (m === 'VERIFIED' ? application.verifiedAt : application.decidedAt))
      .filter((t): t is string => !!t),
  );
}

/** The department of a source, /<region>/<department>/<system> (contract §2). */
function departmentOfSource(source: string): string {
  return source.split('/')[2] ?? '';
}
