import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The admin service's Prometheus metrics: Node's default ones and HTTP requests by method, route
 * pattern and status. A registry of its own per app (not prom-client's global one), so two apps in
 * one process (tests) do not register the same metric twice.
 */
@Injectable()
export class AdminMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'admin_http_requests_total',
    help: 'HTTP requests answered by the admin service',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'admin_http_request_duration_seconds',
    help: 'Time to answer an HTTP request of the admin service',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor() {
    this.registry.setDefaultLabels({ service: 'admin' });
    collectDefaultMetrics({ register: this.registry });
  }
}

/**
 * Counts every request, including those the access guard refuses (interceptors would miss those:
 * guards run first). The route label is the matched pattern (/api/users/:username), never the
 * raw path, which would hold user names and person ids and grow without bound.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: AdminMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const end = this.metrics.duration.startTimer();
    response.once('finish', () => {
      const pattern = (request.route as { path?: unknown } | undefined)?.path; // express types route as any
      const route = typeof pattern === 'string' ? `${request.baseUrl ?? ''}${pattern}` : 'unmatched';
      const labels = { method: request.method, route, status: String(response.statusCode) };
      this.metrics.requests.inc(labels);
      end(labels);
    });
    next();
  }
}
