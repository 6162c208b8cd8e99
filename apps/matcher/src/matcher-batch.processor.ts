import { Inject, Injectable, Logger } from '@nestjs/common';
import { IncomingRecord, LinkOutcome } from '@hub/matching';
import { MESSAGE_BUS, MessageBus, OutboundMessage, PartitionBatch } from '@hub/kafka';
import { AcceptedEvent, AcceptedEventBatch, LinkedEvent, LinkedEventBatch, PERSON_LINK_TYPES, ReviewHold, PersonLinkData, PersonMergedData, TopicNames, batchedEventValues, hubCloudEvent, parseEventBatch } from '@hub/topics';
import { MatcherSettings } from './matcher.settings';
import { MatcherStats } from './matcher-stats';
import { RecordLinker } from './record-linker';

const SOURCE = '/hub/matcher';

/** One batch of hub.intake.accepted: link every record that names a person, then publish the decisions. */
@Injectable()
export class MatcherBatchProcessor {
  private readonly logger = new Logger('MatcherBatch');

  constructor(
    private readonly topics: TopicNames,
    private readonly linker: RecordLinker,
    private readonly stats: MatcherStats,
    private readonly settings: MatcherSettings,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async process(batch: PartitionBatch): Promise<void> {
    const events: AcceptedEvent[] = [];
    const records: IncomingRecord[] = [];
    /** For each event, the index of its record in `records`, or -1 when it names no person. */
    const recordOf: number[] = [];
    let skipped = 0;
    for (const message of batch.messages) {
      const accepted = parseEventBatch<AcceptedEventBatch>(message.value);
      if (!accepted) {
        // An internal message intake did not write this way cannot be fixed by resending it: skip it, loudly.
        this.logger.error(`skipped ${batch.topic}[${batch.partition}]@${message.offset}: not an AcceptedEventBatch`);
        skipped++;
        continue;
      }
      for (const event of accepted.events) {
        events.push(event);
        const person = event.data.person as IncomingRecord['person'] | undefined;
        if (!person) {
          recordOf.push(-1);
          continue;
        }
        const household = event.data.household as IncomingRecord['household'] | undefined;
        recordOf.push(records.length);
        records.push({ source: event.source, person, household: household?.householdId ? household : undefined });
      }
    }
    const out: OutboundMessage[] = [];
    const outcomes: LinkOutcome[] = [];
    const merges: PersonMergedData[] = [];
    // Counted only after the decisions are published, so "records" means linked, stored and announced.
    const counted: string[] = [];
    // In order within the partition: one department record's events arrive in the order sent, and a
    // chunk links its records in that order.
    for (let i = 0; i < records.length; i += this.settings.MATCHER_CHUNK_SIZE) {
      for (const outcome of await this.linker.linkChunk(records.slice(i, i + this.settings.MATCHER_CHUNK_SIZE))) {
        outcomes.push(outcome);
        counted.push('records');
        if (!outcome.link) {
          counted.push('unchanged');
          continue;
        }
        counted.push(outcome.link.decision);
        const link: PersonLinkData = { ...outcome.link, householdId: outcome.householdId };
        out.push({ topic: this.topics.personLinks, key: link.personId, value: hubCloudEvent(SOURCE, PERSON_LINK_TYPES.linked, link) });
        if (outcome.merged) {
          counted.push('MERGED');
          const merged: PersonMergedData = { type: 'MERGED', ...outcome.merged };
          merges.push(merged);
          out.push({ topic: this.topics.personLinks, key: merged.survivorId, value: hubCloudEvent(SOURCE, PERSON_LINK_TYPES.merged, merged) });
        }
      }
      await batch.heartbeat();
    }
    out.push(...this.linkedBatches(batch.topic, batch.partition, events, recordOf, outcomes, merges));
    await this.bus.publish(out);
    for (const name of counted) this.stats.add(name);
    this.stats.counts.skipped += skipped;
  }

  /** The detector's feed: every event with its person and household, then the merges and opened review pairs, on the same partition number. */
  private linkedBatches(sourceTopic: string, partition: number, events: AcceptedEvent[], recordOf: number[], outcomes: LinkOutcome[], merges: PersonMergedData[]): OutboundMessage[] {
    const linked = events.map((event, i) => {
      const outcome = recordOf[i] >= 0 ? outcomes[recordOf[i]] : undefined;
      const value: LinkedEvent = { ...event, personId: outcome?.personId ?? null, householdId: outcome?.householdId ?? null, householdPlacedBy: outcome?.householdPlacedBy ?? null };
      return JSON.stringify(value);
    });
    const head = `{"sourceTopic":${JSON.stringify(sourceTopic)},"sourcePartition":${partition},"events":[`;
    const key = `${sourceTopic}:${partition}`;
    const values = batchedEventValues(head, linked);
    const reviewHolds: ReviewHold[] = events.flatMap((event, i) => {
      const link = recordOf[i] >= 0 ? outcomes[recordOf[i]].link : undefined;
      if (link?.decision !== 'POSSIBLE_MATCH') return [];
      return [{ source: link.source, sourcePersonId: link.sourcePersonId, personId: outcomes[recordOf[i]].personId, candidatePersonId: link.personId, open: true, openedAt: event.time }];
    });
    if (merges.length || reviewHolds.length) {
      const decisions: LinkedEventBatch = { sourceTopic, sourcePartition: partition, events: [], ...(merges.length ? { merges } : {}), ...(reviewHolds.length ? { reviewHolds } : {}) };
      values.push(JSON.stringify(decisions));
    }
    return values.map((value) => ({ topic: this.topics.linkedEvents, partition, key, value }));
  }
}
