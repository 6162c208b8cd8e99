import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { MessageBus } from '@hub/kafka';

/** Short: a readiness probe waits on it, and a broker that takes longer is as good as away. */
export const BROKER_CHECK_TIMEOUT_MS = 1500;

/**
 * Readiness's broker part (key `broker`). The consumer's `running` stays true while kafkajs retries a
 * broker that is away, so only asking the broker tells a service that cannot work from one that can.
 */
export async function brokerHealth(
  indicators: HealthIndicatorService,
  bus: MessageBus,
): Promise<HealthIndicatorResult> {
  const check = indicators.check('broker');
  return (await bus.brokerReachable(BROKER_CHECK_TIMEOUT_MS))
    ? check.up()
    : check.down({ message: `no Kafka broker answered within ${BROKER_CHECK_TIMEOUT_MS} ms` });
}
