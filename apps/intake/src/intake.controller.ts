import { Body, Controller, Get, HttpCode, Post, Query, ValidationPipe } from '@nestjs/common';
import { OpenRoute } from '@hub/runtime';
import { DepartmentQualityView, EventsPurged, MonthQuery, PersonPurgeRequest } from '@hub/views';
import { EventStore } from './event-store';
import { IntakeStats } from './intake-stats';

/** Queries and bodies are checked against their classes (the intake has no app-wide pipe); a bad one is a 400 naming the field. */
const checkedRequest = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

/**
 * Intake's counters (no personal data: open, like /metrics) and the purge of a person's events (the admin's,
 * behind the service token); health and readiness come from HealthController (libs/runtime).
 */
@Controller()
export class IntakeController {
  constructor(
    private readonly stats: IntakeStats,
    private readonly events: EventStore,
  ) {}

  /** Counters since start, per department. */
  @Get('intake/stats')
  @OpenRoute()
  counts() {
    return this.stats.snapshot();
  }

  /** The month's data quality per department (the statistics page's scorecard; behind the service token). */
  @Get('intake/quality')
  quality(@Query(checkedRequest) query: MonthQuery): Promise<DepartmentQualityView[]> {
    return this.events.qualityByDepartment(query.month);
  }

  /** Deletes the stored events of a person's department records (issue 12): the admin's, audited there. */
  @Post('intake/events/purge')
  @HttpCode(200)
  async purge(
    @Body(checkedRequest)
    request: PersonPurgeRequest,
  ): Promise<EventsPurged> {
    return { events: await this.events.purge(request.records) };
  }
}
