import { BadRequestException, Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { NOTICE_AREA, YEAR_MONTH, NoticeListView, noticeListCsv } from '@hub/views';
import { AdminSettings } from '../admin.settings';
import { AuditLog } from '../audit/audit-log';
import { Roles } from '../auth/access.decorators';
import { Actor, CurrentActor } from '../auth/actor';
import { callService } from '../upstream/service-call';

const checked = (area: string | undefined, month: string | undefined) => {
  if (!area || !NOTICE_AREA.test(area))
    throw new BadRequestException('area: a 6-digit county, 9-digit township or 12-digit village code');
  if (!month || !YEAR_MONTH.test(month)) throw new BadRequestException('month: YYYY-MM');
  return new URLSearchParams({ area, month }).toString();
};

/**
 * 公示 notice lists (contract section 8): per county, township or village and month, the noticed grants (masked name,
 * program, amount, period) and the 四公布 items of emergency applications; no ID number, phone or address. The detector
 * holds the grants; the console previews and prints them (A4), or downloads them as CSV (audited).
 */
@ApiTags('notices')
@Controller('api/notices')
@ApiBadGatewayResponse({ description: 'the detector did not answer' })
export class NoticesController {
  constructor(
    private readonly settings: AdminSettings,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @Roles('reviewer', 'admin', 'auditor')
  @ApiOperation({ summary: 'A notice list: the area’s noticed grants and emergency applications of the month' })
  @ApiQuery({ name: 'area', example: '330502001001' })
  @ApiQuery({ name: 'month', example: '2026-03' })
  list(@Query('area') area?: string, @Query('month') month?: string): Promise<NoticeListView> {
    return this.call(`/notices?${checked(area, month)}`);
  }

  @Get('export.csv')
  @Roles('reviewer', 'admin', 'auditor')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="notice.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same list as CSV (UTF-8 with BOM, for Excel); audited' })
  async csv(
    @CurrentActor() actor: Actor,
    @Query('area') area?: string,
    @Query('month') month?: string,
  ): Promise<string> {
    const list = await this.call<NoticeListView>(`/notices?${checked(area, month)}`);
    await this.audit.record({
      ...actor,
      action: 'notices.exported',
      target: `${list.area} ${list.month}`,
      detail: { grants: list.grants.length, emergency: list.emergency.length },
    });
    return noticeListCsv(list);
  }

  private call<T>(path: string): Promise<T> {
    return callService<T>(
      'detector',
      { baseUrl: this.settings.DETECTOR_URL, token: this.settings.HUB_SERVICE_TOKEN },
      'GET',
      path,
    );
  }
}
