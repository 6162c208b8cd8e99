import { parseSource } from '@hub/contract';
import { Overpayment } from '@hub/detection';
import {
  CLOSED_RECOVERY_CASE_STATUSES,
  RecoveryCaseOpenedData,
  RecoveryCaseStatus,
  RecoveryCaseUpdatedData,
} from '@hub/topics';

/**
 * Decisions of 追回 (contract section 8), pure: which case an alert gives, what a case's recoveries come to and which
 * status that is. RecoveryBook applies them; RecoveryStore holds the SQL.
 */

/** Stable: the same alert always gives the same case (alert ids are stable the same way). */
export function caseIdOf(alertId: string): string {
  return `R-${alertId.replace(/^A-/, '')}`;
}

/** One grant a case claims, with every recovery of that grant so far. */
export interface ClaimedGrant {
  source: string;
  benefitId: string;
  dueFen: number;
  /** All recoveries of this grant (source + benefitId), whichever case they settle. */
  recoveriesFen: number;
}

/**
 * What a case has recovered: per grant, its recoveries up to the share the case claims (a department recovering a whole
 * grant does not pay off more of this case than the grant owes it).
 */
export function recoveredOf(grants: readonly ClaimedGrant[]): number {
  return grants.reduce((sum, g) => sum + Math.min(g.dueFen, g.recoveriesFen), 0);
}

/** A closed case stays closed; otherwise all, some or nothing recovered. */
export function statusOf(
  current: RecoveryCaseStatus | undefined,
  amountDueFen: number,
  recoveredFen: number,
): RecoveryCaseStatus {
  if (current && CLOSED_RECOVERY_CASE_STATUSES.includes(current)) return current;
  if (recoveredFen >= amountDueFen) return 'RECOVERED';
  return recoveredFen > 0 ? 'PARTIAL' : 'OPEN';
}

/** The case a duplicate alert's overpayment opens: what `assist.recovery.opened.v1` says. */
export function openedCase(
  alert: { alertId: string; personId: string | null },
  overpayment: Overpayment,
): RecoveryCaseOpenedData {
  return {
    caseId: caseIdOf(alert.alertId),
    alertId: alert.alertId,
    personId: alert.personId,
    // Sources passed intake's check of the contract's pattern, so they parse.
    department: parseSource(overpayment.grants[0].source)?.department ?? '',
    benefitIds: overpayment.grants.map((g) => g.benefitId),
    amountDueFen: overpayment.totalFen,
    basis: overpayment.basis,
  };
}

export interface CaseState {
  caseId: string;
  amountDueFen: number;
  recoveredFen: number;
  status: RecoveryCaseStatus;
}

/**
 * A case after its grants' recoveries are counted again: the update to store and publish, or undefined when nothing
 * changed (a recovery already counted, or a closed case).
 */
export function caseAfterRecoveries(
  state: CaseState,
  grants: readonly ClaimedGrant[],
): RecoveryCaseUpdatedData | undefined {
  if (CLOSED_RECOVERY_CASE_STATUSES.includes(state.status)) return undefined;
  const recoveredFen = recoveredOf(grants);
  const status = statusOf(state.status, state.amountDueFen, recoveredFen);
  if (recoveredFen === state.recoveredFen && status === state.status) return undefined;
  return updateOf(state.caseId, state.amountDueFen, recoveredFen, status);
}

/**
 * A reviewer's waiver or a cancellation: refused (with why) for a case already closed; RECOVERED cannot be waived or
 * cancelled, the money is back.
 */
export function closing(
  state: CaseState,
  status: 'WAIVED' | 'CANCELLED',
  reason: string,
): { update: RecoveryCaseUpdatedData } | { refused: string } {
  if (CLOSED_RECOVERY_CASE_STATUSES.includes(state.status))
    return { refused: `case ${state.caseId} is ${state.status} already` };
  return { update: { ...updateOf(state.caseId, state.amountDueFen, state.recoveredFen, status), reason } };
}

function updateOf(
  caseId: string,
  amountDueFen: number,
  recoveredFen: number,
  status: RecoveryCaseStatus,
): RecoveryCaseUpdatedData {
  return { caseId, recoveredFen, outstandingFen: Math.max(0, amountDueFen - recoveredFen), status };
}
