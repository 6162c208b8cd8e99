import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { APPLICATION_CHANNELS, APPLICATION_DECISIONS, DEPARTMENTS } from '../catalogues';
import { IsRfc3339 } from '../validators';
import { HouseholdRefDto, IdentityBlockDto } from './identity.dto';

export class ApplicationReceivedDto {
  @IsString() @IsNotEmpty() @MaxLength(128) applicationId: string;
  @IsDefined() @ValidateNested() @Type(() => IdentityBlockDto) person: IdentityBlockDto;
  @IsOptional() @ValidateNested() @Type(() => HouseholdRefDto) household?: HouseholdRefDto;
  @IsString() @IsNotEmpty() @MaxLength(64) program: string;
  @IsRfc3339() receivedAt: string;
  @IsIn(APPLICATION_CHANNELS) channel: string;
  @IsOptional() @IsString() @MaxLength(512) reason?: string;
}

export class ApplicationVerifiedDto {
  @IsString() @IsNotEmpty() @MaxLength(128) applicationId: string;
  @IsRfc3339() verifiedAt: string;
}

/** Contract v1.1 (section 8): the referral a decision answers, named by the referring source and its applicationId. */
export class ReferralRefDto {
  @IsString() @IsNotEmpty() @MaxLength(256) source: string;
  @IsString() @IsNotEmpty() @MaxLength(128) applicationId: string;
}

export class ApplicationDecidedDto {
  @IsString() @IsNotEmpty() @MaxLength(128) applicationId: string;
  @IsIn(APPLICATION_DECISIONS) decision: string;
  @IsRfc3339() decidedAt: string;
  /** Added in v1.1 (optional): the receiving department decides a referral (一门受理、协同办理). */
  @IsOptional() @ValidateNested() @Type(() => ReferralRefDto) referral?: ReferralRefDto;
}

/**
 * Contract v1.1 (section 8): the township window (its own source) refers the application it received
 * (same source + applicationId) to toDepartment for `need`; that department answers with a decision.
 */
export class ApplicationReferredDto {
  @IsString() @IsNotEmpty() @MaxLength(128) applicationId: string;
  @IsIn(DEPARTMENTS) toDepartment: string;
  @IsString() @IsNotEmpty() @MaxLength(512) need: string;
  @IsRfc3339() referredAt: string;
}
