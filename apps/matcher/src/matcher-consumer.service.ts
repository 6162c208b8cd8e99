import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, RunningConsumer } from '@hub/kafka';
import { stopProcessOnFatal } from '@hub/runtime';
import { TopicNames } from '@hub/topics';
import { MatcherBatchProcessor } from './matcher-batch.processor';
import { MatcherSettings } from './matcher.settings';

/** The matcher's consumer group on hub.intake.accepted; offsets are committed after links are stored and published. */
@Injectable()
export class MatcherConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MatcherConsumer');
  private consumer?: RunningConsumer;
  /** Partitions this instance holds since the last rebalance; instances of one group split them. */
  assignedPartitions = 0;

  constructor(
    private readonly settings: MatcherSettings,
    private readonly topics: TopicNames,
    private readonly processor: MatcherBatchProcessor,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  get running(): boolean {
    return this.consumer !== undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume(
      {
        groupId: this.settings.MATCHER_GROUP_ID,
        topics: [this.topics.acceptedEvents],
        partitionConcurrency: this.settings.MATCHER_PARTITION_CONCURRENCY,
        fromBeginning: true,
        onFatal: stopProcessOnFatal(this.logger, () => (this.consumer = undefined)),
        onAssigned: (assignment) => {
          this.assignedPartitions = Object.values(assignment).reduce((n, partitions) => n + partitions.length, 0);
          this.logger.log(`assigned ${this.assignedPartitions} partition(s) of ${this.topics.acceptedEvents}`);
        },
      },
      (batch) => this.processor.process(batch),
    );
    this.logger.log(`consuming ${this.topics.acceptedEvents} as group ${this.settings.MATCHER_GROUP_ID}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
    await this.bus.close();
  }
}
