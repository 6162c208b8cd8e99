import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLog } from '../audit/audit-log';
import { Roles } from '../auth/access.decorators';
import { Actor, CurrentActor } from '../auth/actor';
import { maskPersonalText } from '@hub/identity';
import { maskPersonalFields } from '../masking/personal-fields';
import { DetectorAccounts, HouseholdAccount, PersonAccount } from './detector-accounts';
import { unlessMissing } from '../upstream/service-call';
import { MatcherPeople, MatcherPerson } from './matcher-people';
import { checkedPersonId } from '@hub/runtime';
import { PeopleSearchQuery, UnmaskRequest } from './people.dto';
import { UnmaskService } from './unmask.service';

/**
 * People, for reviewers: search by ID number or name, a person's records and sources (from the
 * matcher), unified account and household (from the detector), masked; unmasking is a separate,
 * reasoned and audited action. Searches and views are audited too: auditors see who looked at whom.
 */
@ApiTags('people')
@Controller('api/people')
@Roles('reviewer')
@ApiBadGatewayResponse({ description: 'the matcher or the detector did not answer' })
export class PeopleController {
  constructor(
    private readonly matcher: MatcherPeople,
    private readonly accounts: DetectorAccounts,
    private readonly unmask: UnmaskService,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Persons by ID number or name (exact after normalising), with their records, masked; audited (the query masked)',
  })
  async search(@Query() query: PeopleSearchQuery, @CurrentActor() actor: Actor): Promise<MatcherPerson[]> {
    await this.audit.record({ ...actor, action: 'people.searched', target: maskPersonalText(query.q) });
    return maskPersonalFields(await this.matcher.search(query.q));
  }

  @Get(':personId')
  @ApiOperation({
    summary:
      "A person's records and sources, unified account (every benefit, yearly totals) and household, masked; audited",
  })
  @ApiNotFoundResponse()
  async person(
    @Param('personId') personId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ person: MatcherPerson; account: PersonAccount | null; household: HouseholdAccount | null }> {
    const person = await this.matcher.person(checkedPersonId(personId));
    await this.audit.record({ ...actor, action: 'person.viewed', target: person.personId });
    // A person the detector has no fact of yet (records without benefits, statuses or applications) has no account.
    const account = await unlessMissing(this.accounts.person(person.personId));
    const householdId = account?.householdId ?? person.householdId;
    const household = householdId ? await unlessMissing(this.accounts.household(householdId)) : null;
    return {
      person: maskPersonalFields(person),
      account: maskPersonalFields(account),
      household: maskPersonalFields(household),
    };
  }

  @Post(':personId/unmask')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "A reviewer's explicit look at a person's records unmasked, with a reason (audited before anything is read)",
  })
  @ApiOkResponse({
    description: 'the person with every department record as sent, unmasked, and the audit row of this look',
  })
  @ApiNotFoundResponse({ description: 'no such person (the look is audited all the same)' })
  look(@Param('personId') personId: string, @Body() body: UnmaskRequest, @CurrentActor() actor: Actor) {
    return this.unmask.look(checkedPersonId(personId), body.reason, actor);
  }
}
