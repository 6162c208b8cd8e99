import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { AUDIT_ACTIONS } from './audit-log';

export class AuditQuery {
  @ApiPropertyOptional({ description: 'from this time on (inclusive), ISO 8601', example: '2026-03-01T00:00:00+08:00' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 time' })
  from?: Date;

  @ApiPropertyOptional({ description: 'before this time (exclusive), ISO 8601' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 time' })
  to?: Date;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  username?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: string;

  @ApiPropertyOptional({ description: 'the next page: the nextBeforeSeq of the previous answer' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'beforeSeq must be a row number' })
  beforeSeq?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AuditEntryView {
  @ApiProperty() seq: string;
  @ApiProperty() at: Date;
  @ApiProperty() username: string;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: string;
  @ApiProperty({ type: String, nullable: true }) target: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView], description: 'newest first' }) entries: AuditEntryView[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as beforeSeq for the next page; null on the last' })
  nextBeforeSeq: string | null;
}
