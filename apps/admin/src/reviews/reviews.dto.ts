import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

export const REVIEW_ID_PATTERN = /^[0-9]{1,18}$/;

const reasonRule = { message: 'reason: 5 to 500 characters saying why' };

export class ReviewListQuery {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, default: 'OPEN' })
  @IsOptional()
  @IsIn([...REVIEW_STATUSES])
  status?: ReviewStatus;
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class ReviewDecisionBody {
  @ApiProperty({
    enum: ['SAME', 'DIFFERENT'],
    description: 'SAME: the record is the proposed person (the two persons merge); DIFFERENT: someone else',
  })
  @IsIn(['SAME', 'DIFFERENT'], { message: 'outcome: SAME or DIFFERENT' })
  outcome: 'SAME' | 'DIFFERENT';
  @ApiProperty({ example: '电话核实：同一人，慈善系统未登记身份证号' })
  @IsString()
  @Length(5, 500, reasonRule)
  reason: string;
}

export class UnlinkBody {
  @ApiProperty({ example: '/330503/civil-affairs/dibao' }) @IsString() @Length(1, 300) source: string;
  @ApiProperty({ example: 'MZ-P-0001' }) @IsString() @Length(1, 200) sourcePersonId: string;
  @ApiProperty({ example: '身份证号录入错误，系另一人' }) @IsString() @Length(5, 500, reasonRule) reason: string;
}

export class LinkRecordBody extends UnlinkBody {
  @ApiProperty({ example: 'P-3f2a9c01b7d4', description: 'the person the record belongs to' })
  @IsString()
  @Length(1, 100)
  personId: string;
}

export class ReviewUnmaskBody {
  @ApiProperty({ description: 'why the reviewer needs to see both records unmasked; kept in the audit log' })
  @IsString()
  @Length(5, 500, reasonRule)
  reason: string;
}

export class RecordKeyBody {
  @ApiProperty({ example: '/330502/charity/cs01' }) @IsString() @Length(1, 300) source: string;
  @ApiProperty({ example: 'CS-P-0007' }) @IsString() @Length(1, 200) sourcePersonId: string;
}

export class SplitPersonBody {
  @ApiProperty({ example: 'P-3f2a9c01b7d4', description: 'the person wrongly merged' })
  @IsString()
  @Length(1, 100)
  personId: string;
  @ApiProperty({
    type: [RecordKeyBody],
    description: 'the records that are someone else: they leave together, for a person of their own',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RecordKeyBody)
  records: RecordKeyBody[];
  @ApiProperty({ example: '核实为同名二人，慈善记录与医保记录系另一人' })
  @IsString()
  @Length(5, 500, reasonRule)
  reason: string;
}
