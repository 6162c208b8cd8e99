import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class UnmaskRequest {
  @ApiProperty({
    description: 'why the reviewer needs to see this person; kept in the audit log',
    example: '核对重复救助预警 A-2026-0012',
  })
  @IsString()
  @Length(5, 500, { message: 'reason: 5 to 500 characters saying why' })
  reason: string;
}

export class PeopleSearchQuery {
  @ApiProperty({
    description:
      'an ID number in any form a department sends (exact after normalising), or a full name (exact after normalising: traditional characters, minority separators)',
    example: '王小明',
  })
  @IsString()
  @Length(2, 64, { message: 'q: a name or an ID number, 2 to 64 characters' })
  q: string;
}

export class PurgeRequest {
  @ApiProperty({
    description: 'the legal ground and the request it answers (who asked, when); kept in the audit log',
    example: '依《个人信息保护法》第四十七条，本人 2026-11-30 申请删除，经民政局审批 MZ-2026-118',
  })
  @IsString()
  @Length(10, 500, { message: 'reason: 10 to 500 characters naming the legal ground and the request' })
  reason: string;
}
