import { Controller, Get } from '@nestjs/common';
import { OpenRoute } from '@hub/runtime';
import { IntakeStats } from './intake-stats';

/** Intake's counters (no personal data: open, like /metrics); health and readiness come from HealthController (libs/runtime). */
@Controller()
@OpenRoute()
export class IntakeController {
  constructor(private readonly stats: IntakeStats) {}

  /** Counters since start, per department. */
  @Get('intake/stats')
  counts() {
    return this.stats.snapshot();
  }
}
