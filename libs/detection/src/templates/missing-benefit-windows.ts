import { MissingBenefitRule, dayNumberOf } from '@hub/rules';
import { statusKey } from '../alert-id';
import { intersectionOf } from '../day-intervals';
import { daysOfStatus, qualifyingStatuses } from '../status-holding';
import { HouseholdTimeline, PersonTimeline, StatusFact } from '../timeline';
import { ConditionWitnesses, conditionDays, witnessesOn } from './missing-benefit-conditions';

/** One window in which a required program is owed to one person. */
export interface MissingBenefitWindow {
  /** D: the window runs D .. D + windowDays, inclusive. */
  startDay: number;
  closeDay: number;
  /** Grants starting after this day are for something else (the person no longer qualified). */
  lastEligibleDay: number;
  /** GRANTED_IN_WINDOW counts grants in force from this day (startDay but for ON_DATE's paidFromDate). */
  paidFromDay: number;
  witnesses: ConditionWitnesses;
  /** The statuses the alert id is derived from. */
  keys: string[];
  /** Evidence, in the order a caseworker reads it. */
  statuses: StatusFact[];
}

/**
 * CONDITIONS_MET (omit.insurance-subsidy, omit.education, omit.housing): a window per run of days on
 * which the conditions hold, from its first day D. A run that ends before D + windowDays owes nothing:
 * a person who left 低保 before the subsidy was due is not 应保未保. A run resuming after a gap is a
 * new window (a new entry into 低保 is a new obligation); a run continuing without a gap (低保 in one
 * county until 03-31, in another from 04-01; 低保 then 特困) is the same one.
 * Alert id keys: the assertions showing the conditions on D (per status of statusesAll, and the own or
 * household statusesAny one).
 *
 * STATUS_VALID_FROM (omit.disaster, omit.major-illness): a window per qualifying assertion S of
 * windowStartStatus, from S.validFrom, when the other conditions hold on some day of that window while
 * S holds (a person put on 低保 a week into a hospital stay is covered). S ending early (discharge)
 * does not cancel it: the need arose with the event.
 * Alert id keys: S alone, one alert per incident.
 */
export function missingBenefitWindows(
  rule: MissingBenefitRule,
  member: PersonTimeline,
  household: HouseholdTimeline,
): MissingBenefitWindow[] {
  const conditions = conditionDays(rule, member, household);
  if (rule.windowStart === 'CONDITIONS_MET') {
    return conditions.flatMap((run) => {
      const closeDay = run.from + rule.windowDays;
      if (!Number.isFinite(run.from) || run.to < closeDay) return [];
      const witnesses = witnessesOn(rule, member, household, run.from);
      const statuses = [...witnesses.all, ...(witnesses.any ? [witnesses.any] : [])];
      return [
        {
          startDay: run.from,
          closeDay,
          lastEligibleDay: run.to,
          paidFromDay: run.from,
          witnesses,
          keys: statuses.map(statusKey),
          statuses,
        },
      ];
    });
  }
  if (rule.windowStart === 'ON_DATE') return onDateWindows(rule, member, household, conditions);
  const startStatus = rule.windowStartStatus ?? '';
  return qualifyingStatuses(member.statuses, startStatus, rule.attributeConditions).flatMap((start) => {
    const startDay = dayNumberOf(start.validFrom);
    const closeDay = startDay + rule.windowDays;
    const met = intersectionOf(conditions, intersectionOf(daysOfStatus(start), [{ from: startDay, to: closeDay }]));
    if (!met.length) return [];
    const witnesses = witnessWith(start, witnessesOn(rule, member, household, met[0].from));
    const statuses = [
      start,
      ...witnesses.all.filter((s) => s !== start),
      ...(witnesses.any && witnesses.any !== start ? [witnesses.any] : []),
    ];
    return [
      {
        startDay,
        closeDay,
        lastEligibleDay: Infinity,
        paidFromDay: startDay,
        witnesses,
        keys: [statusKey(start)],
        statuses,
      },
    ];
  });
}

/**
 * ON_DATE (春节前一次性物价补贴): one window when the conditions hold on onDate, from onDate to dueDate; a grant from
 * paidFromDate on fulfils it, and the person stays owed it whatever happens after the date.
 * Alert id keys: the assertions showing the conditions on the date, and the date (next year's payment is another).
 */
function onDateWindows(
  rule: MissingBenefitRule,
  member: PersonTimeline,
  household: HouseholdTimeline,
  conditions: ReturnType<typeof conditionDays>,
): MissingBenefitWindow[] {
  const onDay = dayNumberOf(rule.onDate ?? '');
  if (!conditions.some((run) => run.from <= onDay && onDay <= run.to)) return [];
  const witnesses = witnessesOn(rule, member, household, onDay);
  const statuses = [...witnesses.all, ...(witnesses.any ? [witnesses.any] : [])];
  return [
    {
      startDay: onDay,
      closeDay: dayNumberOf(rule.dueDate ?? ''),
      lastEligibleDay: Infinity,
      paidFromDay: dayNumberOf(rule.paidFromDate ?? rule.onDate ?? ''),
      witnesses,
      keys: [...statuses.map(statusKey), `on:${rule.onDate}`],
      statuses,
    },
  ];
}

/** The window's own assertion stands for its status (its amount is the one the text names). */
function witnessWith(start: StatusFact, witnesses: ConditionWitnesses): ConditionWitnesses {
  return {
    ...witnesses,
    all: witnesses.all.map((s) => (s.status === start.status ? start : s)),
    any: witnesses.any?.status === start.status ? start : witnesses.any,
  };
}
