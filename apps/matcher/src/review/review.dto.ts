import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export const REVIEW_STATUSES = ['OPEN', 'LINKED', 'DIFFERENT'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What a reviewer says of a POSSIBLE_MATCH pair: the record is that person, or someone else. */
export const REVIEW_OUTCOMES = ['SAME', 'DIFFERENT'] as const;

export class ReviewQuery {
  @IsOptional() @IsIn(REVIEW_STATUSES) status?: ReviewStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

/** Who decided and why: the matcher keeps both with the decision; the admin service audits the request. */
class ReviewerStatement {
  @IsString() @Length(1, 100) reviewer!: string;
  @IsString() @Length(1, 500) reason!: string;
}

export class ReviewDecisionRequest extends ReviewerStatement {
  @IsIn(REVIEW_OUTCOMES) outcome!: (typeof REVIEW_OUTCOMES)[number];
}

export class UnlinkRequest extends ReviewerStatement {
  @IsString() @Length(1, 300) source!: string;
  @IsString() @Length(1, 200) sourcePersonId!: string;
}

/** A department record as a reviewer compares it: what the department sent, normalised. */
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
