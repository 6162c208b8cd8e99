import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MonthQuery, MonthlyStatisticsView } from '@hub/views';
import { StatisticsStore } from './statistics-store';

/** 统计与报送: the month's figures, for the admin service. */
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly db: DataSource,
    private readonly store: StatisticsStore,
  ) {}

  @Get()
  month(@Query() query: MonthQuery): Promise<MonthlyStatisticsView> {
    return this.store.month(this.db.manager, query.month);
  }
}
