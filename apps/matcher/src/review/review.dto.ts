import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { REVIEW_STATUSES, ReviewStatus } from '@hub/views';

export type { RecordView, ReviewStatus, ReviewView } from '@hub/views';

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

export class LinkToPersonRequest extends UnlinkRequest {
  @IsString() @Length(1, 100) personId!: string;
}

export class RecordKey {
  @IsString() @Length(1, 300) source!: string;
  @IsString() @Length(1, 200) sourcePersonId!: string;
}

/** An unmerge: the records named leave the person together, for a person of their own. */
export class SplitPersonRequest extends ReviewerStatement {
  @IsString() @Length(1, 100) personId!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RecordKey)
  records!: RecordKey[];
}
