import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DEPARTMENTS } from '@hub/contract';
import { RECOVERY_CASE_STATUSES } from '@hub/topics';

export const CASE_ID_PATTERN = /^R-[A-Za-z0-9_-]{1,64}$/;

/** Filters of the recovery case list (the detector applies them). */
export class RecoveryListQuery {
  @ApiPropertyOptional({ enum: RECOVERY_CASE_STATUSES })
  @IsOptional()
  @IsIn([...RECOVERY_CASE_STATUSES])
  status?: string;
  @ApiPropertyOptional({ enum: DEPARTMENTS, description: 'the department that made the grant to recover from' })
  @IsOptional()
  @IsIn([...DEPARTMENTS])
  department?: string;
  @ApiPropertyOptional({ example: '330502' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'region: a 6-digit region code' })
  region?: string;
  @ApiPropertyOptional({ default: 100, maximum: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class WaiveBody {
  @ApiProperty({ example: '户主去世，家庭无力退还，经乡镇审批免予追回' })
  @IsString()
  @Length(5, 500, { message: 'reason: 5 to 500 characters saying why' })
  reason: string;
}
