import { KNOWN_PROGRAMS, KNOWN_STATUSES } from '@hub/contract';
import { AttributeCondition, readAttributeCondition } from './attribute-conditions';
import {
  APPLICATION_MILESTONES,
  APPLICATION_WINDOW_STARTS,
  ApplicationMilestone,
  ApplicationSlaRule,
  FULFILMENTS,
  HouseholdEmploymentRule,
  MissingBenefitRule,
  TemplateFields,
  WINDOW_STARTS,
} from './rule-definitions';
import { RuleFieldReader } from './rule-field-reader';
import { dayNumberOf } from '../calendar/county-time';

/** Readers of the fields of the OMISSION templates (contract §7, omit.*). */

export function readMissingBenefitFields(r: RuleFieldReader): TemplateFields<MissingBenefitRule> {
  const statusesAll = r.codes('statusesAll', KNOWN_STATUSES, 'status', { minItems: 0, optional: true });
  const statusesAny = r.codes('statusesAny', KNOWN_STATUSES, 'status', { minItems: 0, optional: true });
  const householdStatusesAny = r.codes('householdStatusesAny', KNOWN_STATUSES, 'status', {
    minItems: 0,
    optional: true,
  });
  const declared = (field: string) => (Array.isArray(r.raw(field)) ? (r.raw(field) as unknown[]).length : 0);
  if (declared('statusesAll') + declared('statusesAny') === 0) {
    r.report('statusesAll', 'and statusesAny are both empty: the rule would hold for everyone');
  }
  if (householdStatusesAny.length && !statusesAny.length) {
    // The household branch is an alternative to the person's own status (omit.education: 低保 household or own status).
    r.report(
      'householdStatusesAny',
      'needs statusesAny: it is the household alternative to the person holding one of those',
    );
  }
  const attributeConditions = readConditions(r, 'attributeConditions');
  const named = new Set([...statusesAll, ...statusesAny]);
  attributeConditions.forEach((c, i) => {
    if (!named.has(c.status))
      r.report(
        `attributeConditions[${i}].status`,
        `${c.status} is not in statusesAll or statusesAny, so the condition could never be checked`,
      );
  });
  const windowStart = r.oneOf('windowStart', WINDOW_STARTS);
  const windowStartStatus =
    windowStart === 'STATUS_VALID_FROM' ? r.code('windowStartStatus', KNOWN_STATUSES, 'status') : undefined;
  if (windowStart !== 'STATUS_VALID_FROM' && r.raw('windowStartStatus') !== undefined) {
    r.report('windowStartStatus', 'applies only with windowStart STATUS_VALID_FROM');
  }
  if (windowStartStatus && !named.has(windowStartStatus)) {
    r.report('windowStartStatus', `${windowStartStatus} is not in statusesAll or statusesAny`);
  }
  const onDate = windowStart === 'ON_DATE' ? readOnDateWindow(r) : undefined;
  if (windowStart !== 'ON_DATE') {
    for (const field of ['onDate', 'paidFromDate', 'dueDate'])
      if (r.raw(field) !== undefined) r.report(field, 'applies only with windowStart ON_DATE');
  }
  return {
    statusesAll,
    statusesAny,
    householdStatusesAny,
    attributeConditions,
    windowStart,
    ...(windowStartStatus !== undefined ? { windowStartStatus } : {}),
    ...(onDate ?? { windowDays: r.integer('windowDays', 0) }),
    requiredProgramsAny: r.codes('requiredProgramsAny', KNOWN_PROGRAMS, 'program', { minItems: 1 }),
    fulfilment: r.oneOf('fulfilment', FULFILMENTS),
  };
}

export function readHouseholdEmploymentFields(r: RuleFieldReader): TemplateFields<HouseholdEmploymentRule> {
  const seeker = RuleFieldReader.of(r.raw('jobSeeker'), '', r.pathOf('jobSeeker'), r.problems);
  const jobSeeker = seeker ? readAttributeCondition(seeker) : undefined;
  return {
    householdStatus: r.code('householdStatus', KNOWN_STATUSES, 'status'),
    jobSeeker: jobSeeker ?? { status: '', attribute: '', op: '=', value: '' },
    employedStatus: r.code('employedStatus', KNOWN_STATUSES, 'status'),
    requiredProgramsAny: r.codes('requiredProgramsAny', KNOWN_PROGRAMS, 'program', { minItems: 1 }),
    windowDays: r.integer('windowDays', 0),
  };
}

export function readApplicationSlaFields(r: RuleFieldReader): TemplateFields<ApplicationSlaRule> {
  const windowStart = r.oneOf('windowStart', APPLICATION_WINDOW_STARTS, 'RECEIVED');
  const fulfilledBy: ApplicationMilestone[] = [];
  const listed = r.list('fulfilledBy');
  if (Array.isArray(r.raw('fulfilledBy')) && listed.length === 0)
    r.report('fulfilledBy', 'must list VERIFIED, DECIDED or both');
  listed.forEach((milestone, i) => {
    if ((APPLICATION_MILESTONES as readonly unknown[]).includes(milestone))
      fulfilledBy.push(milestone as ApplicationMilestone);
    else
      r.report(
        `fulfilledBy[${i}]`,
        `must be one of ${APPLICATION_MILESTONES.join(', ')} (got ${JSON.stringify(milestone ?? null)})`,
      );
  });
  // A referral is verified by nobody: the receiving department answers it with a decision (contract v1.1 §8).
  if (windowStart === 'REFERRED' && fulfilledBy.includes('VERIFIED'))
    r.report(
      'fulfilledBy',
      'can only be DECIDED with windowStart REFERRED: the receiving department answers a referral with its decision',
    );
  return {
    windowStart,
    programs: r.codes('programs', KNOWN_PROGRAMS, 'program', { minItems: 1 }),
    windowWorkingDays: r.integer('windowWorkingDays', 0),
    fulfilledBy,
  };
}

/** ON_DATE's dates: paidFromDate (default onDate) <= onDate <= dueDate; windowDays follows from them. */
function readOnDateWindow(r: RuleFieldReader): {
  onDate: string;
  paidFromDate: string;
  dueDate: string;
  windowDays: number;
} {
  if (r.raw('windowDays') !== undefined)
    r.report('windowDays', 'does not apply with windowStart ON_DATE: dueDate is the deadline');
  const onDate = r.date('onDate');
  const dueDate = r.date('dueDate');
  const paidFromDate = r.raw('paidFromDate') === undefined ? onDate : r.date('paidFromDate');
  if (onDate && dueDate && dueDate < onDate) r.report('dueDate', `is before onDate ${onDate}`);
  if (onDate && paidFromDate && paidFromDate > onDate) r.report('paidFromDate', `is after onDate ${onDate}`);
  const windowDays = onDate && dueDate ? Math.max(0, dayNumberOf(dueDate) - dayNumberOf(onDate)) : 0;
  return { onDate, paidFromDate, dueDate, windowDays };
}

function readConditions(r: RuleFieldReader, field: string): AttributeCondition[] {
  return r.list(field, { optional: true }).flatMap((entry, i) => {
    const reader = RuleFieldReader.of(entry, '', r.pathOf(`${field}[${i}]`), r.problems);
    const condition = reader && readAttributeCondition(reader);
    if (!condition) r.markFailed(field);
    return condition ? [condition] : [];
  });
}
