import { BadRequestException, Body, Controller, Get, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { DetectorStats } from '../detector-stats';
import { AlertBook } from './alert-book';
import { AlertPublisher } from './alert-publisher';

export class DismissAlertRequest {
  @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @IsString() @IsNotEmpty() @MaxLength(200) by: string;
}

const STATUSES = new Set(['OPEN', 'FULFILLED', 'RETRACTED', 'DISMISSED']);

/** Alerts as stored, with their history; dismissal by a reviewer (published as DISMISSED). */
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly db: DataSource,
    private readonly book: AlertBook,
    private readonly publisher: AlertPublisher,
    private readonly stats: DetectorStats,
  ) {}

  @Get()
  async list(@Query('status') status?: string, @Query('ruleId') ruleId?: string, @Query('kind') kind?: string, @Query('limit') limit = '200') {
    if (status && !STATUSES.has(status)) throw new BadRequestException(`status must be one of ${[...STATUSES].join(', ')}`);
    const n = Math.min(Math.max(Number(limit) || 200, 1), 5000);
    const rows = await this.db.query(
      `SELECT alert_id, kind, rule_id, severity, person_id, household_id, region_code, status, raised, detected_at, resolution, resolved_at, reason
       FROM alert WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR rule_id = $2) AND ($3::text IS NULL OR kind = $3)
       ORDER BY detected_at DESC, alert_id LIMIT $4`,
      [status ?? null, ruleId ?? null, kind ?? null, n],
    );
    return rows.map(present);
  }

  @Get(':alertId')
  async one(@Param('alertId') alertId: string) {
    const rows = await this.db.query('SELECT * FROM alert WHERE alert_id = $1', [alertId]);
    if (!rows.length) throw new NotFoundException(`no alert ${alertId}`);
    const history = await this.db.query('SELECT change, topic, recorded_at, published_at, cloud_event FROM alert_history WHERE alert_id = $1 ORDER BY seq', [alertId]);
    return { ...present(rows[0]), history };
  }

  @Post(':alertId/dismiss')
  async dismiss(@Param('alertId') alertId: string, @Body() request: DismissAlertRequest) {
    const done = await this.db.transaction((tx) => this.book.resolve(tx, alertId, 'DISMISSED', new Date(), `${request.reason}（${request.by}）`));
    if (!done) throw new NotFoundException(`no open alert ${alertId}`);
    this.stats.add('dismissed');
    await this.publisher.publishPending();
    return { alertId, resolution: 'DISMISSED' };
  }
}

function present(r: Record<string, any>) {
  return {
    alertId: r.alert_id, kind: r.kind, ruleId: r.rule_id, severity: r.severity, personId: r.person_id, householdId: r.household_id,
    regionCode: r.region_code, status: r.status, alert: r.raised, detectedAt: r.detected_at, resolution: r.resolution, resolvedAt: r.resolved_at, reason: r.reason,
  };
}
