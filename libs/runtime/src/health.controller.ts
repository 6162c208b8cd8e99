import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { BatchConsumerService } from './batch-consumer.service';

/**
 * Liveness and readiness, the same for every consuming service (@nestjs/terminus): ready = Kafka
 * consumer running and database answering; 503 otherwise, which is all deploy/runtime and the
 * benchmarks look at.
 */
@Controller()
export class HealthController {
  constructor(
    private readonly consumer: BatchConsumerService,
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
  ) {}

  @Get('health')
  @HealthCheck()
  liveness(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  readiness(): Promise<HealthCheckResult> {
    return this.health.check([
      () => {
        const check = this.indicators.check('kafkaConsumer');
        return this.consumer.running ? check.up({ assignedPartitions: this.consumer.assignedPartitions }) : check.down({ message: 'Kafka consumer is not running' });
      },
      () => this.database.pingCheck('database', { timeout: 3000 }),
    ]);
  }
}
