/**
 * What the detector knows of a household, as rule evaluation reads it: per member, every benefit,
 * status and emergency application any department sent, already tied to hub persons by the matcher
 * and already reduced to their effective form (corrections applied, revocations cut, ended statuses
 * closed). Built by apps/detector from the event stream; read here only, never by wall clock.
 */

/** Contract section 6, `evidence[]`: where a fact came from, so a caseworker can find the source event. */
export interface EvidenceRef {
  source: string;
  eventId: string;
  topic: string;
  partition: number;
  offset: number;
  benefitId?: string;
  statusId?: string;
  applicationId?: string;
  program?: string;
  status?: string;
}

/** A grant as it counts now: the latest correction of `benefitId` from `source`, cut at its revocation. */
export interface BenefitFact {
  source: string;
  benefitId: string;
  program: string;
  amountFen: number | null;
  /** County dates, inclusive. A revocation effective on day E ends the period on E - 1. */
  period: { start: string; end: string };
  cause: { kind: string; ref: string } | null;
  regionCode: string;
  /** The event's `time` (RFC 3339): when the department granted it. */
  grantedAt: string;
  evidence: EvidenceRef;
}

/** A status as it holds now: `validTo` null is open-ended; status.ended sets it. */
export interface StatusFact {
  source: string;
  statusId: string;
  status: string;
  validFrom: string;
  validTo: string | null;
  attributes: Record<string, unknown>;
  assertedAt: string;
  evidence: EvidenceRef;
}

export interface ApplicationFact {
  source: string;
  applicationId: string;
  program: string;
  channel: string | null;
  /** RFC 3339 instants. */
  receivedAt: string;
  verifiedAt: string | null;
  decidedAt: string | null;
  decision: 'APPROVED' | 'REJECTED' | null;
  evidence: EvidenceRef;
  /**
   * Contract v1.1 §8 (一门受理、协同办理): the application's referrals by its source (the township window) to
   * other departments, one per department asked, each with that department's decision of it once one came.
   */
  referrals: ReferralFact[];
}

/** A referral of an application (`assist.application.referred.v1`) and its answer (`assist.application.decided.v1` with `referral`). */
export interface ReferralFact {
  /** The department asked (contract §1 code); the referring one is the application's source's. */
  toDepartment: string;
  need: string;
  /** RFC 3339 instants. */
  referredAt: string;
  decidedAt: string | null;
  decision: 'APPROVED' | 'REJECTED' | null;
  /** The referred event. */
  evidence: EvidenceRef;
}

export interface PersonTimeline {
  personId: string;
  /** Masked for alerts (contract section 6 `subject`): never the full name or ID number. */
  subject: { name: string; idNumberMasked: string };
  /**
   * Added (optional): the member's `household.role` as last reported (contract §3, e.g. HEAD, CHILD).
   * Household findings name the head as their subject when one is known.
   */
  householdRole?: string | null;
  benefits: BenefitFact[];
  statuses: StatusFact[];
  applications: ApplicationFact[];
}

/** Rules run per household: a person no department placed in a household is a household of one (householdId null). */
export interface HouseholdTimeline {
  householdId: string | null;
  members: PersonTimeline[];
}
