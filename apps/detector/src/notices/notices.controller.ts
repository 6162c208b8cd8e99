import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RuleBook } from '../rules/rule-book.service';
import { NoticeListView, NoticeQuery } from '@hub/views';
import { NoticeStore } from './notice-store';

/** 公示 notice lists (contract section 8) for the admin service: masked names, no ID number, phone or address. */
@Controller('notices')
export class NoticesController {
  constructor(
    private readonly db: DataSource,
    private readonly store: NoticeStore,
    private readonly rules: RuleBook,
  ) {}

  @Get()
  list(@Query() q: NoticeQuery): Promise<NoticeListView> {
    return this.store.list(this.db.manager, q.area, q.month, this.rules.pack.publicNotice);
  }
}
