import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { CurrentUser } from '../auth/actor';
import { departmentFilter } from '../auth/department-scope';
import { SessionUser } from '../auth/roles';
import { FeedsQuery, FeedsView } from './feeds.dto';
import { FeedsService } from './feeds.service';

@ApiTags('feeds')
@Controller('api/feeds')
@Roles('admin', 'department')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Each department feed: events/s over time, last event, consumer lag per group and partition, dead letters by code',
  })
  @ApiOkResponse({ type: FeedsView })
  list(@Query() query: FeedsQuery, @CurrentUser() user: SessionUser): Promise<FeedsView> {
    return this.feeds.feeds(departmentFilter(user, query.department));
  }
}
