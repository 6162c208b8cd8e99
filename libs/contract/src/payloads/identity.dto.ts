import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsContractDate } from '../validators';

/** Section 4. Only sourcePersonId and name are required; everything else may be noisy or absent. */
export class IdentityBlockDto {
  @IsString() @IsNotEmpty() @MaxLength(128) sourcePersonId: string;
  // idType is an open set in practice: an unknown one is kept as-is and matched as NONE.
  @IsOptional() @IsString() @MaxLength(32) idType?: string;
  // Not checked for format here: typos and legacy numbers are data-quality flags, not rejections.
  @IsOptional() @IsString() @MaxLength(64) idNumber?: string;
  @IsString() @IsNotEmpty() @MaxLength(128) name: string;
  @IsOptional() @IsIn(['M', 'F', 'U']) gender?: string;
  @IsOptional() @IsContractDate() birthDate?: string;
  @IsOptional() @IsString() @MaxLength(64) phone?: string;
  @IsOptional() @IsString() @MaxLength(512) address?: string;
  @IsOptional() @IsString() @MaxLength(12) hukouRegion?: string;
}

export class HouseholdRefDto {
  @IsString() @IsNotEmpty() @MaxLength(128) householdId: string;
  @IsOptional() @IsString() @MaxLength(32) role?: string;
}
