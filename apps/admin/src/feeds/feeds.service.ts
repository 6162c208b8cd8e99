import { Inject, Injectable } from '@nestjs/common';
import { DEPARTMENTS, Department } from '@hub/contract';
import { MESSAGE_BUS, MessageBus, PartitionOffsets } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { AdminSettings } from '../admin.settings';
import { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { ratesFromSamples } from './feed-rates';
import { FeedSampler } from './feed-sampler';
import { DepartmentFeedView, FeedsView } from './feeds.dto';
import { LastEventTimes } from './last-event-times';

/** The feeds page: per department, rates, last event, partitions, consumer lag and dead letters by code. */
@Injectable()
export class FeedsService {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly topics: TopicNames,
    private readonly sampler: FeedSampler,
    private readonly lastEvents: LastEventTimes,
    private readonly deadLetters: DeadLetterStore,
    private readonly settings: AdminSettings,
  ) {}

  async feeds(department?: string): Promise<FeedsView> {
    const departments = DEPARTMENTS.filter((d) => !department || d === department);
    const existing = new Set(await this.bus.listTopics());
    const offsets = new Map<string, PartitionOffsets[]>();
    for (const d of departments) {
      const topic = this.topics.intake(d);
      if (existing.has(topic)) offsets.set(topic, await this.bus.topicOffsets(topic));
    }
    const [lastAt, committed, counts] = await Promise.all([
      this.lastEvents.latest(offsets),
      this.bus.groupOffsets([...offsets.keys()], (g) => this.settings.ADMIN_FEED_GROUPS.includes(g)),
      this.deadLetters.countsByCode(department),
    ]);
    const view = (d: Department): DepartmentFeedView => {
      const topic = this.topics.intake(d);
      const partitions = offsets.get(topic) ?? [];
      const high = new Map(partitions.map((p) => [p.partition, p.high]));
      return {
        department: d,
        topic,
        exists: offsets.has(topic),
        rates: ratesFromSamples(this.sampler.samples(d)),
        messages: partitions.reduce((n, p) => n + Number(p.high) - Number(p.low), 0),
        lastEventAt: lastAt.get(topic)?.toISOString() ?? null,
        partitions: partitions.map((p) => ({ partition: p.partition, low: p.low, high: p.high })),
        lag: committed
          .filter((c) => c.topic === topic && high.has(c.partition))
          .map((c) => ({
            groupId: c.groupId,
            partition: c.partition,
            committed: c.offset,
            high: high.get(c.partition)!,
            lag: Math.max(0, Number(high.get(c.partition)) - Number(c.offset)),
          }))
          .sort((a, b) => a.groupId.localeCompare(b.groupId) || a.partition - b.partition),
        deadLetters: counts.filter((c) => c.department === d),
      };
    };
    return { sampleSeconds: this.settings.ADMIN_FEED_SAMPLE_SECONDS, departments: departments.map(view) };
  }
}
