import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { DEFAULT_CONSUMER_GROUPS } from '@hub/topics';
import { CommonSettings } from '@hub/config';

export class DetectorSettings extends CommonSettings {
  @IsString() @IsNotEmpty() DETECTOR_GROUP_ID: string = DEFAULT_CONSUMER_GROUPS.detector;
  /** The rules file (YAML); empty: the default pack of contract section 7 (libs/rules/rules/default.yaml). */
  @IsString() DETECTOR_RULES_FILE: string = '';
  /** The county's assistance standards (统一救助标准, YAML); empty: libs/rules/standards/default.yaml. */
  @IsString() DETECTOR_STANDARDS_FILE: string = '';
  /**
   * Partitions of hub.events.linked taken at once; their batches share one detection cycle (DetectorBatchProcessor),
   * and cycles take turns, so households two partitions share are still evaluated one cycle at a time. With one, a
   * cycle a batch left the detector 1,700–8,000 events behind at 1,000 events/s (bench:e2e latency phase).
   */
  @IsInt() @Min(1) @Max(64) DETECTOR_PARTITION_CONCURRENCY: number = 6;
  /** How often event time is looked at without new events (idle topics, wall-clock advance), in seconds. */
  @IsInt() @Min(1) @Max(3600) DETECTOR_TICK_SECONDS: number = 5;
  /**
   * Overrides the rule pack's eventTime.idleSpanMinutes, in seconds (0: keep the pack's). For tests and
   * demos, where a feed ends within seconds and its quiet departments should stop holding time back.
   */
  @IsInt() @Min(0) @Max(86_400) DETECTOR_IDLE_SPAN_SECONDS: number = 0;
  /**
   * Days of event time an open review pair holds the omission alerts of its persons' households (the
   * missing benefit may sit on the other person of the pair); after that, with the pair still open, they are
   * published as PROVISIONAL (assist.alert.provisional.v1), so an undecided review never hides an omission for
   * good and no consumer takes it for a confirmed one. 0: no hold (provisional at once while the pair is open).
   */
  @IsInt() @Min(0) @Max(365) DETECTOR_REVIEW_HOLD_DAYS: number = 30;
  @IsInt() @Min(0) @Max(65535) DETECTOR_HTTP_PORT: number = 3103;
}
