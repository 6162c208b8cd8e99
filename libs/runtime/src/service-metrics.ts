import { Controller, Get, Header, Injectable, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { BatchConsumerService } from './batch-consumer.service';
import { OpenRoute } from './service-auth/service-token.guard';

/**
 * Prometheus metrics of a consuming service: Node's defaults and its consumer's state, read at
 * scrape time. A registry per app (not prom-client's global one): two services in one test process
 * must not register the same metric twice.
 */
@Injectable()
export class ServiceMetrics {
  readonly registry = new Registry();

  /**
   * The consumer is asked for at scrape time, not injected: stores the consumer depends on (the quarantine)
   * register their counters here, and a constructor dependency would make a cycle Nest waits on for ever.
   */
  constructor(consumerOf: () => BatchConsumerService, name: string) {
    this.registry.setDefaultLabels({ service: name });
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'hub_consumer_running',
      help: '1 while the Kafka consumer of this service runs',
      registers: [this.registry],
      collect() {
        this.set(consumerOf().running ? 1 : 0);
      },
    });
    new Gauge({
      name: 'hub_consumer_assigned_partitions',
      help: 'Partitions this instance holds since the last rebalance',
      registers: [this.registry],
      collect() {
        this.set(consumerOf().assignedPartitions);
      },
    });
  }
}

@Controller()
@OpenRoute()
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  /** Prometheus text format: counts and timings, no personal data. */
  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.send(await this.metrics.registry.metrics());
  }
}
