import { ContentMode, Department, QualityFlag } from '@hub/contract';

/**
 * Value of `hub.intake.accepted` (JSON), keyed by `<source>|<record key>`. One per event stored in the
 * event store; `storeSeq` is its row id there. Re-published if intake restarts mid-batch, so consumers
 * must be idempotent on (source, id).
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
