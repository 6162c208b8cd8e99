import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export const ALERT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export class DismissBody {
  @ApiProperty({ example: '经核实为同一笔救助的更正记录，非重复' })
  @IsString()
  @Length(5, 500, { message: 'reason: 5 to 500 characters saying why' })
  reason: string;
}
