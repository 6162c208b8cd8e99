import { HouseholdEmploymentRule, dateOfDayNumber, explanationPlaceholders } from '@hub/rules';
import { alertIdOf, compareText, statusKey } from '../alert-id';
import { differenceOf, intersectionOf } from '../day-intervals';
import { daysOfGrant, grantsOf } from '../counting-grants';
import { programAlternatives } from '../explanation-text';
import { findingOf } from '../finding-of';
import { earliestAt, judgeOmission } from '../omission-window';
import { explainRule, subjectValues } from '../rule-explanation';
import { EvaluationContext, RuleOutcome, mergeOutcomes } from '../rule-outcome';
import { byValidFromThenKey, daysHeld, holdsOn, qualifyingStatuses, witnessOn } from '../status-holding';
import { HouseholdTimeline, PersonTimeline, StatusFact } from '../timeline';

/**
 * omit.employment: a 低保 household (a member holds householdStatus) with a member meeting jobSeeker
 * (UNEMPLOYED and ableToWork true; a missing ableToWork is not "able") and no member holding
 * employedStatus, on every day of a run; one EMPLOYMENT_ASSIST for any member is owed within windowDays
 * of the run's first day D. Windows and fulfilment follow missing-benefit CONDITIONS_MET /
 * GRANTED_IN_WINDOW: a run ending before D + windowDays (someone found work, the household left 低保)
 * owes nothing; a grant to any member in force from D on fulfils, late ones too, if it starts while the
 * household still qualified. Nobody able to work → no run → nothing.
 *
 * The finding is about the household: personId null, householdId set. A person no department placed
 * in a household (householdId null) is a household of one: personId is then that person, so the alert
 * still names someone. Subject: the member reported as HEAD (several: smallest personId); otherwise the
 * first job-seeker (longest unemployed, then smallest status key).
 * Alert id keys: the household id (when there is one), and the 低保 and job-seeker assertions showing
 * the conditions on D.
 */
export function evaluateHouseholdEmploymentRule(
  rule: HouseholdEmploymentRule,
  context: EvaluationContext,
): RuleOutcome {
  const { household } = context;
  const members = household.members;
  const inHousehold = members.flatMap((m) => qualifyingStatuses(m.statuses, rule.householdStatus));
  const seekers = members.flatMap((m) => qualifyingStatuses(m.statuses, rule.jobSeeker.status, [rule.jobSeeker]));
  const employed = members.flatMap((m) => qualifyingStatuses(m.statuses, rule.employedStatus));
  const runs = differenceOf(intersectionOf(daysHeld(inHousehold), daysHeld(seekers)), daysHeld(employed));

  return mergeOutcomes(
    runs.flatMap((run) => {
      const closeDay = run.from + rule.windowDays;
      if (!Number.isFinite(run.from) || run.to < closeDay) return [];
      const householdWitness = witnessOn(inHousehold, run.from) as StatusFact;
      const seekersOnStart = seekers.filter((s) => holdsOn(s, run.from)).sort(byValidFromThenKey);
      // The statuses that make the finding, not the hub household's id: that id is the matcher's choice,
      // and the same county linked again (a rebuild, a replay elsewhere) must give the same alert id.
      const keys = [statusKey(householdWitness), statusKey(seekersOnStart[0])];
      const alertId = alertIdOf(rule.id, keys);
      const personId = household.householdId === null ? (members[0]?.personId ?? null) : null;
      const fulfilledAt = earliestAt(
        members.flatMap((m) =>
          grantsOf(m.benefits, rule.requiredProgramsAny)
            .filter((grant) => {
              const days = daysOfGrant(grant);
              return days.to >= run.from && days.from <= run.to;
            })
            .map((grant) => grant.grantedAt),
        ),
      );
      const jobSeekerMembers = uniqueMembers(seekersOnStart.map((s) => memberOf(household, s)));
      const subject = subjectMember(members, jobSeekerMembers[0]).subject;
      const omission = { rule, alertId, personId, householdId: household.householdId, closeDay };
      return [
        judgeOmission(omission, fulfilledAt, context.now, (dueAt) =>
          findingOf(rule, {
            alertId,
            personId,
            householdId: household.householdId,
            subject,
            evidence: [householdWitness.evidence, ...seekersOnStart.map((s) => s.evidence)],
            explanation: explainRule(rule.explanation, explanationPlaceholders(rule), {
              ...subjectValues(subject),
              householdId: household.householdId ?? '未登记',
              jobSeekers: jobSeekerMembers.map((m) => m.subject.name).join('、'),
              programs: programAlternatives(rule.requiredProgramsAny),
              start: dateOfDayNumber(run.from),
              dueAt: dateOfDayNumber(closeDay),
              days: rule.windowDays,
            }),
            dueAt,
          }),
        ),
      ];
    }),
  );
}

function memberOf(household: HouseholdTimeline, status: StatusFact): PersonTimeline {
  return household.members.find((m) => m.statuses.includes(status)) as PersonTimeline;
}

function uniqueMembers(members: PersonTimeline[]): PersonTimeline[] {
  return members.filter((m, i) => members.indexOf(m) === i);
}

function subjectMember(members: readonly PersonTimeline[], firstJobSeeker: PersonTimeline): PersonTimeline {
  const heads = members.filter((m) => m.householdRole === 'HEAD').sort((a, b) => compareText(a.personId, b.personId));
  return heads[0] ?? firstJobSeeker;
}
