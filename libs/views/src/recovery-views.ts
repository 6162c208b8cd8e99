import type { RecoveryCaseStatus } from '@hub/topics';

/**
 * 追回 cases over HTTP (detector /recovery, the admin's /api/recovery): one definition for the detector that answers
 * and the admin that passes them on. Amounts in fen; times as JSON writes them (ISO 8601).
 */
export interface RecoveryCaseView {
  caseId: string;
  alertId: string;
  ruleId: string;
  personId: string | null;
  /** The department that made the grant to recover from. */
  department: string;
  regionCode: string | null;
  amountDueFen: number;
  recoveredFen: number;
  outstandingFen: number;
  status: RecoveryCaseStatus;
  basis: string;
  openedAt: string;
  updatedAt: string;
  closedBy: string | null;
  closeReason: string | null;
}

/** One case with the grants it claims and every recovery of them. */
export interface RecoveryCaseDetailView extends RecoveryCaseView {
  grants: {
    source: string;
    benefitId: string;
    dueFen: number;
    basis: string;
    recoveries: { amountFen: number; recoveredAt: string; reason: string | null }[];
  }[];
}

/** Amounts by the department that paid and the region of the alert (cancelled cases left out). */
export interface RecoverySummaryView {
  department: string;
  regionCode: string | null;
  cases: number;
  amountDueFen: number;
  recoveredFen: number;
  outstandingFen: number;
  waivedFen: number;
}
