import { BadRequestException, Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { CurrentUser } from '../auth/actor';
import { departmentFilter } from '../auth/department-scope';
import { SessionUser } from '../auth/roles';
import { TopicBrowserService } from './topic-browser.service';
import { BrowsedMessageView, TopicView } from './topics.dto';

@ApiTags('feeds')
@Controller('api/topics')
@Roles('admin', 'department')
export class TopicsController {
  constructor(private readonly browser: TopicBrowserService) {}

  @Get()
  @ApiOperation({ summary: "The hub's topics with partitions and offsets (a department user: its own intake topic)" })
  @ApiOkResponse({ type: [TopicView] })
  list(@CurrentUser() user: SessionUser): Promise<TopicView[]> {
    return this.browser.list(departmentFilter(user));
  }

  @Get(':topic/partitions/:partition/messages/:offset')
  @ApiOperation({ summary: 'One message by offset, personal fields masked' })
  @ApiOkResponse({ type: BrowsedMessageView })
  @ApiNotFoundResponse({ description: 'not a hub topic, no such partition, or the offset is not held' })
  @ApiForbiddenResponse({ description: "another department's topic" })
  message(
    @Param('topic') topic: string,
    @Param('partition') partition: string,
    @Param('offset') offset: string,
    @CurrentUser() user: SessionUser,
  ): Promise<BrowsedMessageView> {
    if (!/^\d{1,4}$/.test(partition)) throw new BadRequestException('partition: a partition number');
    if (!/^\d{1,19}$/.test(offset)) throw new BadRequestException('offset: a message offset (digits)');
    return this.browser.message(topic, Number(partition), offset, departmentFilter(user));
  }
}
