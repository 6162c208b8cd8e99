import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchConsumerService } from './batch-consumer.service';

/** Liveness and readiness, the same for every consuming service: ready = consumer running and database answering. */
@Controller()
export class HealthController {
  constructor(private readonly consumer: BatchConsumerService, private readonly db: DataSource) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    if (!this.consumer.running) throw new ServiceUnavailableException('Kafka consumer is not running');
    await this.db.query('SELECT 1');
    return { status: 'ready' };
  }
}
