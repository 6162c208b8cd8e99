import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
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
export class FeedSampler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FeedSampler');
  private readonly rings = new Map<Department, SampleRing>();
  private timer?: NodeJS.Timeout;
  private sampling = false;

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

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  samples(department: Department): OffsetSample[] {
    return this.rings.get(department)!.all();
  }

  private async sample(): Promise<void> {
    // A slow broker must not pile samples up behind each other.
    if (this.sampling) return;
    this.sampling = true;
    try {
      for (const d of DEPARTMENTS) {
        try {
          const offsets = await this.bus.topicOffsets(this.topics.intake(d));
          this.rings.get(d)!.add({ at: Date.now(), high: offsets.reduce((n, o) => n + Number(o.high), 0) });
        } catch (e) {
          // The topic does not exist yet (intake not started), or the broker is away: a gap in the chart.
          this.logger.debug(`no sample of ${d}: ${(e as Error).message}`);
        }
      }
    } finally {
      this.sampling = false;
    }
  }
}
