import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, OutboundMessage, PartitionBatch } from '@hub/kafka';
import {
  GroupCommit,
  QuarantineStore,
  RecordFailure,
  batchPause,
  isolateRecordFailures,
  quarantineSummary,
  retryWhileInfrastructureDown,
} from '@hub/runtime';
import { TopicNames } from '@hub/topics';
import {
  BatchRecords,
  decisionMessages,
  linkedEventValues,
  readAcceptedBatch,
  reviewFeedback,
  secondLookMessages,
} from './batch-feed';
import { MatcherSettings } from './matcher.settings';
import { MatcherStats } from './matcher-stats';
import { MatcherOutbox } from './outbox/matcher-outbox';
import { ChunkOutcome, LinkingOutputs, RecordLinker } from './record-linker';
import { RecordToLink, groupedOutputs } from './grouped-outputs';

/**
 * One batch of hub.intake.accepted: link every record that names a person, then publish the detector's feed.
 * What linking changed (decisions, merges, review pairs) is described in the outbox by the transactions that
 * store it and relayed after the feed; the feed itself is made again from stored links when a batch comes again.
 */
@Injectable()
export class MatcherBatchProcessor {
  private readonly logger = new Logger('MatcherBatch');
  /**
   * The chunks of the batches in hand at once are linked in one transaction, and their feeds published in one
   * request (GroupCommit): fewer statements and round trips per record, and records of two partitions naming one
   * new person meet in one workspace instead of racing.
   */
  readonly linking: GroupCommit<RecordToLink, ChunkOutcome>;
  readonly publishing: GroupCommit<OutboundMessage, never>;

  constructor(
    private readonly topics: TopicNames,
    private readonly linker: RecordLinker,
    private readonly stats: MatcherStats,
    private readonly settings: MatcherSettings,
    private readonly outbox: MatcherOutbox,
    private readonly quarantine: QuarantineStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {
    const inFlight = settings.MATCHER_LINKING_IN_FLIGHT;
    this.linking = new GroupCommit(
      (group) =>
        linker.linkChunk(
          group.map((r) => r.record),
          groupedOutputs(group),
        ),
      inFlight,
    );
    this.publishing = new GroupCommit(async (linked) => {
      await bus.publish(linked);
      outbox.relayAfterBatch();
      return [];
    }, inFlight);
  }

  async process(batch: PartitionBatch, stopping: () => boolean = () => false): Promise<void> {
    let t = performance.now();
    const read = readAcceptedBatch(batch.messages);
    // An internal message intake did not write this way cannot be fixed by resending it: skip it, loudly.
    for (const offset of read.skipped)
      this.logger.error(`skipped ${batch.topic}[${batch.partition}]@${offset}: not an AcceptedEventBatch`);
    this.stats.time('read', t);
    const { outcomes, quarantined } = await this.linkRecords(batch, read, stopping);
    t = performance.now();
    await this.publishFeed(batch, read, outcomes, stopping);
    this.stats.time('publish', t);
    this.count(outcomes, read.skipped.length, quarantined);
  }

  /**
   * In order within the partition: one department record's events arrive in the order sent, and a chunk links
   * its records in that order. A record that makes linking fail for a reason of its own is found by halving the
   * chunk, quarantined, and left out (no outcome); the others are linked.
   */
  private async linkRecords(
    batch: PartitionBatch,
    read: BatchRecords,
    stopping: () => boolean,
  ): Promise<{ outcomes: (ChunkOutcome | undefined)[]; quarantined: number }> {
    const { records, recordTimes, recordOrigins } = read;
    const outcomes = new Array<ChunkOutcome | undefined>(records.length);
    const quarantined: RecordFailure<number>[] = [];
    for (let i = 0; i < records.length; i += this.settings.MATCHER_CHUNK_SIZE) {
      const chunk = Array.from(
        { length: Math.min(this.settings.MATCHER_CHUNK_SIZE, records.length - i) },
        (_, k) => i + k,
      );
      const isolated = await isolateRecordFailures(chunk, {
        work: async (indices) => {
          const outputs = this.outputs(
            batch,
            indices.map((r) => recordTimes[r]),
            indices.map((r) => recordOrigins[r].eventId),
          );
          const linked = await this.linking.submit(indices.map((r) => ({ record: records[r], outputs })));
          indices.forEach((r, k) => (outcomes[r] = linked[k]));
        },
        quarantine: async (failures) =>
          void (await this.quarantine.addFailures(failures, (r) => ({
            inputTopic: batch.topic,
            partition: batch.partition,
            offset: recordOrigins[r].offset,
            recordKey: recordOrigins[r].eventKey,
          }))),
        ...batchPause(batch, this.logger, stopping),
      });
      for (const f of isolated.quarantined) outcomes[f.record] = undefined;
      quarantined.push(...isolated.quarantined);
      await batch.heartbeat();
    }
    if (quarantined.length)
      this.logger.warn(
        `${batch.topic}[${batch.partition}]: ${quarantined.length} record(s) quarantined (see quarantined_record: ${quarantineSummary(quarantined)}), the others linked`,
      );
    return { outcomes, quarantined: quarantined.length };
  }

  /** The detector's feed, then what the outbox holds (linking's decisions, merges, review pairs). */
  private async publishFeed(
    batch: PartitionBatch,
    read: BatchRecords,
    outcomes: (ChunkOutcome | undefined)[],
    stopping: () => boolean,
  ): Promise<void> {
    const linked: OutboundMessage[] = linkedEventValues(batch.topic, batch.partition, read, outcomes).map((value) => ({
      topic: this.topics.linkedEvents,
      partition: batch.partition,
      key: `${batch.topic}:${batch.partition}`,
      value,
    }));
    await retryWhileInfrastructureDown(() => this.publishing.submit(linked), batchPause(batch, this.logger, stopping));
  }

  /** Counted once published, so "records" means linked, stored and announced. */
  private count(outcomes: (ChunkOutcome | undefined)[], skipped: number, quarantined: number): void {
    for (const outcome of outcomes) {
      if (!outcome) continue;
      this.stats.add('records');
      this.stats.add(outcome.link ? outcome.link.decision : 'unchanged');
      if (outcome.merged) this.stats.add('MERGED');
    }
    this.stats.add('batches');
    this.stats.counts.skipped += skipped;
    this.stats.counts.quarantined += quarantined;
  }

  /** What a chunk of this batch stores, as messages for the outbox: persons.links, and the detector's merges and review pairs. */
  private outputs(batch: PartitionBatch, recordTimes: string[], eventIds: string[]): LinkingOutputs {
    return {
      // Records sent to review are told to their department too (feedback.<department>), in the same transaction.
      decisions: (outcomes) => [
        ...decisionMessages(this.topics, batch, outcomes, recordTimes),
        ...reviewFeedback(this.topics, outcomes, eventIds),
      ],
      secondLook: (found, settled) => secondLookMessages(this.topics, batch, found, settled),
    };
  }
}
