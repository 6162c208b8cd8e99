import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsContractDate, IsNotBefore, IsRfc3339 } from '../validators';
import { HouseholdRefDto, IdentityBlockDto } from './identity.dto';

export class PeriodDto {
  @IsContractDate() start: string;
  @IsContractDate() @IsNotBefore('start') end: string;
}

export class CauseDto {
  @IsString() @IsNotEmpty() @MaxLength(32) kind: string;
  @IsOptional() @IsString() @MaxLength(128) ref?: string;
}

/** Contract v1.1 (section 8): a department that noticed the grant itself (公示) says when. */
export class NoticePeriodDto {
  @IsContractDate() start: string;
  @IsContractDate() @IsNotBefore('start') end: string;
}

export class BenefitGrantedDto {
  @IsString() @IsNotEmpty() @MaxLength(128) benefitId: string;
  @IsString() @IsNotEmpty() @MaxLength(64) program: string;
  @IsDefined() @ValidateNested() @Type(() => IdentityBlockDto) person: IdentityBlockDto;
  @IsOptional() @ValidateNested() @Type(() => HouseholdRefDto) household?: HouseholdRefDto;
  @IsOptional() @IsInt() @Min(0) amountFen?: number;
  @IsDefined() @ValidateNested() @Type(() => PeriodDto) period: PeriodDto;
  @IsOptional() @ValidateNested() @Type(() => CauseDto) cause?: CauseDto;
  @IsOptional() @IsString() @MaxLength(12) regionCode?: string;
  /** Contract v1.1: the village or township, a 12-digit 统计用区划代码, for the notice lists. */
  @IsOptional()
  @Matches(/^[0-9]{12}$/, { message: '$property must be a 12-digit 统计用区划代码' })
  villageCode?: string;
  @IsOptional() @ValidateNested() @Type(() => NoticePeriodDto) notice?: NoticePeriodDto;
}

export class BenefitRevokedDto {
  @IsString() @IsNotEmpty() @MaxLength(128) benefitId: string;
  @IsContractDate() effective: string;
  @IsOptional() @IsString() @MaxLength(256) reason?: string;
}

/** Contract v1.1 (section 8): several partial recoveries of one grant add up. */
export class BenefitRecoveredDto {
  @IsString() @IsNotEmpty() @MaxLength(128) benefitId: string;
  @IsInt() @Min(1) amountFen: number;
  @IsRfc3339() recoveredAt: string;
  @IsOptional() @IsString() @MaxLength(256) reason?: string;
}
