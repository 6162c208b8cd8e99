import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntakeConsumer } from './intake-consumer.service';
import { IntakeStats } from './intake-stats';

@Controller()
export class IntakeController {
  constructor(private readonly consumer: IntakeConsumer, private readonly stats: IntakeStats, private readonly db: DataSource) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    if (!this.consumer.running) throw new ServiceUnavailableException('intake consumer is not running');
    await this.db.query('SELECT 1');
    return { status: 'ready' };
  }

  /** Counters since start, per department. */
  @Get('intake/stats')
  counts() {
    return this.stats.snapshot();
  }
}
