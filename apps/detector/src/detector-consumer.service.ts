import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, PartitionBatch } from '@hub/kafka';
import { BatchConsumerService } from '@hub/runtime';
import { TopicNames, serviceTopicSpecs } from '@hub/topics';
import { DetectorBatchProcessor } from './detector-batch.processor';
import { DetectorCycle } from './detector-cycle';
import { DetectorSettings } from './detector.settings';
import { EventClock } from './event-time/event-clock';
import { DataSource } from 'typeorm';

/**
 * The detector's consumer group on hub.events.linked (offsets committed after facts and alerts are
 * stored and the alerts published), and the clock tick that lets event time move without new events
 * (idle topics stop holding it back; wall-clock advance when the rule pack asks for it).
 */
@Injectable()
export class DetectorConsumer extends BatchConsumerService {
  protected readonly logger = new Logger('DetectorConsumer');
  private tick?: NodeJS.Timeout;
  /** Set before the consumer is stopped, which waits for the batch in hand: a pause must not hold that up. */
  private stopping = false;

  constructor(
    private readonly settings: DetectorSettings,
    private readonly topics: TopicNames,
    private readonly processor: DetectorBatchProcessor,
    private readonly cycle: DetectorCycle,
    private readonly clock: EventClock,
    private readonly db: DataSource,
    @Inject(MESSAGE_BUS) bus: MessageBus,
  ) {
    super(bus);
  }

  protected consumerOptions() {
    return {
      groupId: this.settings.DETECTOR_GROUP_ID,
      topics: [this.topics.linkedEvents],
      partitionConcurrency: this.settings.DETECTOR_PARTITION_CONCURRENCY,
      fromBeginning: true,
    };
  }

  protected handle(batch: PartitionBatch): Promise<void> {
    return this.processor.process(batch, () => this.stopping);
  }

  protected async beforeConsuming(): Promise<void> {
    await this.bus.ensureTopics(
      serviceTopicSpecs(
        this.topics,
        'detector',
        this.settings.INTAKE_PARTITIONS,
        this.settings.KAFKA_INTAKE_RETENTION_DAYS,
      ),
    );
    // Every intake partition holds event time back from the start, heard from yet or not.
    const partitions = [];
    for (const topic of this.topics.allIntake) {
      for (const o of await this.bus.topicOffsets(topic).catch(() => []))
        partitions.push({ topic, partition: o.partition });
    }
    await this.clock.expect(this.db.manager, partitions);
    this.tick = setInterval(() => {
      this.cycle.run().catch((e) => this.logger.error(`clock tick failed: ${(e as Error).message}`));
    }, this.settings.DETECTOR_TICK_SECONDS * 1000);
    this.tick.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.tick) clearInterval(this.tick);
    await super.onApplicationShutdown();
  }
}
