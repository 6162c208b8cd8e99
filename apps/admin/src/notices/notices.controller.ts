import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { NoticeListView, NoticeQuery, noticeListCsv } from '@hub/views';
import { AdminSettings } from '../admin.settings';
import { AuditLog } from '../audit/audit-log';
import { Roles } from '../auth/access.decorators';
import { Actor, CurrentActor } from '../auth/actor';
import { callService } from '../upstream/service-call';

/** The detector's notice list of an area and month, asked for as the query was checked. */
const noticePath = ({ area, month }: NoticeQuery) => `/notices?${new URLSearchParams({ area, month }).toString()}`;

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
  list(@Query() query: NoticeQuery): Promise<NoticeListView> {
    return this.call(noticePath(query));
  }

  @Get('export.csv')
  @Roles('reviewer', 'admin', 'auditor')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="notice.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same list as CSV (UTF-8 with BOM, for Excel); audited' })
  async csv(@CurrentActor() actor: Actor, @Query() query: NoticeQuery): Promise<string> {
    const list = await this.call<NoticeListView>(noticePath(query));
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
