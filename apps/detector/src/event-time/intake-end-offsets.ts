import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { EndOffsets, partitionKey } from './event-time-decision';

/** End offsets this fresh are used again: cycles run many times a second under load. */
const FRESH_MS = 250;
/** A broker that does not answer within this is taken as unreachable: event time holds meanwhile. */
const TIMEOUT_MS = 2_000;

/**
 * The end offsets of every intake partition, read from the broker: with the offsets the detector has dealt
 * with, they say which partitions still have messages on their way. Undefined when the broker does not
 * answer (then every silent partition holds event time back).
 */
@Injectable()
export class IntakeEndOffsets {
  private readonly logger = new Logger('IntakeEndOffsets');
  private last?: { at: number; ends: EndOffsets | undefined };
  private reading?: Promise<EndOffsets | undefined>;

  constructor(
    private readonly topics: TopicNames,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async read(): Promise<EndOffsets | undefined> {
    if (this.last && Date.now() - this.last.at < FRESH_MS) return this.last.ends;
    this.reading ??= this.fetch().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async fetch(): Promise<EndOffsets | undefined> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), TIMEOUT_MS)));
    const ends = await Promise.race([this.fetchAll(), timeout])
      .catch((e: Error) => {
        this.logger.warn(`intake end offsets unreadable, event time holds: ${e.message}`);
        return undefined;
      })
      .finally(() => clearTimeout(timer));
    this.last = { at: started, ends };
    return ends;
  }

  private async fetchAll(): Promise<EndOffsets> {
    const ends: EndOffsets = new Map();
    const offsets = await Promise.all(
      this.topics.allIntake.map(async (topic) => ({ topic, partitions: await this.bus.topicOffsets(topic) })),
    );
    for (const { topic, partitions } of offsets)
      for (const o of partitions) ends.set(partitionKey(topic, o.partition), BigInt(o.high));
    return ends;
  }
}
