import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RecoveryCaseUpdatedData } from '@hub/topics';
import { AuditLog } from '../audit/audit-log';
import { Roles } from '../auth/access.decorators';
import { Actor, CurrentActor } from '../auth/actor';
import { RecoveryCaseDetailView, RecoveryCaseView, RecoverySummaryView } from '@hub/views';
import { DetectorRecovery } from './detector-recovery';
import { CASE_ID_PATTERN, RecoveryListQuery, WaiveBody } from './recovery.dto';

const checkedId = (caseId: string) => {
  if (!CASE_ID_PATTERN.test(caseId)) throw new BadRequestException('caseId: a recovery case id (R-…)');
  return caseId;
};

/**
 * 追回 cases (contract section 8): money paid wrongly, as duplicate alerts establish it, and what departments have
 * recovered. Reviewers, admins and auditors read them; a reviewer waives the rest of a case with a reason (audited,
 * published by the detector as WAIVED). No personal data: cases name hub person ids and grants.
 */
@ApiTags('recovery')
@Controller('api/recovery')
@ApiBadGatewayResponse({ description: 'the detector did not answer' })
export class RecoveryController {
  constructor(
    private readonly detector: DetectorRecovery,
    private readonly audit: AuditLog,
  ) {}

  @Get('cases')
  @Roles('reviewer', 'admin', 'auditor')
  @ApiOperation({ summary: 'Recovery cases, newest first, filtered by status, department and region' })
  list(@Query() query: RecoveryListQuery): Promise<RecoveryCaseView[]> {
    return this.detector.list({ ...query, limit: query.limit ?? 100 });
  }

  @Get('cases/count')
  @Roles('reviewer', 'admin', 'auditor')
  @ApiOperation({ summary: 'How many cases the same filters find (limit and offset ignored)' })
  count(@Query() query: RecoveryListQuery): Promise<{ total: number }> {
    return this.detector.count(query);
  }

  @Get('summary')
  @Roles('reviewer', 'admin', 'auditor')
  @ApiOperation({
    summary: 'Amounts due, recovered, outstanding and waived, by department and region (cancelled cases left out)',
  })
  summary(): Promise<RecoverySummaryView[]> {
    return this.detector.summary();
  }

  @Get('cases/:caseId')
  @Roles('reviewer', 'admin', 'auditor')
  @ApiOperation({ summary: 'One case: its basis, the grants it claims and every recovery of them' })
  @ApiNotFoundResponse()
  one(@Param('caseId') caseId: string): Promise<RecoveryCaseDetailView> {
    return this.detector.one(checkedId(caseId));
  }

  @Post('cases/:caseId/waive')
  @Roles('reviewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Waive what is outstanding, with a reason: published as WAIVED on cases.recovery; audited' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the case is closed already (recovered, waived or cancelled)' })
  async waive(
    @Param('caseId') caseId: string,
    @Body() body: WaiveBody,
    @CurrentActor() actor: Actor,
  ): Promise<RecoveryCaseUpdatedData> {
    const update = await this.detector.waive(checkedId(caseId), body.reason, actor.username);
    await this.audit.record({
      ...actor,
      action: 'recovery.waived',
      target: caseId,
      detail: { reason: body.reason, outstandingFen: update.outstandingFen },
    });
    return update;
  }
}
