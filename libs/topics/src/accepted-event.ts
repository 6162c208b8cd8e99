import { ContentMode, Department, QualityFlag } from '@hub/contract';

/**
 * One event stored in the event store; `storeSeq` is its row id there. Re-published if intake restarts
 * mid-batch, so consumers must be idempotent on (source, id).
 */
export interface AcceptedEvent {
  storeSeq: string;
  source: string;
  id: string;
  type: string;
  time: string;
  department: Department;
  regionCode: string;
  mode: ContentMode;
  topic: string;
  partition: number;
  offset: string;
  receivedAt: string;
  qualityFlags: QualityFlag[];
  data: Record<string, unknown>;
}

/**
 * Value of `hub.intake.accepted` (JSON): the accepted events of one intake partition batch, in offset
 * order. Batched because one Kafka record per event cost intake more CPU than everything else it does.
 * Written to the partition with the same number as the source partition (modulo the partition count),
 * so one department record's events stay in order, as they were on the intake topic.
 */
export interface AcceptedEventBatch {
  sourceTopic: string;
  sourcePartition: number;
  events: AcceptedEvent[];
  /**
   * On the last value of an intake batch: every message of the source partition up to this offset is
   * dealt with (accepted, a duplicate, or dead-lettered). A batch with nothing to accept still sends it,
   * with no events, so event time knows that nothing of the partition is still on its way.
   */
  sourceThroughOffset?: string;
}

/** How far the pipeline has dealt with one intake partition: every message up to `throughOffset`. */
export interface IntakeProgress {
  topic: string;
  partition: number;
  throughOffset: string;
}

/** Largest JSON value intake writes to `hub.intake.accepted`; the broker's default limit is 1 MiB. */
export const ACCEPTED_BATCH_MAX_BYTES = 512 * 1024;
