import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsContractDate, IsNotBefore } from '../validators';
import { HouseholdRefDto, IdentityBlockDto } from './identity.dto';

export class StatusAssertedDto {
  @IsString() @IsNotEmpty() @MaxLength(128) statusId: string;
  @IsString() @IsNotEmpty() @MaxLength(64) status: string;
  @IsDefined() @ValidateNested() @Type(() => IdentityBlockDto) person: IdentityBlockDto;
  @IsOptional() @ValidateNested() @Type(() => HouseholdRefDto) household?: HouseholdRefDto;
  @IsContractDate() validFrom: string;
  // null is the contract's "still valid".
  @IsOptional() @IsContractDate() @IsNotBefore('validFrom') validTo?: string | null;
  @IsOptional() @IsObject() attributes?: Record<string, unknown>;
}

export class StatusEndedDto {
  @IsString() @IsNotEmpty() @MaxLength(128) statusId: string;
  @IsContractDate() validTo: string;
}
