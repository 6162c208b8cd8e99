import { Controller, Get } from '@nestjs/common';
import { OpenRoute } from '@hub/runtime';
import { RuleView } from '@hub/views';
import { DetectorCycle } from './detector-cycle';
import { DetectorStats } from './detector-stats';
import { RuleBook } from './rules/rule-book.service';

/** The detector's counters and event time (no personal data: open, like /metrics); health and readiness come from HealthController (libs/runtime). */
@Controller('detector')
@OpenRoute()
export class DetectorController {
  constructor(
    private readonly stats: DetectorStats,
    private readonly cycle: DetectorCycle,
    private readonly rules: RuleBook,
  ) {}

  @Get('stats')
  counters() {
    const reading = this.cycle.lastReading;
    return {
      startedAt: this.stats.startedAt.toISOString(),
      counts: this.stats.counts,
      phaseMs: this.stats.phases.view(),
      eventTime: reading.now?.toISOString() ?? null,
      topics: reading.topics,
      rules: this.rules.pack.rules.filter((r) => r.enabled).map((r) => r.id),
    };
  }

  /** The rules of the pack in force with their names: the console shows 同一救助重复享受, not dup.same-program-overlap. */
  @Get('rules')
  ruleViews(): RuleView[] {
    return this.rules.pack.rules.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      severity: r.severity,
      enabled: r.enabled,
    }));
  }
}
