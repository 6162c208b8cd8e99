import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export const PERSON_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export class UnmaskRequest {
  @ApiProperty({ description: 'why the reviewer needs to see this person; kept in the audit log', example: '核对重复救助预警 A-2026-0012' })
  @IsString() @Length(5, 500, { message: 'reason: 5 to 500 characters saying why' })
  reason: string;
}

export class PersonSubjectView {
  @ApiProperty({ description: 'the person asked for' }) requestedId: string;
  @ApiProperty({ description: 'the person now (a merged person answers with the survivor)' }) personId: string;
  @ApiProperty({ type: String, nullable: true }) householdId: string | null;
  @ApiProperty({ description: 'name and ID number as the detector holds them', example: { name: '王*明', idNumberMasked: '330502********1234' } })
  subject: { name: string; idNumberMasked: string };
  @ApiProperty({ description: 'false while no service the admin reads holds unmasked identities' }) unmasked: boolean;
  @ApiProperty() note: string;
  @ApiProperty({ description: 'the audit row that records this look' }) auditSeq: string;
}
