import { Inject, Injectable, Logger } from '@nestjs/common';
import { BatchConsumerOptions, MESSAGE_BUS, MessageBus, PartitionBatch } from '@hub/kafka';
import { BatchConsumerService } from '@hub/runtime';
import { TopicNames } from '@hub/topics';
import { AdminSettings } from '../admin.settings';
import { deadLetterRecord } from './dead-letter-message';
import { DeadLetterStore } from './dead-letter-store';

/**
 * How dead letters reach the admin: a consumer group of its own on intake.dead-letter stores every
 * message in admin_dead_letter and commits the offset only after the rows are in (a crash redelivers;
 * the unique position skips what was stored). Chosen over reading the topic by offset on each request:
 * the list is filtered by department, code and replay status, which a topic can only answer by reading
 * all of it, and the copy outlives the topic's retention, so a replayed letter's history stays visible.
 */
@Injectable()
export class DeadLetterConsumer extends BatchConsumerService {
  protected readonly logger = new Logger('DeadLetterConsumer');

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    private readonly topics: TopicNames,
    private readonly store: DeadLetterStore,
    private readonly settings: AdminSettings,
  ) {
    super(bus);
  }

  protected async beforeConsuming(): Promise<void> {
    // Intake creates it too; whichever service starts first, the topic is there to subscribe to.
    await this.bus.ensureTopics(
      this.topics
        .provisioning(this.settings.INTAKE_PARTITIONS, this.settings.KAFKA_INTAKE_RETENTION_DAYS)
        .filter((t) => t.topic === this.topics.deadLetter),
    );
  }

  protected consumerOptions(): Omit<BatchConsumerOptions, 'onFatal' | 'onAssigned'> {
    return {
      groupId: this.settings.ADMIN_DEAD_LETTER_GROUP_ID,
      topics: [this.topics.deadLetter],
      partitionConcurrency: 1,
      fromBeginning: true,
    };
  }

  protected async handle(batch: PartitionBatch): Promise<void> {
    const stored = await this.store.append(batch.messages.map((m) => deadLetterRecord(m, this.topics)));
    // Codes and counts only: a dead letter's value holds personal data.
    if (stored > 0) this.logger.log(`stored ${stored} dead letter(s) from partition ${batch.partition}`);
  }
}
