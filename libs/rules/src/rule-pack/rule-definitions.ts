import { AttributeCondition } from './attribute-conditions';

/**
 * The typed form of a rule pack file (libs/rules/rules/default.yaml is the default, contract §7).
 * Each rule names its logic in `template`; the detector implements one evaluator per template and
 * reads every threshold, list and window from here, so a county changes numbers without code.
 * Windows are in county dates, inclusive: a window of N days from D closes at the end of D + N.
 */

export const DUPLICATE_TEMPLATES = ['overlap', 'exclusive', 'same-cause', 'after-death', 'outside-standard'] as const;
export const OMISSION_TEMPLATES = ['missing-benefit', 'household-employment', 'application-sla'] as const;
export const RULE_TEMPLATES = [...DUPLICATE_TEMPLATES, ...OMISSION_TEMPLATES] as const;
export type RuleTemplate = (typeof RULE_TEMPLATES)[number];

export const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ALERT_KINDS = ['DUPLICATE', 'OMISSION'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Contract §6: each kind has its own topic (names before any TOPIC_NAMESPACE prefix). */
export const ALERT_TOPIC_OF_KIND = {
  DUPLICATE: 'alerts.duplicate',
  OMISSION: 'alerts.omission',
} as const satisfies Record<AlertKind, string>;
export type AlertTopic = (typeof ALERT_TOPIC_OF_KIND)[AlertKind];

/** PERSON: the rule looks at one person's records; HOUSEHOLD: it needs the other members' statuses too. */
export const RULE_SCOPES = ['PERSON', 'HOUSEHOLD'] as const;
export type RuleScope = (typeof RULE_SCOPES)[number];

export interface RuleBase {
  id: string;
  /** Short zh-CN name shown to caseworkers, e.g. 重复享受同一救助. */
  title: string;
  enabled: boolean;
  kind: AlertKind;
  topic: AlertTopic;
  severity: Severity;
  scope: RuleScope;
  /** zh-CN text with {placeholders}; the placeholders each template fills are in explanation-placeholders.ts. */
  explanation: string;
}

/** One person, one program, two grants (other benefitId or source) whose periods share at least minOverlapDays. */
export interface OverlapRule extends RuleBase {
  template: 'overlap';
  programs: string[];
  minOverlapDays: number;
}

/** One person holding both programs of a pair for at least minOverlapDays. */
export interface ExclusiveRule extends RuleBase {
  template: 'exclusive';
  exclusivePairs: [string, string][];
  minOverlapDays: number;
}

/** Where an incident's cost is recorded: a status whose refAttribute equals the grant's `cause.ref`. */
export interface RecordedCost {
  status: string;
  refAttribute: string;
  amountAttribute: string;
}

/**
 * Two or more grants of `programs` for one `cause.ref`: a finding when their sum exceeds the recorded
 * cost by more than toleranceFen, or, with no recorded cost and withoutRecordedCost = SAME_PROGRAM,
 * when two of them are of the same program.
 */
export interface SameCauseRule extends RuleBase {
  template: 'same-cause';
  programs: string[];
  recordedCost: RecordedCost;
  toleranceFen: number;
  withoutRecordedCost: 'SAME_PROGRAM' | 'NO_FINDING';
  explanationWithoutCost: string;
}

/** A grant of `programs` whose period runs more than graceDays past the date of death (应退未退). */
export interface AfterDeathRule extends RuleBase {
  template: 'after-death';
  programs: string[];
  deathStatus: string;
  graceDays: number;
}

/**
 * 统一救助标准: a grant of `programs` whose amount is above (or, `direction: BELOW`, below) the county's standard of its
 * program, county and year (the standards file, libs/rules/standards). Above is money to recover.
 */
export interface OutsideStandardRule extends RuleBase {
  template: 'outside-standard';
  programs: string[];
  direction: 'ABOVE' | 'BELOW';
}

export const WINDOW_STARTS = ['CONDITIONS_MET', 'STATUS_VALID_FROM', 'ON_DATE'] as const;
export type WindowStart = (typeof WINDOW_STARTS)[number];

/**
 * GRANTED_IN_WINDOW: a required grant whose period overlaps [start, start + windowDays];
 * COVERING_WINDOW_END: a required grant whose period covers start + windowDays (资助参保 must be in force then).
 */
export const FULFILMENTS = ['GRANTED_IN_WINDOW', 'COVERING_WINDOW_END'] as const;
export type Fulfilment = (typeof FULFILMENTS)[number];

/**
 * The person holds every status of statusesAll, and one of statusesAny (or, when householdStatusesAny
 * is set, a member of the person's household holds one of those), and every attribute condition; then
 * one of requiredProgramsAny is due within windowDays. The window starts on the day all of that first
 * holds (CONDITIONS_MET) or on validFrom of windowStartStatus (STATUS_VALID_FROM). ON_DATE (a county's one-off
 * payment, 春节前一次性物价补贴): whoever meets the conditions on onDate is owed one of requiredProgramsAny by
 * dueDate; a grant from paidFromDate on counts (paid ahead of the date), and windowDays is dueDate - onDate.
 */
export interface MissingBenefitRule extends RuleBase {
  template: 'missing-benefit';
  statusesAll: string[];
  statusesAny: string[];
  householdStatusesAny: string[];
  attributeConditions: AttributeCondition[];
  windowStart: WindowStart;
  windowStartStatus?: string;
  windowDays: number;
  /** ON_DATE only: the day the conditions are checked, the first day a grant counts, the deadline. */
  onDate?: string;
  paidFromDate?: string;
  dueDate?: string;
  requiredProgramsAny: string[];
  fulfilment: Fulfilment;
}

/**
 * A household with a member holding householdStatus, at least one member meeting jobSeeker and no
 * member holding employedStatus: one member needs one of requiredProgramsAny within windowDays of the
 * day that began to hold. Nobody meeting jobSeeker (nobody able to work) is no finding.
 */
export interface HouseholdEmploymentRule extends RuleBase {
  template: 'household-employment';
  householdStatus: string;
  jobSeeker: AttributeCondition;
  employedStatus: string;
  requiredProgramsAny: string[];
  windowDays: number;
}

export const APPLICATION_MILESTONES = ['VERIFIED', 'DECIDED'] as const;
export type ApplicationMilestone = (typeof APPLICATION_MILESTONES)[number];

/**
 * What starts an application's clock. RECEIVED: its receipt (omit.application-sla). REFERRED (contract v1.1 §8,
 * 一门受理、协同办理): each referral of it to another department, which that department's decision answers
 * (omit.referral-sla); then fulfilledBy is DECIDED, the receiving department's decision of the referral.
 */
export const APPLICATION_WINDOW_STARTS = ['RECEIVED', 'REFERRED'] as const;
export type ApplicationWindowStart = (typeof APPLICATION_WINDOW_STARTS)[number];

/**
 * An application of `programs` received (or, windowStart REFERRED, referred) and not reaching one of fulfilledBy
 * within windowWorkingDays (the calendar's working days). windowStart defaults to RECEIVED, so a v1 pack reads as before.
 */
export interface ApplicationSlaRule extends RuleBase {
  template: 'application-sla';
  windowStart: ApplicationWindowStart;
  programs: string[];
  windowWorkingDays: number;
  fulfilledBy: ApplicationMilestone[];
}

export type RuleDefinition =
  | OutsideStandardRule
  | OverlapRule
  | ExclusiveRule
  | SameCauseRule
  | AfterDeathRule
  | MissingBenefitRule
  | HouseholdEmploymentRule
  | ApplicationSlaRule;

export interface EventTimeSettings {
  /** A topic silent longer than this no longer holds event time back (contract §7). */
  idleSpanMinutes: number;
  /** Let the wall clock advance event time (live operation); off for replays, which must give last year's alerts. */
  wallClockAdvance: boolean;
}

/** 公示 (contract section 8): which programs' grants are publicly noticed before payment, and for how many days. */
export interface PublicNoticeSettings {
  programs: string[];
  days: number;
}

export interface RulePack {
  /** The file as named in error messages. */
  file: string;
  eventTime: EventTimeSettings;
  publicNotice: PublicNoticeSettings;
  /** Absolute path of the working-day calendar (written relative to the rule pack file). */
  calendarFile: string;
  rules: RuleDefinition[];
}

/** What a template adds to the common fields: what its field reader returns. */
export type TemplateFields<R extends RuleDefinition> = Omit<R, keyof RuleBase | 'template'>;
