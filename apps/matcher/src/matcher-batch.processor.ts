import { Inject, Injectable, Logger } from '@nestjs/common';
import { IncomingRecord, LinkOutcome } from '@hub/matching';
import { MESSAGE_BUS, MessageBus, OutboundMessage, PartitionBatch } from '@hub/kafka';
import { OutboxMessage, QuarantineStore, batchPause, isolateRecordFailures, retryWhileInfrastructureDown } from '@hub/runtime';
import {
  AcceptedEvent, AcceptedEventBatch, IntakeProgress, LinkedEvent, LinkedEventBatch, PERSON_LINK_TYPES, PersonLinkData, PersonMergedData, ReviewHold, TopicNames,
  batchedEventValues, hubCloudEvent, markLastValue, parseEventBatch,
} from '@hub/topics';
import { MatcherSettings } from './matcher.settings';
import { MatcherStats } from './matcher-stats';
import { MatcherOutbox } from './outbox/matcher-outbox';
import { LinkingOutputs, RecordLinker, SecondLookMerge } from './record-linker';

const SOURCE = '/hub/matcher';

/** The records of one partition batch that name a person, with the event time of each (review pairs start then). */
interface BatchRecords {
  events: AcceptedEvent[];
  records: IncomingRecord[];
  /** Event time of each record's event. */
  recordTimes: string[];
  /** Where each record's event came from, for the quarantine. */
  recordOrigins: { offset: string; eventKey: string }[];
  /** For each event, the index of its record in `records`, or -1 when it names no person. */
  recordOf: number[];
  progress: IntakeProgress[];
  skipped: number;
}

/**
 * One batch of hub.intake.accepted: link every record that names a person, then publish the detector's feed.
 * What linking changed (decisions, merges, review pairs) is described in the outbox by the transactions that
 * store it and relayed after the feed; the feed itself is made again from stored links when a batch comes again.
 */
@Injectable()
export class MatcherBatchProcessor {
  private readonly logger = new Logger('MatcherBatch');

  constructor(
    private readonly topics: TopicNames,
    private readonly linker: RecordLinker,
    private readonly stats: MatcherStats,
    private readonly settings: MatcherSettings,
    private readonly outbox: MatcherOutbox,
    private readonly quarantine: QuarantineStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async process(batch: PartitionBatch, stopping: () => boolean = () => false): Promise<void> {
    let t = performance.now();
    const { events, records, recordTimes, recordOrigins, recordOf, progress, skipped } = this.read(batch);
    this.stats.time('read', t);
    const outcomes = new Array<LinkOutcome | undefined>(records.length);
    let quarantined = 0;
    // In order within the partition: one department record's events arrive in the order sent, and a
    // chunk links its records in that order. A record that makes linking fail for a reason of its own is
    // found by halving the chunk, quarantined, and left out; the others are linked.
    for (let i = 0; i < records.length; i += this.settings.MATCHER_CHUNK_SIZE) {
      const chunk = Array.from({ length: Math.min(this.settings.MATCHER_CHUNK_SIZE, records.length - i) }, (_, k) => i + k);
      const isolated = await isolateRecordFailures(chunk, {
        work: async (indices) => {
          const linked = await this.linker.linkChunk(indices.map((r) => records[r]), this.outputs(batch, indices.map((r) => recordTimes[r])));
          indices.forEach((r, k) => (outcomes[r] = linked[k]));
        },
        quarantine: async (failures) => void (await this.quarantine.addFailures(failures, (r) => ({ inputTopic: batch.topic, partition: batch.partition, offset: recordOrigins[r].offset, recordKey: recordOrigins[r].eventKey }))),
        ...batchPause(batch, this.logger, stopping),
      });
      for (const f of isolated.quarantined) outcomes[f.record] = undefined;
      quarantined += isolated.quarantined.length;
      await batch.heartbeat();
    }
    if (quarantined) this.logger.warn(`${batch.topic}[${batch.partition}]: ${quarantined} record(s) quarantined (see quarantined_record), the others linked`);
    t = performance.now();
    const linked = this.linkedBatches(batch.topic, batch.partition, events, recordOf, outcomes, progress);
    await retryWhileInfrastructureDown(
      async () => {
        await this.bus.publish(linked);
        await this.outbox.relay();
      },
      batchPause(batch, this.logger, stopping),
    );
    this.stats.time('publish', t);
    // Counted once published, so "records" means linked, stored and announced.
    for (const outcome of outcomes) {
      if (!outcome) continue;
      this.stats.add('records');
      this.stats.add(outcome.link ? outcome.link.decision : 'unchanged');
      if (outcome.merged) this.stats.add('MERGED');
    }
    this.stats.counts.skipped += skipped;
    this.stats.counts.quarantined += quarantined;
  }

  private read(batch: PartitionBatch): BatchRecords {
    const read: BatchRecords = { events: [], records: [], recordTimes: [], recordOrigins: [], recordOf: [], progress: [], skipped: 0 };
    const through = new Map<string, IntakeProgress>();
    for (const message of batch.messages) {
      const accepted = parseEventBatch<AcceptedEventBatch>(message.value);
      if (!accepted) {
        // An internal message intake did not write this way cannot be fixed by resending it: skip it, loudly.
        this.logger.error(`skipped ${batch.topic}[${batch.partition}]@${message.offset}: not an AcceptedEventBatch`);
        read.skipped++;
        continue;
      }
      if (accepted.sourceThroughOffset !== undefined) {
        const key = `${accepted.sourceTopic}:${accepted.sourcePartition}`;
        const before = through.get(key);
        if (!before || BigInt(before.throughOffset) < BigInt(accepted.sourceThroughOffset)) {
          through.set(key, { topic: accepted.sourceTopic, partition: accepted.sourcePartition, throughOffset: accepted.sourceThroughOffset });
        }
      }
      for (const event of accepted.events) {
        read.events.push(event);
        const person = event.data.person as IncomingRecord['person'] | undefined;
        if (!person) {
          read.recordOf.push(-1);
          continue;
        }
        const household = event.data.household as IncomingRecord['household'] | undefined;
        read.recordOf.push(read.records.length);
        read.records.push({ source: event.source, person, household: household?.householdId ? household : undefined });
        read.recordTimes.push(event.time);
        read.recordOrigins.push({ offset: message.offset, eventKey: `${event.source}|${event.id}` });
      }
    }
    read.progress = [...through.values()];
    return read;
  }

  /** What a chunk of this batch stores, as messages for the outbox: persons.links, and the detector's merges and review pairs. */
  private outputs(batch: PartitionBatch, recordTimes: string[]): LinkingOutputs {
    return {
      decisions: (outcomes) => {
        const out: OutboxMessage[] = [];
        const merges: PersonMergedData[] = [];
        const reviewHolds: ReviewHold[] = [];
        outcomes.forEach((outcome, i) => {
          if (!outcome.link) return;
          const link: PersonLinkData = { ...outcome.link, householdId: outcome.householdId };
          out.push({ topic: this.topics.personLinks, key: link.personId, value: hubCloudEvent(SOURCE, PERSON_LINK_TYPES.linked, link) });
          if (outcome.merged) merges.push({ type: 'MERGED', ...outcome.merged });
          if (outcome.link.decision === 'POSSIBLE_MATCH') {
            reviewHolds.push({ source: outcome.link.source, sourcePersonId: outcome.link.sourcePersonId, personId: outcome.personId, candidatePersonId: outcome.link.personId, open: true, openedAt: recordTimes[i] });
          }
        });
        return [...out, ...this.mergeMessages(merges), ...this.detectorDecision(batch, { merges, reviewHolds })];
      },
      merges: (found: SecondLookMerge[]) => {
        const merges: PersonMergedData[] = found.map((m) => ({ type: 'MERGED', ...m }));
        return [...this.mergeMessages(merges), ...this.detectorDecision(batch, { merges, reviewHolds: [] })];
      },
    };
  }

  private mergeMessages(merges: PersonMergedData[]): OutboxMessage[] {
    return merges.map((merged) => ({ topic: this.topics.personLinks, key: merged.survivorId, value: hubCloudEvent(SOURCE, PERSON_LINK_TYPES.merged, merged) }));
  }

  /** Merges and opened review pairs for the detector, on the partition of the events they follow. */
  private detectorDecision(batch: PartitionBatch, decision: { merges: PersonMergedData[]; reviewHolds: ReviewHold[] }): OutboxMessage[] {
    if (decision.merges.length === 0 && decision.reviewHolds.length === 0) return [];
    const value: LinkedEventBatch = {
      sourceTopic: batch.topic, sourcePartition: batch.partition, events: [],
      ...(decision.merges.length ? { merges: decision.merges } : {}), ...(decision.reviewHolds.length ? { reviewHolds: decision.reviewHolds } : {}),
    };
    return [{ topic: this.topics.linkedEvents, partition: batch.partition, key: `${batch.topic}:${batch.partition}`, value: JSON.stringify(value) }];
  }

  /** The detector's feed: every event with its person and household, on the same partition number; the last value says how far each intake partition is dealt with. */
  private linkedBatches(sourceTopic: string, partition: number, events: AcceptedEvent[], recordOf: number[], outcomes: (LinkOutcome | undefined)[], progress: IntakeProgress[]): OutboundMessage[] {
    // A quarantined record's events stay out: the detector would take them for events of nobody.
    const linked = events.flatMap((event, i) => {
      if (recordOf[i] >= 0 && !outcomes[recordOf[i]]) return [];
      const outcome = recordOf[i] >= 0 ? outcomes[recordOf[i]] : undefined;
      const value: LinkedEvent = { ...event, personId: outcome?.personId ?? null, householdId: outcome?.householdId ?? null, householdPlacedBy: outcome?.householdPlacedBy ?? null };
      return [JSON.stringify(value)];
    });
    const head = `{"sourceTopic":${JSON.stringify(sourceTopic)},"sourcePartition":${partition},"events":[`;
    const values = batchedEventValues(head, linked);
    const marked = progress.length ? markLastValue(head, values, { progress }) : values;
    return marked.map((value) => ({ topic: this.topics.linkedEvents, partition, key: `${sourceTopic}:${partition}`, value }));
  }
}
