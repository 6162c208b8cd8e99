import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BatchConsumerOptions, MessageBus, PartitionBatch, RunningConsumer } from '@hub/kafka';
import { stopProcessOnFatal } from './run-service';

/**
 * The lifecycle every consuming service shares: join the group when the app starts, hand each
 * partition batch to `handle` (whose promise resolving lets the offsets be committed), stop the
 * process if the client gives up, track the partitions held, and leave the group on shutdown.
 * A kafkajs consumer behind MessageBus, not Nest's Kafka transport: that one handles a message at a
 * time and retries a failing one forever.
 */
export abstract class BatchConsumerService implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  private consumer?: RunningConsumer;
  /** Partitions this instance holds since the last rebalance; instances of one group split them. */
  assignedPartitions = 0;

  protected constructor(protected readonly bus: MessageBus) {}

  protected abstract consumerOptions(): Omit<BatchConsumerOptions, 'onFatal' | 'onAssigned'>;

  protected abstract handle(batch: PartitionBatch): Promise<void>;

  /** Runs before the group is joined (e.g. creating topics). */
  protected async beforeConsuming(): Promise<void> {}

  get running(): boolean {
    return this.consumer !== undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.beforeConsuming();
    const options = this.consumerOptions();
    this.consumer = await this.bus.consume(
      {
        ...options,
        onFatal: stopProcessOnFatal(this.logger, () => (this.consumer = undefined)),
        onAssigned: (assignment) => {
          this.assignedPartitions = Object.values(assignment).reduce((n, partitions) => n + partitions.length, 0);
          this.logger.log(`assigned ${this.assignedPartitions} partition(s)`);
        },
      },
      (batch) => this.handle(batch),
    );
    this.logger.log(`consuming ${options.topics.join(', ')} as group ${options.groupId}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
    await this.bus.close();
  }
}
