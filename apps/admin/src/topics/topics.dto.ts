import { ApiProperty } from '@nestjs/swagger';
import { MaskedValueView, MessageHeaderView } from '../dead-letters/dead-letters.dto';
import { PartitionOffsetsView } from '../feeds/feeds.dto';

export class TopicView {
  @ApiProperty() topic: string;
  @ApiProperty({ type: String, nullable: true, description: 'the department of an intake topic' }) department:
    string | null;
  @ApiProperty({ type: [PartitionOffsetsView] }) partitions: PartitionOffsetsView[];
}

export class BrowsedMessageView {
  @ApiProperty() topic: string;
  @ApiProperty() partition: number;
  @ApiProperty() offset: string;
  @ApiProperty({ format: 'date-time', description: 'broker timestamp' }) timestamp: string;
  @ApiProperty({ type: String, nullable: true }) key: string | null;
  @ApiProperty({ type: [MessageHeaderView] }) headers: MessageHeaderView[];
  @ApiProperty({ type: MaskedValueView }) value: MaskedValueView;
}
