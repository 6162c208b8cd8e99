import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, RunningConsumer } from '@hub/kafka';
import { stopProcessOnFatal } from '@hub/runtime';
import { TopicNames } from '@hub/topics';
import { IntakeBatchProcessor } from './intake-batch.processor';
import { IntakeSettings } from './intake.settings';
import { IntakeStats } from './intake-stats';

/**
 * Runs the intake consumer group over every intake.* topic. A kafkajs consumer behind MessageBus,
 * not Nest's Kafka transport: that one handles a message at a time and retries a failing one forever.
 */
@Injectable()
export class IntakeConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IntakeConsumer');
  private consumer?: RunningConsumer;
  private progressTimer?: NodeJS.Timeout;
  private lastReceived = 0;
  private lastReport = Date.now();

  constructor(
    private readonly settings: IntakeSettings,
    private readonly topics: TopicNames,
    private readonly processor: IntakeBatchProcessor,
    private readonly stats: IntakeStats,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  get running(): boolean {
    return this.consumer !== undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics(this.topics.provisioning(this.settings.INTAKE_PARTITIONS));
    this.consumer = await this.bus.consume(
      {
        groupId: this.settings.INTAKE_GROUP_ID,
        topics: this.topics.allIntake,
        partitionConcurrency: this.settings.INTAKE_PARTITION_CONCURRENCY,
        fromBeginning: this.settings.INTAKE_FROM_BEGINNING,
        onFatal: stopProcessOnFatal(this.logger, () => (this.consumer = undefined)),
      },
      (batch) => this.processor.process(batch),
    );
    this.logger.log(`consuming ${this.topics.allIntake.join(', ')} as group ${this.settings.INTAKE_GROUP_ID}`);
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
    this.logger.log(`received ${t.received} (${rate.toFixed(0)}/s): stored ${t.stored}, duplicates ${t.duplicates}, redelivered ${t.redelivered}, dead-lettered ${t.deadLettered}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.progressTimer) clearInterval(this.progressTimer);
    await this.consumer?.stop();
    this.consumer = undefined;
    await this.bus.close();
  }
}
