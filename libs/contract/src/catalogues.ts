/** Contract v1, sections 1 and 5. Codes outside these lists are kept, flagged, and fire no rule. */
export const DEPARTMENTS = ['civil-affairs', 'health', 'education', 'housing', 'human-resources', 'charity'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const EVENT_TYPES = {
  BENEFIT_GRANTED: 'assist.benefit.granted.v1',
  BENEFIT_REVOKED: 'assist.benefit.revoked.v1',
  /** Contract v1.1 (section 8): money paid wrongly and recovered (追回), from the source that made the grant. */
  BENEFIT_RECOVERED: 'assist.benefit.recovered.v1',
  STATUS_ASSERTED: 'assist.status.asserted.v1',
  STATUS_ENDED: 'assist.status.ended.v1',
  APPLICATION_RECEIVED: 'assist.application.received.v1',
  APPLICATION_VERIFIED: 'assist.application.verified.v1',
  APPLICATION_DECIDED: 'assist.application.decided.v1',
  /** Contract v1.1 (section 8): 一门受理、协同办理, the township window refers an application to another department. */
  APPLICATION_REFERRED: 'assist.application.referred.v1',
} as const;
export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];
export const ALL_EVENT_TYPES: readonly string[] = Object.values(EVENT_TYPES);

export const PROGRAMS = [
  'DIBAO',
  'TEKUN_SUPPORT',
  'TEMPORARY',
  'DISASTER_RELIEF',
  'PRICE_SUBSIDY',
  'DISABILITY_SUBSIDY',
  'MEDICAL_ASSIST',
  'INSURANCE_SUBSIDY',
  'EDUCATION_ASSIST',
  'PUBLIC_RENTAL_HOUSING',
  'RENT_SUBSIDY',
  'HOUSE_RENOVATION',
  'EMPLOYMENT_ASSIST',
  'CHARITY_MEDICAL',
  'CHARITY_EDUCATION',
  'CHARITY_EMERGENCY',
] as const;
export type Program = (typeof PROGRAMS)[number];

export const STATUSES = [
  'DIBAO_MEMBER',
  'TEKUN',
  'LOW_INCOME_MARGINAL',
  'DISABLED',
  'UNEMPLOYED',
  'EMPLOYED',
  'STUDENT',
  'HOSPITALIZED',
  'DISASTER_AFFECTED',
  'HOUSING_DIFFICULTY',
  'DECEASED',
  'ORPHAN',
] as const;
export type Status = (typeof STATUSES)[number];

export const CAUSE_KINDS = [
  'HOSPITALIZATION',
  'MAJOR_ILLNESS',
  'DISASTER',
  'FIRE',
  'TRAFFIC_ACCIDENT',
  'OTHER',
] as const;
export const ID_TYPES = ['RESIDENT_ID', 'HMT_PERMIT', 'FOREIGN_PR', 'PASSPORT', 'NONE'] as const;
export const APPLICATION_CHANNELS = ['WINDOW', 'PHONE', 'PROXY', 'ONLINE'] as const;
export const APPLICATION_DECISIONS = ['APPROVED', 'REJECTED'] as const;

export const KNOWN_PROGRAMS: ReadonlySet<string> = new Set(PROGRAMS);
export const KNOWN_STATUSES: ReadonlySet<string> = new Set(STATUSES);
export const KNOWN_CAUSE_KINDS: ReadonlySet<string> = new Set(CAUSE_KINDS);
