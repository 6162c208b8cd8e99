import { Body, Controller, Get, NotFoundException, Param, Post, Query } from '@nestjs/common';
import {
  AlertDismissed,
  AlertHistoryView,
  AlertQuery,
  AlertView,
  AlertWithHistoryView,
  DismissAlertRequest,
} from '@hub/views';
import { DataSource } from 'typeorm';
import { DetectorStats } from '../detector-stats';
import { AlertBook } from './alert-book';
import { AlertPublisher } from './alert-publisher';
import { RecoveryBook } from '../recovery/recovery-book';
import { sourceDepartmentSql } from '@hub/contract';

/** The list's filters, $1..$7 (department: any evidence event from it; sources are /<region>/<department>/<system>). */
const ALERT_FILTER = `($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR rule_id = $2) AND ($3::text IS NULL OR kind = $3)
  AND ($4::text IS NULL OR region_code = $4)
  AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements(raised->'evidence') e WHERE ${sourceDepartmentSql("e->>'source'")} = $5))
  AND ($6::date IS NULL OR detected_at >= $6::date) AND ($7::date IS NULL OR detected_at < $7::date + 1)`;

const alertFilterValues = (query: AlertQuery): (string | null)[] => [
  query.status ?? null,
  query.ruleId ?? null,
  query.kind ?? null,
  query.region ?? null,
  query.department ?? null,
  query.from ?? null,
  query.to ?? null,
];

/** Alerts as stored, with their history; dismissal by a reviewer (published as DISMISSED). */
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly db: DataSource,
    private readonly book: AlertBook,
    private readonly publisher: AlertPublisher,
    private readonly stats: DetectorStats,
    private readonly recoveries: RecoveryBook,
  ) {}

  @Get()
  async list(@Query() query: AlertQuery): Promise<AlertView[]> {
    const rows: AlertRow[] = await this.db.query(
      `SELECT alert_id, kind, rule_id, severity, person_id, household_id, region_code, status, raised, detected_at, resolution, resolved_at, reason
       FROM alert WHERE ${ALERT_FILTER} ORDER BY detected_at DESC, alert_id LIMIT $8 OFFSET $9`,
      [...alertFilterValues(query), query.limit ?? 200, query.offset ?? 0],
    );
    return rows.map(present);
  }

  /** How many alerts the same filters find: the console's lists say "of N" and page through them. */
  @Get('count')
  async count(@Query() query: AlertQuery): Promise<{ total: number }> {
    const [row]: { total: number }[] = await this.db.query(
      `SELECT count(*)::int AS total FROM alert WHERE ${ALERT_FILTER}`,
      alertFilterValues(query),
    );
    return { total: row.total };
  }

  @Get(':alertId')
  async one(@Param('alertId') alertId: string): Promise<AlertWithHistoryView> {
    const rows: AlertRow[] = await this.db.query('SELECT * FROM alert WHERE alert_id = $1', [alertId]);
    if (!rows.length) throw new NotFoundException(`no alert ${alertId}`);
    const history: AlertHistoryView[] = await this.db.query(
      'SELECT change, topic, recorded_at, published_at, cloud_event FROM alert_history WHERE alert_id = $1 ORDER BY seq',
      [alertId],
    );
    return { ...present(rows[0]), history };
  }

  @Post(':alertId/dismiss')
  async dismiss(@Param('alertId') alertId: string, @Body() request: DismissAlertRequest): Promise<AlertDismissed> {
    const done = await this.db.transaction(async (tx) => {
      const at = new Date();
      if (!(await this.book.resolve(tx, alertId, 'DISMISSED', at, `${request.reason}（${request.by}）`))) return false;
      // A dismissed alert establishes nothing: its recovery case, if it opened one, is cancelled with it.
      await this.recoveries.alertDismissed(tx, alertId, at);
      return true;
    });
    if (!done) throw new NotFoundException(`no open alert ${alertId}`);
    this.stats.add('dismissed');
    await this.publisher.publishPending();
    await this.recoveries.outbox.relay();
    return { alertId, resolution: 'DISMISSED' };
  }
}

/** A row of the alert table as pg returns it (timestamptz as Date, jsonb parsed). */
interface AlertRow {
  alert_id: string;
  kind: AlertView['kind'];
  rule_id: string;
  severity: AlertView['severity'];
  person_id: string | null;
  household_id: string | null;
  region_code: string | null;
  status: AlertView['status'];
  raised: AlertView['alert'];
  detected_at: Date;
  resolution: AlertView['resolution'];
  resolved_at: Date | null;
  reason: string | null;
}

function present(r: AlertRow): AlertView {
  return {
    alertId: r.alert_id,
    kind: r.kind,
    ruleId: r.rule_id,
    severity: r.severity,
    personId: r.person_id,
    householdId: r.household_id,
    regionCode: r.region_code,
    status: r.status,
    alert: r.raised,
    detectedAt: r.detected_at.toISOString(),
    resolution: r.resolution,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    reason: r.reason,
  };
}
