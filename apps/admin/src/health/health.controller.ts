import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { MESSAGE_BUS, MessageBus } from '@hub/kafka';
import { brokerHealth } from '@hub/runtime';
import { Public } from '../auth/access.decorators';
import { DeadLetterConsumer } from '../dead-letters/dead-letter-consumer';

/**
 * Liveness and readiness of the admin service (@nestjs/terminus). Not libs/runtime's HealthController:
 * the admin's only consumer (dead letters) is optional to its other pages, but it is part of ready,
 * so a deploy waits until dead letters are being copied.
 */
@ApiTags('health')
@Controller()
export class AdminHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly deadLetters: DeadLetterConsumer,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  @Get('health')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  liveness(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database and a Kafka broker answer, and the dead-letter consumer runs' })
  @ApiOkResponse({
    schema: {
      example: {
        status: 'ok',
        info: { database: { status: 'up' }, broker: { status: 'up' }, deadLetterConsumer: { status: 'up' } },
      },
    },
  })
  @ApiServiceUnavailableResponse()
  readiness(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 3000 }),
      () => brokerHealth(this.indicators, this.bus),
      () => {
        const check = this.indicators.check('deadLetterConsumer');
        return this.deadLetters.running
          ? check.up()
          : check.down({ message: 'the dead-letter consumer is not running' });
      },
    ]);
  }
}
