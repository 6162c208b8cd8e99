import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, PartitionBatch } from '@hub/kafka';
import { BatchConsumerService, batchPause, retryWhileInfrastructureDown } from '@hub/runtime';
import { TopicNames, serviceTopicSpecs } from '@hub/topics';
import { IntakeBatchProcessor } from './intake-batch.processor';
import { IntakeSettings } from './intake.settings';
import { IntakeStats } from './intake-stats';

/** The intake consumer group over every intake.* topic, with a progress line every 10 s while events flow. */
@Injectable()
export class IntakeConsumer extends BatchConsumerService {
  protected readonly logger = new Logger('IntakeConsumer');
  private progressTimer?: NodeJS.Timeout;
  private lastReceived = 0;
  private lastReport = Date.now();
  /** Set before the consumer is stopped, which waits for the batch in hand: a pause must not hold that up. */
  private stopping = false;

  constructor(
    private readonly settings: IntakeSettings,
    private readonly topics: TopicNames,
    private readonly processor: IntakeBatchProcessor,
    private readonly stats: IntakeStats,
    @Inject(MESSAGE_BUS) bus: MessageBus,
  ) {
    super(bus);
  }

  protected consumerOptions() {
    return {
      groupId: this.settings.INTAKE_GROUP_ID,
      topics: this.topics.allIntake,
      partitionConcurrency: this.settings.INTAKE_PARTITION_CONCURRENCY,
      fromBeginning: this.settings.INTAKE_FROM_BEGINNING,
    };
  }

  /** Broker or database down: the batch waits and is tried again (storing is idempotent), never dead-lettered for it. */
  protected handle(batch: PartitionBatch): Promise<void> {
    return retryWhileInfrastructureDown(
      () => this.processor.process(batch),
      batchPause(batch, this.logger, () => this.stopping),
    );
  }

  protected async beforeConsuming(): Promise<void> {
    await this.bus.ensureTopics(
      serviceTopicSpecs(
        this.topics,
        'intake',
        this.settings.INTAKE_PARTITIONS,
        this.settings.KAFKA_INTAKE_RETENTION_DAYS,
      ),
    );
    this.progressTimer = setInterval(() => this.reportProgress(), 10_000);
    this.progressTimer.unref();
  }

  private reportProgress(): void {
    const t = this.stats.total();
    if (t.received === this.lastReceived) return;
    const now = Date.now();
    const rate = ((t.received - this.lastReceived) * 1000) / (now - this.lastReport);
    this.lastReceived = t.received;
    this.lastReport = now;
    const { storing, publishing } = this.processor;
    this.logger.log(
      `received ${t.received} (${rate.toFixed(0)}/s): stored ${t.stored}, duplicates ${t.duplicates}, redelivered ${t.redelivered}, dead-lettered ${t.deadLettered}; batches grouped into ${storing.counts.runs} statements (${storing.counts.submissions} batches) and ${publishing.counts.runs} publishes`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.progressTimer) clearInterval(this.progressTimer);
    await super.onApplicationShutdown();
  }
}
