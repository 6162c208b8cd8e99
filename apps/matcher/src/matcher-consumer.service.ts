import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, PartitionBatch } from '@hub/kafka';
import { BatchConsumerService } from '@hub/runtime';
import { TopicNames, serviceTopicSpecs } from '@hub/topics';
import { MatcherBatchProcessor } from './matcher-batch.processor';
import { MatcherSettings } from './matcher.settings';
import { PersonStore } from './person-store';
import { DataSource } from 'typeorm';
import { KEY_SCHEME } from '@hub/matching';

/** Records keyed again per transaction at start (each opened and hashed: about a second's work). */
const REKEY_BATCH = 2000;

/** The matcher's consumer group on hub.intake.accepted; offsets are committed after links are stored and published. */
@Injectable()
export class MatcherConsumer extends BatchConsumerService {
  protected readonly logger = new Logger('MatcherConsumer');
  /** Set before the consumer is stopped, which waits for the batch in hand: a pause must not hold that up. */
  private stopping = false;

  constructor(
    private readonly settings: MatcherSettings,
    private readonly topics: TopicNames,
    private readonly processor: MatcherBatchProcessor,
    private readonly store: PersonStore,
    private readonly db: DataSource,
    @Inject(MESSAGE_BUS) bus: MessageBus,
  ) {
    super(bus);
  }

  protected consumerOptions() {
    return {
      groupId: this.settings.MATCHER_GROUP_ID,
      topics: [this.topics.acceptedEvents],
      partitionConcurrency: this.settings.MATCHER_PARTITION_CONCURRENCY,
      fromBeginning: true,
    };
  }

  /** Its topics are there (created, when the hub manages topics; else named if missing) before it consumes. */
  protected async beforeConsuming(): Promise<void> {
    if (await this.store.recordsInClear(this.db.manager)) {
      throw new Error(
        'person_record holds identities written before they were sealed: run `DATABASE_URL=… bash deploy/hub.sh data:reseal` (the demo does it at start) before the matcher',
      );
    }
    await this.rekeyRecords();
    await this.bus.ensureTopics(
      serviceTopicSpecs(
        this.topics,
        'matcher',
        this.settings.INTAKE_PARTITIONS,
        this.settings.KAFKA_INTAKE_RETENTION_DAYS,
      ),
    );
  }

  /**
   * Records keyed under an older scheme (KEY_SCHEME) get today's keys before any record is linked: a record
   * probing by today's keys would not find them by name. Once, after an upgrade; a batch per transaction.
   */
  private async rekeyRecords(): Promise<void> {
    let rekeyed = 0;
    let logged = Date.now();
    for (;;) {
      const n = await this.db.transaction((tx) => this.store.rekeyRecords(tx, REKEY_BATCH));
      if (n === 0) {
        // Rows another instance is keying were skipped: wait until it has committed them, then look again.
        if (!(await this.store.recordsKeyedBefore(this.db.manager))) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      rekeyed += n;
      if (Date.now() - logged > 5000) {
        this.logger.log(`keying records under block key scheme ${KEY_SCHEME}: ${rekeyed} so far`);
        logged = Date.now();
      }
    }
    if (rekeyed) this.logger.log(`keyed ${rekeyed} records stored before block key scheme ${KEY_SCHEME}`);
  }

  protected handle(batch: PartitionBatch): Promise<void> {
    return this.processor.process(batch, () => this.stopping);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await super.onApplicationShutdown();
  }
}
