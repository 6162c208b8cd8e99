import { BadRequestException, Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { Actor, CurrentActor } from '../auth/actor';
import { UnmaskService } from './unmask.service';
import { PERSON_ID_PATTERN, PersonSubjectView, UnmaskRequest } from './people.dto';

@ApiTags('people')
@Controller('api/people')
export class PeopleController {
  constructor(private readonly unmask: UnmaskService) {}

  @Post(':personId/unmask')
  @Roles('reviewer')
  @HttpCode(200)
  @ApiOperation({
    summary: "A reviewer's explicit look at a person's identity, with a reason (audited before anything is shown)",
    description:
      'Today the answer is the subject the detector holds, which is masked: no service the admin reads keeps full ' +
      'names and ID numbers yet (the detector stores masked subjects only, and the matcher\'s identities are its own tables). ' +
      '`unmasked` says whether the answer is unmasked.',
  })
  @ApiOkResponse({ type: PersonSubjectView })
  @ApiNotFoundResponse({ description: 'no such person in the assistance accounts (the look is audited all the same)' })
  @ApiBadGatewayResponse({ description: 'the detector did not answer' })
  look(@Param('personId') personId: string, @Body() body: UnmaskRequest, @CurrentActor() actor: Actor): Promise<PersonSubjectView> {
    if (!PERSON_ID_PATTERN.test(personId)) throw new BadRequestException('personId: letters, digits, . _ : - only');
    return this.unmask.look(personId, body.reason, actor);
  }
}
