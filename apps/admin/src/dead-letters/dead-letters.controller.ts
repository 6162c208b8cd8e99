import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { Actor, CurrentActor, CurrentUser } from '../auth/actor';
import { departmentFilter } from '../auth/department-scope';
import { SessionUser } from '../auth/roles';
import { maskedMessage } from '../masking/message-view';
import { maskPersonalText } from '@hub/identity';
import { DeadLetterReplayService } from './dead-letter-replay.service';
import { DeadLetterStore, DeadLetterSummaryRow } from './dead-letter-store';
import {
  DEAD_LETTER_ID_PATTERN,
  DeadLetterCountView,
  DeadLetterCountsQuery,
  DeadLetterDetailView,
  DeadLetterPage,
  DeadLetterQuery,
  DeadLetterView,
  ReplayCodeRequest,
  ReplayResult,
} from './dead-letters.dto';

const view = (row: DeadLetterSummaryRow): DeadLetterView => ({
  ...row,
  errorDetail: row.errorDetail === null ? null : maskPersonalText(row.errorDetail),
});

const checkedId = (id: string) => {
  if (!DEAD_LETTER_ID_PATTERN.test(id)) throw new BadRequestException('id: a dead letter id (digits)');
  return id;
};

/** Dead letters: integration admins see all, a department user its own (auth/department-scope.ts). */
@ApiTags('dead letters')
@Controller('api/dead-letters')
@Roles('admin', 'department')
export class DeadLettersController {
  constructor(
    private readonly store: DeadLetterStore,
    private readonly replays: DeadLetterReplayService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Dead letters, newest first, filtered by department, error code and replay status' })
  @ApiOkResponse({ type: DeadLetterPage })
  async list(@Query() query: DeadLetterQuery, @CurrentUser() user: SessionUser): Promise<DeadLetterPage> {
    const department = departmentFilter(user, query.department);
    const page = await this.store.list({ ...query, department, limit: query.limit ?? 50 });
    return { entries: page.entries.map(view), nextBeforeId: page.nextBeforeId };
  }

  @Get('counts')
  @ApiOperation({ summary: 'Dead letters by department and error code, and how many of them were never replayed' })
  @ApiOkResponse({ type: [DeadLetterCountView] })
  counts(@Query() query: DeadLetterCountsQuery, @CurrentUser() user: SessionUser): Promise<DeadLetterCountView[]> {
    return this.store.countsByCode(departmentFilter(user, query.department));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dead letter: headers and value, personal fields masked' })
  @ApiOkResponse({ type: DeadLetterDetailView })
  @ApiNotFoundResponse()
  async inspect(@Param('id') id: string, @CurrentUser() user: SessionUser): Promise<DeadLetterDetailView> {
    const department = departmentFilter(user);
    const letter = await this.store.get(checkedId(id));
    if (!letter || (department && letter.department !== department))
      throw new NotFoundException(`no dead letter ${id}`);
    const message = maskedMessage(
      letter.key,
      letter.headers.map(([name, v]) => [name, Buffer.from(v, 'base64')]),
      letter.value,
    );
    return {
      ...view(letter),
      ...message,
      position: { topic: letter.topic, partition: letter.partition, offset: letter.offset },
    };
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replay one dead letter to its intake topic (original value, key and headers, without x-error-*); audited',
  })
  @ApiOkResponse({ type: ReplayResult })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the dead letter names no intake topic of this hub as its source' })
  replayOne(
    @Param('id') id: string,
    @CurrentUser() user: SessionUser,
    @CurrentActor() actor: Actor,
  ): Promise<ReplayResult> {
    return this.replays.replayOne(checkedId(id), departmentFilter(user), actor);
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay every dead letter of one department and error code not replayed yet; audited' })
  @ApiOkResponse({ type: ReplayResult })
  replayCode(
    @Body() body: ReplayCodeRequest,
    @CurrentUser() user: SessionUser,
    @CurrentActor() actor: Actor,
  ): Promise<ReplayResult> {
    const department = departmentFilter(user, body.department);
    if (!department)
      throw new BadRequestException({
        code: 'DEPARTMENT_REQUIRED',
        message: 'department: replaying all of a code is done one department at a time',
      });
    return this.replays.replayCode(department, body.code, actor);
  }
}
