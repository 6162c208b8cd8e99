import { BadRequestException, Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuditLog } from '../audit/audit-log';
import { Roles } from '../auth/access.decorators';
import { Actor, CurrentActor } from '../auth/actor';
import { alertsCsv } from './alerts-csv';
import { ALERT_ID_PATTERN, DismissBody } from './alerts.dto';
import { AlertDismissed, AlertQuery, AlertView, AlertWithHistoryView, RuleView } from '@hub/views';
import { DetectorAlerts } from './detector-alerts';

const checkedId = (alertId: string) => {
  if (!ALERT_ID_PATTERN.test(alertId)) throw new BadRequestException('alertId: letters, digits, - and _ only');
  return alertId;
};

/**
 * Alerts for the people who act on them: reviewers filter, read the evidence and explanation, and
 * dismiss with a reason (published as DISMISSED); admins and auditors read them. Subjects are masked
 * as the detector keeps them.
 */
@ApiTags('alerts')
@Controller('api/alerts')
@ApiBadGatewayResponse({ description: 'the detector did not answer' })
export class AlertsController {
  constructor(
    private readonly detector: DetectorAlerts,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @Roles('reviewer', 'admin', 'auditor')
  @ApiOperation({
    summary: 'Alerts, newest first, filtered by kind, rule, region, department, status and detection date',
  })
  @ApiOkResponse({ description: 'the alerts with the raised message (subject masked, evidence, explanation)' })
  list(@Query() query: AlertQuery): Promise<AlertView[]> {
    return this.detector.list({ ...query, limit: query.limit ?? 100 });
  }

  @Get('export.csv')
  @Roles('reviewer', 'admin', 'auditor')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="alerts.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The same filters as a CSV for the monthly review (UTF-8 with BOM, at most 5,000 rows); audited',
  })
  async export(@Query() query: AlertQuery, @CurrentActor() actor: Actor): Promise<string> {
    const alerts = await this.detector.list({ ...query, limit: query.limit ?? 5000 });
    await this.audit.record({
      ...actor,
      action: 'alerts.exported',
      target: 'alerts.csv',
      detail: { filters: { ...query }, rows: alerts.length },
    });
    return alertsCsv(alerts);
  }

  @Get('count')
  @Roles('reviewer', 'admin', 'auditor')
  @ApiOperation({
    summary: 'How many alerts the same filters find (limit and offset ignored): the total the console pages through',
  })
  count(@Query() query: AlertQuery): Promise<{ total: number }> {
    return this.detector.count(query);
  }

  @Get('rules')
  @Roles('reviewer', 'admin', 'auditor')
  @ApiOperation({
    summary:
      'The rules of the pack in force: id, Chinese name, kind, severity, enabled (the console names alerts by them)',
  })
  rules(): Promise<RuleView[]> {
    return this.detector.rules();
  }

  @Get(':alertId')
  @Roles('reviewer', 'admin', 'auditor')
  @ApiOperation({ summary: 'One alert with its evidence, explanation and history' })
  @ApiNotFoundResponse()
  one(@Param('alertId') alertId: string): Promise<AlertWithHistoryView> {
    return this.detector.one(checkedId(alertId));
  }

  @Post(':alertId/dismiss')
  @Roles('reviewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dismiss an open alert with a reason: published as DISMISSED on its alert topic; audited' })
  @ApiNotFoundResponse({ description: 'no open alert of that id' })
  async dismiss(
    @Param('alertId') alertId: string,
    @Body() body: DismissBody,
    @CurrentActor() actor: Actor,
  ): Promise<AlertDismissed> {
    const done = await this.detector.dismiss(checkedId(alertId), { reason: body.reason, by: actor.username });
    await this.audit.record({ ...actor, action: 'alert.dismissed', target: alertId, detail: { reason: body.reason } });
    return done;
  }
}
