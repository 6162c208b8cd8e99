import { MissingBenefitRule } from '@hub/rules';
import { DaySet, EVERY_DAY, intersectionOf, unionOf } from '../day-intervals';
import { statusList } from '../explanation-text';
import { daysHeld, holdsOn, qualifyingStatuses, witnessOn } from '../status-holding';
import { HouseholdTimeline, PersonTimeline, StatusFact } from '../timeline';

/**
 * When a missing-benefit rule's conditions hold for one person: every status of statusesAll, and one
 * of statusesAny held by the person or (householdStatusesAny) one of those held by any member of the
 * household (omit.education: a student in a 低保 household). Attribute conditions apply to the
 * assertion itself: a STUDENT assertion counts only at a listed stage.
 */
export function conditionDays(rule: MissingBenefitRule, member: PersonTimeline, household: HouseholdTimeline): DaySet {
  const all = rule.statusesAll.reduce<DaySet>(
    (days, code) => intersectionOf(days, daysHeld(own(rule, member, code))),
    EVERY_DAY,
  );
  if (!rule.statusesAny.length) return all;
  const any = unionOf(daysHeld(ownAny(rule, member)), daysHeld(householdAny(rule, household)));
  return intersectionOf(all, any);
}

/** The assertions that show the conditions held on `day`, for evidence, the alert id and the text. */
export interface ConditionWitnesses {
  /** One per status of statusesAll, in the rule's order. */
  all: StatusFact[];
  /** The person's own statusesAny assertion, else a household member's householdStatusesAny one. */
  any?: StatusFact;
  /** {statuses}: what makes the person eligible, in Chinese. */
  statusesText: string;
}

export function witnessesOn(
  rule: MissingBenefitRule,
  member: PersonTimeline,
  household: HouseholdTimeline,
  day: number,
): ConditionWitnesses {
  const all = rule.statusesAll.flatMap((code) => witnessOn(own(rule, member, code), day) ?? []);
  if (!rule.statusesAny.length) return { all, statusesText: statusList(rule.statusesAll) };
  const ownHeld = rule.statusesAny.filter((code) => own(rule, member, code).some((s) => holdsOn(s, day)));
  if (ownHeld.length) return { all, any: witnessOn(ownAny(rule, member), day), statusesText: statusList(ownHeld) };
  const viaHousehold = householdAny(rule, household);
  const householdHeld = rule.householdStatusesAny.filter((code) =>
    viaHousehold.some((s) => s.status === code && holdsOn(s, day)),
  );
  // 低保对象的家庭成员: eligible through the household, not in the person's own right.
  return { all, any: witnessOn(viaHousehold, day), statusesText: `${statusList(householdHeld)}的家庭成员` };
}

function own(rule: MissingBenefitRule, member: PersonTimeline, code: string): StatusFact[] {
  return qualifyingStatuses(member.statuses, code, rule.attributeConditions);
}

function ownAny(rule: MissingBenefitRule, member: PersonTimeline): StatusFact[] {
  return rule.statusesAny.flatMap((code) => own(rule, member, code));
}

/** Every member counts, the person included: a household status held by the person is held in the household. */
function householdAny(rule: MissingBenefitRule, household: HouseholdTimeline): StatusFact[] {
  return household.members.flatMap((m) =>
    rule.householdStatusesAny.flatMap((code) => qualifyingStatuses(m.statuses, code, rule.attributeConditions)),
  );
}
