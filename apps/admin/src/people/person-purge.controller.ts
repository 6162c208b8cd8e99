import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { Actor, CurrentActor } from '../auth/actor';
import { checkedPersonId } from '@hub/runtime';
import { PurgeRequest } from './people.dto';
import { PersonPurgeService, PurgeOutcome } from './person-purge.service';

/** A person's purge: the county's administrators only (reviewers work with people; they do not erase them). */
@ApiTags('people')
@Controller('api/people')
@Roles('admin')
@ApiBadGatewayResponse({
  description: 'intake, the matcher or the detector did not answer: nothing is lost, ask again',
})
export class PersonPurgeController {
  constructor(private readonly purges: PersonPurgeService) {}

  @Post(':personId/purge')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Deletes a person's data where the law requires it: records and identities, stored events, facts and account; audited before and after (alerts stay, masked)",
  })
  @ApiOkResponse({ description: 'what was deleted, and the audit row of the purge' })
  @ApiNotFoundResponse({ description: 'no such person (the request is audited all the same)' })
  purge(
    @Param('personId') personId: string,
    @Body() body: PurgeRequest,
    @CurrentActor() actor: Actor,
  ): Promise<PurgeOutcome> {
    return this.purges.purge(checkedPersonId(personId), body.reason, actor);
  }
}
