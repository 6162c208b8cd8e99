import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DEPARTMENTS } from '@hub/contract';
import { DepartmentQualityView, DepartmentReviewsView, MonthQuery, MonthlyStatisticsView } from '@hub/views';
import { AdminSettings } from '../admin.settings';
import { AuditLog } from '../audit/audit-log';
import { Roles } from '../auth/access.decorators';
import { Actor, CurrentActor } from '../auth/actor';
import { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { callService } from '../upstream/service-call';
import { monthlyReportSheets } from './monthly-report';
import { xlsxWorkbook } from './xlsx-workbook';

/**
 * 统计与报送 for the leading group's joint meetings: the detector's month with the dead letters the admin keeps (feed
 * health per department), for the dashboard, and the monthly report as an Excel workbook (audited).
 */
@ApiTags('statistics')
@Controller('api/statistics')
@ApiBadGatewayResponse({ description: 'the detector did not answer' })
export class StatisticsController {
  constructor(
    private readonly settings: AdminSettings,
    private readonly deadLetters: DeadLetterStore,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @Roles('reviewer', 'admin', 'auditor')
  @ApiOperation({
    summary:
      'The month: people assisted and amounts, duplicates and recoveries, omissions, application SLA, feed health',
  })
  month(@Query() query: MonthQuery): Promise<MonthlyStatisticsView> {
    return this.statistics(query.month);
  }

  @Get('report.xlsx')
  @Roles('reviewer', 'admin', 'auditor')
  @Header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The monthly report (报送) as an Excel workbook, in Chinese; audited' })
  async report(@CurrentActor() actor: Actor, @Query() query: MonthQuery): Promise<StreamableFile> {
    const stats = await this.statistics(query.month);
    await this.audit.record({ ...actor, action: 'statistics.exported', target: stats.month });
    return new StreamableFile(xlsxWorkbook(monthlyReportSheets(stats)), {
      disposition: `attachment; filename="report-${stats.month}.xlsx"`,
    });
  }

  private async statistics(month: string): Promise<MonthlyStatisticsView> {
    const token = this.settings.HUB_SERVICE_TOKEN;
    const [stats, quality, reviews, letters] = await Promise.all([
      callService<MonthlyStatisticsView>(
        'detector',
        { baseUrl: this.settings.DETECTOR_URL, token },
        'GET',
        `/statistics?month=${month}`,
      ),
      callService<DepartmentQualityView[]>(
        'intake',
        { baseUrl: this.settings.INTAKE_URL, token },
        'GET',
        `/intake/quality?month=${month}`,
      ),
      callService<DepartmentReviewsView[]>(
        'matcher',
        { baseUrl: this.settings.MATCHER_URL, token },
        'GET',
        `/review-statistics?month=${month}`,
      ),
      this.deadLetters.countsByDepartmentInMonth(month),
    ]);
    // Every department, those that sent nothing too: silence is a finding of its own. The scorecard: what intake kept
    // and flagged, what it could not accept, what waits for a reviewer.
    const departments = DEPARTMENTS.map((d) => {
      const q = quality.find((x) => x.department === d);
      return {
        department: d,
        grants: 0,
        statuses: 0,
        applications: 0,
        ...stats.departments.find((x) => x.department === d),
        deadLetters: letters.get(d) ?? 0,
        accepted: q?.accepted ?? 0,
        flagged: q?.flagged ?? 0,
        flags: q?.flags ?? {},
        sentToReview: reviews.find((x) => x.department === d)?.sentToReview ?? 0,
      };
    });
    return { ...stats, departments };
  }
}
