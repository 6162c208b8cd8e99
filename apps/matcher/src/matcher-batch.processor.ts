import { Inject, Injectable, Logger } from '@nestjs/common';
import { IdentityBlock } from '@hub/matching';
import { MESSAGE_BUS, MessageBus, OutboundMessage, PartitionBatch } from '@hub/kafka';
import { AcceptedEventBatch, PERSON_LINK_TYPES, TopicNames, hubCloudEvent } from '@hub/topics';
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
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async process(batch: PartitionBatch): Promise<void> {
    const out: OutboundMessage[] = [];
    // Counted only after the decisions are published, so "records" means linked, stored and announced.
    const counted: string[] = [];
    for (const message of batch.messages) {
      const accepted = this.parse(message.value);
      if (!accepted) {
        // An internal message intake did not write this way cannot be fixed by resending it: skip it, loudly.
        this.logger.error(`skipped ${batch.topic}[${batch.partition}]@${message.offset}: not an AcceptedEventBatch`);
        counted.push('skipped');
        continue;
      }
      for (const event of accepted.events) {
        const person = event.data.person as (IdentityBlock & { sourcePersonId: string }) | undefined;
        if (!person) continue;
        // In order within the partition: one department record's events arrive in the order sent.
        const result = await this.linker.link(event.source, person);
        counted.push('records');
        if (!result.link) {
          counted.push('unchanged');
          continue;
        }
        counted.push(result.link.decision);
        out.push({ topic: this.topics.personLinks, key: result.link.personId, value: hubCloudEvent(SOURCE, PERSON_LINK_TYPES.linked, result.link) });
        if (result.merged) {
          counted.push('MERGED');
          out.push({ topic: this.topics.personLinks, key: result.merged.survivorId, value: hubCloudEvent(SOURCE, PERSON_LINK_TYPES.merged, result.merged) });
        }
      }
      await batch.heartbeat();
    }
    await this.bus.publish(out);
    for (const name of counted) this.stats.add(name);
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
