import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MESSAGE_BUS, MessageBus } from '@hub/kafka';
import { Outbox } from '@hub/runtime';

/** How often rows a crash left unsent are looked for when no batch arrives to relay them. */
const RELAY_EVERY_MS = 5_000;

/**
 * The matcher's outbox (`matcher_outbox`): link decisions, merges and review pairs are written with the change
 * they describe and relayed after commit, after every batch, at start and on a timer.
 */
@Injectable()
export class MatcherOutbox extends Outbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MatcherOutbox');
  private timer?: NodeJS.Timeout;
  private relaying?: Promise<unknown>;

  constructor(db: DataSource, @Inject(MESSAGE_BUS) bus: MessageBus) {
    super(db, bus, 'matcher_outbox');
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.relayQuietly(), RELAY_EVERY_MS);
    this.timer.unref();
    void this.relayQuietly();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.relaying;
  }

  /** A relay that fails (broker or database away) is tried again by the next one; nothing is lost meanwhile. */
  private async relayQuietly(): Promise<void> {
    if (this.relaying) return;
    this.relaying = this.relay()
      .then(
        (n) =>
          n &&
          this.logger.log(
            `relayed ${n} message(s) no batch had sent yet (a crash, an outage, or a batch still under way)`,
          ),
      )
      .catch((e) => this.logger.warn(`outbox relay failed, will retry: ${(e as Error).message}`))
      .finally(() => (this.relaying = undefined));
    await this.relaying;
  }
}
