import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MonthlyStatisticsView, YEAR_MONTH } from '@hub/views';
import { StatisticsStore } from './statistics-store';

/** 统计与报送: the month's figures, for the admin service. */
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly db: DataSource,
    private readonly store: StatisticsStore,
  ) {}

  @Get()
  month(@Query('month') month?: string): Promise<MonthlyStatisticsView> {
    if (!month || !YEAR_MONTH.test(month)) throw new BadRequestException('month: YYYY-MM');
    return this.store.month(this.db.manager, month);
  }
}
