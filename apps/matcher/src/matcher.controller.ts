import { Controller, Get } from '@nestjs/common';
import { OpenRoute } from '@hub/runtime';
import { MatcherStats } from './matcher-stats';

/** The matcher's counters (no personal data: open, like /metrics); health and readiness come from HealthController (libs/runtime). */
@Controller()
@OpenRoute()
export class MatcherController {
  constructor(private readonly stats: MatcherStats) {}

  @Get('matcher/stats')
  counts() {
    return {
      startedAt: this.stats.startedAt.toISOString(),
      counts: this.stats.counts,
      phaseMs: this.stats.phases.view(),
    };
  }
}
