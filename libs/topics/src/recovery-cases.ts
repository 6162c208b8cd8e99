/**
 * Contract v1.1, section 8: 追回 cases on `cases.recovery` (structured CloudEvents, keyed by caseId). Made by the
 * detector, read by department finance systems and the console.
 */
export const RECOVERY_CASE_TYPES = {
  opened: 'assist.recovery.opened.v1',
  updated: 'assist.recovery.updated.v1',
} as const;

/** OPEN: nothing recovered yet; PARTIAL: some; RECOVERED: all; WAIVED: a reviewer let it go, with a reason; CANCELLED: its alert was retracted or dismissed. */
export const RECOVERY_CASE_STATUSES = ['OPEN', 'PARTIAL', 'RECOVERED', 'WAIVED', 'CANCELLED'] as const;
export type RecoveryCaseStatus = (typeof RECOVERY_CASE_STATUSES)[number];
/** Statuses a case never leaves. */
export const CLOSED_RECOVERY_CASE_STATUSES: readonly RecoveryCaseStatus[] = ['RECOVERED', 'WAIVED', 'CANCELLED'];

export interface RecoveryCaseOpenedData {
  caseId: string;
  alertId: string;
  personId: string | null;
  /** The department of the grant to recover from (of the first, when a case charges several). */
  department: string;
  benefitIds: string[];
  amountDueFen: number;
  /** zh-CN, how the amount was computed, per grant, in words a case worker can redo by hand. */
  basis: string;
}

export interface RecoveryCaseUpdatedData {
  caseId: string;
  recoveredFen: number;
  outstandingFen: number;
  status: RecoveryCaseStatus;
  /** A compatible addition: the reviewer's reason for a waiver, or why the case was cancelled. */
  reason?: string;
}
