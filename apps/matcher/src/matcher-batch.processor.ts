import { Inject, Injectable, Logger } from '@nestjs/common';
import { IncomingRecord } from '@hub/matching';
import { MESSAGE_BUS, MessageBus, OutboundMessage, PartitionBatch } from '@hub/kafka';
import { AcceptedEventBatch, PERSON_LINK_TYPES, PersonLinkData, PersonMergedData, TopicNames, hubCloudEvent } from '@hub/topics';
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
    const records: IncomingRecord[] = [];
    let skipped = 0;
    for (const message of batch.messages) {
      const accepted = this.parse(message.value);
      if (!accepted) {
        // An internal message intake did not write this way cannot be fixed by resending it: skip it, loudly.
        this.logger.error(`skipped ${batch.topic}[${batch.partition}]@${message.offset}: not an AcceptedEventBatch`);
        skipped++;
        continue;
      }
      for (const event of accepted.events) {
        const person = event.data.person as IncomingRecord['person'] | undefined;
        if (!person) continue;
        const household = event.data.household as IncomingRecord['household'] | undefined;
        records.push({ source: event.source, person, household: household?.householdId ? household : undefined });
      }
    }
    const out: OutboundMessage[] = [];
    // Counted only after the decisions are published, so "records" means linked, stored and announced.
    const counted: string[] = [];
    // In order within the partition: one department record's events arrive in the order sent, and a
    // chunk links its records in that order.
    for (let i = 0; i < records.length; i += this.settings.MATCHER_CHUNK_SIZE) {
      const outcomes = await this.linker.linkChunk(records.slice(i, i + this.settings.MATCHER_CHUNK_SIZE));
      for (const outcome of outcomes) {
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
          out.push({ topic: this.topics.personLinks, key: merged.survivorId, value: hubCloudEvent(SOURCE, PERSON_LINK_TYPES.merged, merged) });
        }
      }
      await batch.heartbeat();
    }
    await this.bus.publish(out);
    for (const name of counted) this.stats.add(name);
    this.stats.counts.skipped += skipped;
  }

  private parse(value: Buffer | null): AcceptedEventBatch | undefined {
    try {
      const parsed = JSON.parse(value?.toString('utf8') ?? '') as AcceptedEventBatch;
      return Array.isArray(parsed?.events) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
}
