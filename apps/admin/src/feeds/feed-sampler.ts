import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DEPARTMENTS, Department } from '@hub/contract';
import { MESSAGE_BUS, MessageBus } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { AdminSettings } from '../admin.settings';
import { OffsetSample, SampleRing } from './feed-rates';

/**
 * Samples each department topic's end offsets on a timer, for the events/s charts. The broker keeps
 * no history of rates, so the admin does, in memory (an hour): a restart starts the charts again,
 * which costs no table and no writes every few seconds.
 */
@Injectable()
export class FeedSampler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('FeedSampler');
  private readonly rings = new Map<Department, SampleRing>();
  private timer?: NodeJS.Timeout;
  private sampling?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly topics: TopicNames,
    private readonly settings: AdminSettings,
  ) {
    const capacity = Math.ceil(3600 / settings.ADMIN_FEED_SAMPLE_SECONDS) + 1;
    for (const d of DEPARTMENTS) this.rings.set(d, new SampleRing(capacity));
  }

  onApplicationBootstrap(): void {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), this.settings.ADMIN_FEED_SAMPLE_SECONDS * 1000);
    this.timer.unref();
  }

  /**
   * Stops before the shutdown hooks run (the dead-letter consumer closes the shared Kafka client in
   * its own): a sample after that would open a new connection that nobody closes.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.sampling;
  }

  samples(department: Department): OffsetSample[] {
    return this.rings.get(department)!.all();
  }

  private sample(): Promise<void> {
    // A slow broker must not pile samples up behind each other.
    if (this.sampling || this.stopped) return Promise.resolve();
    this.sampling = this.sampleAll().finally(() => (this.sampling = undefined));
    return this.sampling;
  }

  private async sampleAll(): Promise<void> {
    for (const d of DEPARTMENTS) {
      if (this.stopped) return;
      try {
        const offsets = await this.bus.topicOffsets(this.topics.intake(d));
        this.rings.get(d)!.add({ at: Date.now(), high: offsets.reduce((n, o) => n + Number(o.high), 0) });
      } catch (e) {
        // The topic does not exist yet (intake not started), or the broker is away: a gap in the chart.
        this.logger.debug(`no sample of ${d}: ${(e as Error).message}`);
      }
    }
  }
}
