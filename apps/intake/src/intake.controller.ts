import { Controller, Get } from '@nestjs/common';
import { IntakeStats } from './intake-stats';

/** Intake's counters; health and readiness come from HealthController (libs/runtime). */
@Controller()
export class IntakeController {
  constructor(private readonly stats: IntakeStats) {}

  /** Counters since start, per department. */
  @Get('intake/stats')
  counts() {
    return this.stats.snapshot();
  }
}
