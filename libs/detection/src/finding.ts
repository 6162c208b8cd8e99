import { AlertKind, Severity } from '@hub/rules';
import { Overpayment } from './overpayment';
import { EvidenceRef } from './timeline';

/**
 * One finding of one rule: what becomes an alert (contract section 6) when it is first found.
 * `alertId` is stable: derived from the rule and the business identities of the facts behind it
 * (source + benefitId / statusId / applicationId, and the household for household rules), never from
 * event ids, person ids, offsets or the clock, so a replay or a resend finds the same id.
 */
export interface Finding {
  alertId: string;
  kind: AlertKind;
  ruleId: string;
  severity: Severity;
  /** The person concerned; null for a finding about a whole household. */
  personId: string | null;
  householdId: string | null;
  subject: { name: string; idNumberMasked: string };
  evidence: EvidenceRef[];
  /** zh-CN, the rule's explanation template filled in. */
  explanation: string;
  /** Omissions: the end of the window (RFC 3339, +08:00); duplicates: null. */
  dueAt: string | null;
  /**
   * A duplicate that establishes money paid wrongly: how much of which grant (追回, contract section 8). Not part of
   * the published alert; the detector opens a recovery case from it.
   */
  overpayment?: Overpayment;
}

/** An omission window still open: evaluate the household again once event time passes `dueAt`. */
export interface PendingOmission {
  alertId: string;
  ruleId: string;
  personId: string | null;
  householdId: string | null;
  dueAt: string;
}

/**
 * Everything the rules say about one household at event time `now`:
 * - findings: duplicates found, and omissions whose window closed without the required assistance;
 * - pending: omission windows not closed yet (no alert yet: a lagging department causes none);
 * - fulfilled: alert ids of omissions whose required assistance has arrived, on time or late; an
 *   alert raised earlier and now in this list resolves as FULFILLED, one that simply disappeared
 *   (evidence revoked, records unlinked) as RETRACTED.
 */
export interface RuleEvaluation {
  findings: Finding[];
  pending: PendingOmission[];
  fulfilled: string[];
  /**
   * Added (optional, so existing readers are unaffected): omissions that could not be judged, with
   * why. Today only omit.application-sla when the working-day calendar does not cover a day it must
   * count (year missing, or provisional): counting plain weekdays there would set a wrong deadline
   * around an unlisted 春节, so no alert and no pending window; the detector should log these.
   * Evaluating again after the calendar file is extended decides them.
   */
  skipped?: SkippedOmission[];
}

export interface SkippedOmission {
  alertId: string;
  ruleId: string;
  personId: string | null;
  householdId: string | null;
  reason: string;
}
