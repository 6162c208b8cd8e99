import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DEPARTMENTS } from '@hub/contract';
import { DeadLetterCountView } from '../dead-letters/dead-letters.dto';

export class FeedsQuery {
  @ApiPropertyOptional({ enum: DEPARTMENTS, description: 'one department; a department user sees its own only' })
  @IsOptional()
  @IsIn(DEPARTMENTS, { message: `department must be one of ${DEPARTMENTS.join(', ')}` })
  department?: string;
}

export class RatePointView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() eventsPerSecond: number;
}

export class PartitionOffsetsView {
  @ApiProperty() partition: number;
  @ApiProperty({ description: 'first offset still held' }) low: string;
  @ApiProperty({ description: 'offset the next message gets' }) high: string;
}

export class ConsumerLagView {
  @ApiProperty() groupId: string;
  @ApiProperty() partition: number;
  @ApiProperty({ description: 'the offset the group reads next' }) committed: string;
  @ApiProperty() high: string;
  @ApiProperty({ description: 'messages the group has not read yet' }) lag: number;
}

export class DepartmentFeedView {
  @ApiProperty({ enum: DEPARTMENTS }) department: string;
  @ApiProperty() topic: string;
  @ApiProperty({ description: 'false until the topic is created (intake creates it at start)' }) exists: boolean;
  @ApiProperty({ type: [RatePointView], description: 'events/s between samples of the end offsets, oldest first' })
  rates: RatePointView[];
  @ApiProperty({ description: 'messages the topic holds now' }) messages: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'broker time of the newest message' })
  lastEventAt: string | null;
  @ApiProperty({ type: [PartitionOffsetsView] }) partitions: PartitionOffsetsView[];
  @ApiProperty({ type: [ConsumerLagView] }) lag: ConsumerLagView[];
  @ApiProperty({ type: [DeadLetterCountView] }) deadLetters: DeadLetterCountView[];
}

export class FeedsView {
  @ApiProperty() sampleSeconds: number;
  @ApiProperty({ type: [DepartmentFeedView] }) departments: DepartmentFeedView[];
}
