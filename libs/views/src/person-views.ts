/**
 * The matcher's answers over HTTP to the admin service (reviews, people): one definition for the
 * service that answers and the one that asks. Identities are as departments sent them, normalised; the
 * admin masks them unless a reviewer unmasks.
 */
export interface RecordView {
  source: string;
  sourcePersonId: string;
  personId: string;
  name: string;
  idNumber: string | null;
  birthDate: string | null;
  gender: string | null;
  phone: string | null;
  region: string | null;
  decision: string;
  manual: boolean;
}

export const REVIEW_STATUSES = ['OPEN', 'LINKED', 'DIFFERENT'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewView {
  reviewId: string;
  status: ReviewStatus;
  score: number;
  /** Per-field evidence of the pair (field, level, weight in bits), as decided. */
  reasons: { field: string; level: string; weight: number }[];
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  record: RecordView;
  /** The proposed person and every record it holds now. */
  candidate: { personId: string; records: RecordView[] };
}

export interface PersonView {
  personId: string;
  householdId: string | null;
  /** Persons merged into this one (their ids still answer, with this person). */
  mergedIds: string[];
  records: RecordView[];
}
