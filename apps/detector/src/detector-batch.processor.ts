import { Injectable, Logger } from '@nestjs/common';
import { PartitionBatch } from '@hub/kafka';
import { GroupCommit, QuarantineStore, batchPause, isolateRecordFailures, quarantineSummary } from '@hub/runtime';
import {
  IntakeProgress,
  LinkedEvent,
  LinkedEventBatch,
  PersonMergedData,
  RecordRelink,
  ReviewHold,
  parseEventBatch,
} from '@hub/topics';
import { DetectorCycle } from './detector-cycle';
import { DetectorStats } from './detector-stats';
import { EventClock } from './event-time/event-clock';
import { FactStore } from './facts/fact-store';
import { RecoveryBook } from './recovery/recovery-book';

/** One thing a linked batch tells the detector, with the offset of the message that carried it. */
type LinkedItem = { offset: string } & (
  { event: LinkedEvent } | { merge: PersonMergedData } | { relink: RecordRelink } | { hold: ReviewHold }
);

/** What one partition batch (or a part of it, while a failure is isolated) hands to a detection cycle. */
interface CycleInput {
  items: LinkedItem[];
  progress: IntakeProgress[];
}

const itemKey = (i: LinkedItem): string =>
  'event' in i
    ? `${i.event.source}|${i.event.id}`
    : 'merge' in i
      ? `merge|${i.merge.survivorId}`
      : 'relink' in i
        ? `relink|${i.relink.source}|${i.relink.sourcePersonId}`
        : `hold|${i.hold.source}|${i.hold.sourcePersonId}`;

/**
 * One batch of hub.events.linked: its events and merges become facts, and a detection cycle runs over them.
 * An event that makes the cycle fail for a reason of its own is found by halving the batch and quarantined;
 * the rest are applied. A broker or database away pauses the batch until it is back.
 */
@Injectable()
export class DetectorBatchProcessor {
  private readonly logger = new Logger('DetectorBatch');
  /**
   * The batches of one fetch (up to DETECTOR_PARTITION_CONCURRENCY partitions) go through one cycle (GroupCommit).
   * A cycle's cost is mostly its own (a transaction, event time, due windows, commit, publish), not its events': one
   * cycle a batch left the detector thousands of events behind at 1,000 events/s. Cycles of one instance take turns
   * anyway (DetectorCycle), so grouping adds no race; facts of one household from two partitions are evaluated once.
   */
  readonly cycles = new GroupCommit<CycleInput, never>(async (inputs) => {
    await this.apply(
      inputs.flatMap((i) => i.items),
      inputs.flatMap((i) => i.progress),
    );
    return [];
  });

  constructor(
    private readonly facts: FactStore,
    private readonly clock: EventClock,
    private readonly cycle: DetectorCycle,
    private readonly stats: DetectorStats,
    private readonly quarantine: QuarantineStore,
    private readonly recoveries: RecoveryBook,
  ) {}

  async process(batch: PartitionBatch, stopping: () => boolean = () => false): Promise<void> {
    this.stats.add('batches');
    const items: LinkedItem[] = [];
    const progress: IntakeProgress[] = [];
    let skipped = 0;
    for (const message of batch.messages) {
      const linked = parseEventBatch<LinkedEventBatch>(message.value);
      if (!linked) {
        // Written by the matcher; resending cannot fix it: skip it, loudly.
        this.logger.error(`skipped ${batch.topic}[${batch.partition}]@${message.offset}: not a LinkedEventBatch`);
        skipped++;
        continue;
      }
      const offset = message.offset;
      items.push(...linked.events.map((event) => ({ offset, event })));
      items.push(...(linked.merges ?? []).map((merge) => ({ offset, merge })));
      items.push(...(linked.relinks ?? []).map((relink) => ({ offset, relink })));
      items.push(...(linked.reviewHolds ?? []).map((hold) => ({ offset, hold })));
      progress.push(...(linked.progress ?? []));
    }
    const isolated = await isolateRecordFailures(items, {
      work: async (subset) => void (await this.cycles.submit([{ items: subset, progress }])),
      quarantine: async (failures) =>
        void (await this.quarantine.addFailures(failures, (i) => ({
          inputTopic: batch.topic,
          partition: batch.partition,
          offset: i.offset,
          recordKey: itemKey(i),
        }))),
      ...batchPause(batch, this.logger, stopping),
    });
    if (isolated.quarantined.length)
      this.logger.warn(
        `${batch.topic}[${batch.partition}]: ${isolated.quarantined.length} item(s) quarantined (see quarantined_record: ${quarantineSummary(isolated.quarantined)}), the others applied`,
      );
    const applied = isolated.processed;
    this.stats.add('events', applied.filter((i) => 'event' in i).length);
    this.stats.add('merges', applied.filter((i) => 'merge' in i).length);
    this.stats.add('relinks', applied.filter((i) => 'relink' in i).length);
    this.stats.add('skipped', skipped);
    this.stats.add('quarantined', isolated.quarantined.length);
  }

  /** One cycle over some of the batch: the progress marks go with every part (moving them again changes nothing). */
  private apply(items: LinkedItem[], progress: IntakeProgress[]): Promise<void> {
    const events = items.flatMap((i) => ('event' in i ? [i.event] : []));
    return this.cycle.run(async (tx) => {
      await this.clock.observe(tx, events, progress);
      const touched = await this.facts.apply(
        tx,
        events,
        items.flatMap((i) => ('merge' in i ? [i.merge] : [])),
        items.flatMap((i) => ('relink' in i ? [i.relink] : [])),
        items.flatMap((i) => ('hold' in i ? [i.hold] : [])),
      );
      await this.recoveries.record(tx, events);
      return touched;
    });
  }
}
