import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { DEPARTMENTS } from '@hub/contract';
import { ALERT_STATUSES } from '@hub/views';

export const ALERT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Filters of the alert list (the detector applies them); dates are detection days, both included. */
export class AlertListQuery {
  @ApiPropertyOptional({ enum: ['DUPLICATE', 'OMISSION'] }) @IsOptional() @IsIn(['DUPLICATE', 'OMISSION']) kind?: string;
  @ApiPropertyOptional({ example: 'dup.same-program-overlap' }) @IsOptional() @IsString() @MaxLength(100) ruleId?: string;
  @ApiPropertyOptional({ example: '330502' }) @IsOptional() @Matches(/^[0-9]{6}$/, { message: 'region: a 6-digit region code' }) region?: string;
  @ApiPropertyOptional({ enum: DEPARTMENTS, description: 'alerts with evidence from this department' }) @IsOptional() @IsIn([...DEPARTMENTS]) department?: string;
  @ApiPropertyOptional({ enum: ALERT_STATUSES }) @IsOptional() @IsIn([...ALERT_STATUSES]) status?: string;
  @ApiPropertyOptional({ example: '2026-03-01' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-03-31' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ default: 100, maximum: 5000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class DismissBody {
  @ApiProperty({ example: '经核实为同一笔救助的更正记录，非重复' })
  @IsString() @Length(5, 500, { message: 'reason: 5 to 500 characters saying why' }) reason: string;
}
