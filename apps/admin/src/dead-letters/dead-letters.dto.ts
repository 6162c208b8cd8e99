import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DEPARTMENTS } from '@hub/contract';
import { DEAD_LETTER_STATUSES, DeadLetterStatus } from './dead-letter-store';

export const ERROR_CODE_PATTERN = /^[A-Z][A-Z_]{0,63}$/;
export const DEAD_LETTER_ID_PATTERN = /^\d{1,19}$/;

export class DeadLetterQuery {
  @ApiPropertyOptional({ enum: DEPARTMENTS, description: 'a department user sees its own only' })
  @IsOptional()
  @IsIn(DEPARTMENTS, { message: `department must be one of ${DEPARTMENTS.join(', ')}` })
  department?: string;

  @ApiPropertyOptional({ description: 'x-error-code, e.g. NOT_JSON' })
  @IsOptional()
  @Matches(ERROR_CODE_PATTERN, { message: 'code must be an error code such as NOT_JSON' })
  code?: string;

  @ApiPropertyOptional({ enum: DEAD_LETTER_STATUSES })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES, { message: `status must be one of ${DEAD_LETTER_STATUSES.join(', ')}` })
  status?: DeadLetterStatus;

  @ApiPropertyOptional({ description: 'the next page: nextBeforeId of the previous answer' })
  @IsOptional()
  @Matches(DEAD_LETTER_ID_PATTERN, { message: 'beforeId must be a dead letter id' })
  beforeId?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;
}

export class DeadLetterCountsQuery {
  @ApiPropertyOptional({ enum: DEPARTMENTS })
  @IsOptional()
  @IsIn(DEPARTMENTS, { message: `department must be one of ${DEPARTMENTS.join(', ')}` })
  department?: string;
}

export class ReplayCodeRequest {
  @ApiPropertyOptional({ enum: DEPARTMENTS, description: 'required for an admin; a department user replays its own' })
  @IsOptional()
  @IsIn(DEPARTMENTS, { message: `department must be one of ${DEPARTMENTS.join(', ')}` })
  department?: string;

  @ApiProperty({ description: 'every dead letter of this code not yet replayed', example: 'MISSING_FIELD' })
  @Matches(ERROR_CODE_PATTERN, { message: 'code must be an error code such as NOT_JSON' })
  code: string;
}

export class DeadLetterView {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true, enum: DEPARTMENTS }) department: string | null;
  @ApiProperty() errorCode: string;
  @ApiProperty({ type: String, nullable: true, description: 'personal data masked by shape' }) errorDetail:
    string | null;
  @ApiProperty({ type: String, nullable: true }) sourceTopic: string | null;
  @ApiProperty({ type: Number, nullable: true }) sourcePartition: number | null;
  @ApiProperty({ type: String, nullable: true }) sourceOffset: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: Date | null;
  @ApiProperty({ format: 'date-time' }) storedAt: Date;
  @ApiProperty({ type: String, nullable: true, description: 'the dead letter this one is a failed replay of' })
  replayOf: string | null;
  @ApiProperty() replays: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastReplayedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) lastReplayedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the newer dead letter the last replay became' })
  failedAgainAs: string | null;
  @ApiProperty({ enum: DEAD_LETTER_STATUSES }) status: DeadLetterStatus;
}

export class DeadLetterPage {
  @ApiProperty({ type: [DeadLetterView] }) entries: DeadLetterView[];
  @ApiProperty({ type: String, nullable: true }) nextBeforeId: string | null;
}

export class MessageHeaderView {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'UTF-8 text (personal data masked by shape), or "<n bytes>"' }) value: string;
}

export class MaskedValueView {
  @ApiProperty({ enum: ['json', 'text', 'binary', 'empty'] }) format: string;
  @ApiPropertyOptional({ description: 'JSON with identity fields masked, or masked text' }) value?: unknown;
  @ApiPropertyOptional({ description: 'size of a value that is not shown' }) bytes?: number;
}

export class DeadLetterDetailView extends DeadLetterView {
  @ApiProperty({ type: String, nullable: true, description: "the department's key (its sourcePersonId)" }) key:
    string | null;
  @ApiProperty({ type: [MessageHeaderView] }) headers: MessageHeaderView[];
  @ApiProperty({ type: MaskedValueView }) value: MaskedValueView;
  @ApiProperty({ description: 'position on intake.dead-letter' }) position: {
    topic: string;
    partition: number;
    offset: string;
  };
}

export class DeadLetterCountView {
  @ApiProperty({ type: String, nullable: true }) department: string | null;
  @ApiProperty() errorCode: string;
  @ApiProperty() count: number;
  @ApiProperty() notReplayed: number;
}

export class ReplayResult {
  @ApiProperty() replayed: number;
  @ApiProperty({ type: [String] }) ids: string[];
}
