import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { AdminMetrics } from './http-metrics';

@ApiTags('health')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: AdminMetrics) {}

  /** Prometheus text format. Public like health: it holds counts and timings, no personal data. */
  @Get('metrics')
  @Public()
  @ApiOperation({ summary: 'Prometheus metrics: Node defaults and HTTP requests by route and status' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.send(await this.metrics.registry.metrics());
  }
}
