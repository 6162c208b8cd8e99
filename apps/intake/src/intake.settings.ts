import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { DEFAULT_CONSUMER_GROUPS } from '@hub/topics';
import { CommonSettings, settingFlag } from '@hub/config';

export class IntakeSettings extends CommonSettings {
  @IsString() @IsNotEmpty() INTAKE_GROUP_ID: string = DEFAULT_CONSUMER_GROUPS.intake;

  /**
   * Partitions processed at once; order within a partition is always kept. The batches in hand at once store and
   * publish together (GroupCommit): at 1,000 events/s over 36 partitions, 12 at once made 1,786 inserts a minute
   * where 6 made 3,688 and one at a time 9,119.
   */
  @IsInt() @Min(1) @Max(64) INTAKE_PARTITION_CONCURRENCY: number = 12;

  /** A value larger than this is dead-lettered as OVERSIZE before any parsing. */
  @IsInt() @Min(1024) @Max(8 * 1024 * 1024) INTAKE_MAX_VALUE_BYTES: number = 256 * 1024;

  /** A new consumer group starts at the oldest retained event, so nothing sent before the hub started is lost. */
  @Transform(settingFlag)
  @IsBoolean()
  INTAKE_FROM_BEGINNING: boolean = true;

  @IsInt() @Min(0) @Max(65535) INTAKE_HTTP_PORT: number = 3101;
}
