import { Controller, Get, Inject } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { MESSAGE_BUS, MessageBus } from '@hub/kafka';
import { BatchConsumerService } from './batch-consumer.service';
import { brokerHealth } from './broker-health';
import { OpenRoute } from './service-auth/service-token.guard';

/**
 * Liveness and readiness, the same for every consuming service (@nestjs/terminus): ready = Kafka
 * consumer running, a broker answering and the database answering; 503 otherwise, and 200 again once
 * they are back (no restart needed). Liveness asks nothing of them: a service waiting for its broker
 * is alive, and a supervisor must not kill it for that.
 */
@Controller()
@OpenRoute()
export class HealthController {
  constructor(
    private readonly consumer: BatchConsumerService,
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
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
        return this.consumer.running
          ? check.up({ assignedPartitions: this.consumer.assignedPartitions })
          : check.down({ message: 'Kafka consumer is not running' });
      },
      () => brokerHealth(this.indicators, this.bus),
      () => this.database.pingCheck('database', { timeout: 3000 }),
    ]);
  }
}
