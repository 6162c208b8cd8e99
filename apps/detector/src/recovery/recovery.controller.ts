import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DEPARTMENTS } from '@hub/contract';
import { RECOVERY_CASE_STATUSES, RecoveryCaseStatus, RecoveryCaseUpdatedData } from '@hub/topics';
import { RecoveryCaseDetailView, RecoveryCaseView, RecoverySummaryView } from '@hub/views';
import { DataSource } from 'typeorm';
import { RecoveryBook } from './recovery-book';
import { RecoveryCaseQuery, RecoveryStore } from './recovery-store';

export class RecoveryCaseListQuery implements RecoveryCaseQuery {
  @IsOptional() @IsIn([...RECOVERY_CASE_STATUSES]) status?: RecoveryCaseStatus;
  @IsOptional() @IsIn([...DEPARTMENTS]) department?: string;
  @IsOptional() @Matches(/^[0-9]{6}$/, { message: 'region: a 6-digit region code' }) region?: string;
  @IsOptional() @IsString() @MaxLength(100) personId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class WaiveCaseRequest {
  @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @IsString() @IsNotEmpty() @MaxLength(200) by: string;
}

/** 追回 cases for the admin service: list, totals, one case with its grants and recoveries, a reviewer's waiver. */
@Controller('recovery')
export class RecoveryController {
  constructor(
    private readonly db: DataSource,
    private readonly store: RecoveryStore,
    private readonly book: RecoveryBook,
  ) {}

  @Get('cases')
  list(@Query() query: RecoveryCaseListQuery): Promise<RecoveryCaseView[]> {
    return this.store.list(this.db.manager, query);
  }

  @Get('cases/count')
  async count(@Query() query: RecoveryCaseListQuery): Promise<{ total: number }> {
    return { total: await this.store.count(this.db.manager, query) };
  }

  /** Amounts due, recovered, outstanding and waived by department and region. */
  @Get('summary')
  summary(): Promise<RecoverySummaryView[]> {
    return this.store.summary(this.db.manager);
  }

  @Get('cases/:caseId')
  async one(@Param('caseId') caseId: string): Promise<RecoveryCaseDetailView> {
    const found = await this.store.one(this.db.manager, caseId);
    if (!found) throw new NotFoundException(`no recovery case ${caseId}`);
    return found;
  }

  @Post('cases/:caseId/waive')
  @HttpCode(200)
  waive(@Param('caseId') caseId: string, @Body() request: WaiveCaseRequest): Promise<RecoveryCaseUpdatedData> {
    return this.book.waive(caseId, request.by, request.reason);
  }
}
