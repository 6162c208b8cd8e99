import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MESSAGE_BUS, MessageBus } from '@hub/kafka';
import { Outbox } from '@hub/runtime';
import { MatcherStats } from '../matcher-stats';

/** How often rows a crash left unsent are looked for when no batch arrives to relay them. */
const RELAY_EVERY_MS = 5_000;

/**
 * The matcher's outbox (`matcher_outbox`): link decisions, merges and review pairs are written with the change
 * they describe and relayed after commit: behind every batch's feed, at start and on a timer.
 */
@Injectable()
export class MatcherOutbox extends Outbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MatcherOutbox');
  private timer?: NodeJS.Timeout;
  private relaying?: Promise<void>;
  /** A batch asked for a relay while one ran: its rows may have been committed after that relay read. */
  private askedAgain = false;
  private closed = false;

  constructor(
    db: DataSource,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    private readonly stats: MatcherStats,
  ) {
    super(db, bus, 'matcher_outbox');
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.relayInBackground(true), RELAY_EVERY_MS);
    this.timer.unref();
    void this.relayInBackground(true);
  }

  /** What the batches before the stop committed goes out now, not at the next start. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.relayInBackground(false);
    this.closed = true;
    await this.relaying;
  }

  /**
   * After a batch's feed is published: its outbox rows go out in the background while the next batch is linked.
   * Nothing waits for them: they are durable copies (the feed already carried its merges and review pairs to the
   * detector), and rows a crash leaves unsent go out at the next start.
   */
  relayAfterBatch(): void {
    void this.relayInBackground(false);
  }

  /** A relay that fails (broker or database away) is tried again by the next one; nothing is lost meanwhile. */
  private relayInBackground(announce: boolean): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.relaying) {
      this.askedAgain = true;
      return this.relaying;
    }
    this.relaying = (async () => {
      const started = performance.now();
      this.askedAgain = false;
      // Only the first pass is announced: later passes send rows of batches that asked meanwhile, not rows left behind.
      const sent = await this.relay();
      while (this.askedAgain && !this.closed) {
        this.askedAgain = false;
        await this.relay();
      }
      this.stats.time('relay', started);
      if (announce && sent)
        this.logger.log(
          `relayed ${sent} message(s) no batch had sent yet (a crash, an outage, or a batch still under way)`,
        );
    })()
      .catch((e) => this.logger.warn(`outbox relay failed, will retry: ${(e as Error).message}`))
      .finally(() => {
        this.relaying = undefined;
        // Asked for after the last pass had ended but before this: not left for the timer.
        if (this.askedAgain) void this.relayInBackground(false);
      });
    return this.relaying;
  }
}
