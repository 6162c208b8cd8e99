import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { APPLICATION_CHANNELS, APPLICATION_DECISIONS } from '../catalogues';
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

export class ApplicationDecidedDto {
  @IsString() @IsNotEmpty() @MaxLength(128) applicationId: string;
  @IsIn(APPLICATION_DECISIONS) decision: string;
  @IsRfc3339() decidedAt: string;
}
