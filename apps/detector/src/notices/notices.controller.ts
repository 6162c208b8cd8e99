import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RuleBook } from '../rules/rule-book.service';
import { NOTICE_AREA, YEAR_MONTH, NoticeListView } from '@hub/views';
import { NoticeStore } from './notice-store';

const checked = (area: string | undefined, month: string | undefined): { area: string; month: string } => {
  if (!area || !NOTICE_AREA.test(area))
    throw new BadRequestException('area: a 6-digit county, 9-digit township or 12-digit village code');
  if (!month || !YEAR_MONTH.test(month)) throw new BadRequestException('month: YYYY-MM');
  return { area, month };
};

/** 公示 notice lists (contract section 8) for the admin service: masked names, no ID number, phone or address. */
@Controller('notices')
export class NoticesController {
  constructor(
    private readonly db: DataSource,
    private readonly store: NoticeStore,
    private readonly rules: RuleBook,
  ) {}

  @Get()
  list(@Query('area') area?: string, @Query('month') month?: string): Promise<NoticeListView> {
    const q = checked(area, month);
    return this.store.list(this.db.manager, q.area, q.month, this.rules.pack.publicNotice);
  }
}
