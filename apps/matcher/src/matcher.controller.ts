import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MatcherConsumer } from './matcher-consumer.service';
import { MatcherStats } from './matcher-stats';

@Controller()
export class MatcherController {
  constructor(private readonly consumer: MatcherConsumer, private readonly stats: MatcherStats, private readonly db: DataSource) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    if (!this.consumer.running) throw new ServiceUnavailableException('matcher consumer is not running');
    await this.db.query('SELECT 1');
    return { status: 'ready' };
  }

  @Get('matcher/stats')
  counts() {
    return { startedAt: this.stats.startedAt.toISOString(), counts: this.stats.counts };
  }
}
