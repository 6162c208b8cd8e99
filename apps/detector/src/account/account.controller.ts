import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AccountsPurged, PersonPurgeRequest } from '@hub/views';
import { AccountService } from './account.service';

/** Unified assistance accounts over HTTP: per person and per household, with yearly totals; a person's purge. */
@Controller('accounts')
export class AccountController {
  constructor(private readonly accounts: AccountService) {}

  @Get('persons/:personId')
  person(@Param('personId') personId: string) {
    return this.accounts.person(personId);
  }

  @Get('households/:householdId')
  household(@Param('householdId') householdId: string) {
    return this.accounts.household(householdId);
  }

  /** Deletes what the detector holds of a person (issue 12): the admin's, audited there. */
  @Post('persons/purge')
  @HttpCode(200)
  purge(@Body() request: PersonPurgeRequest): Promise<AccountsPurged> {
    return this.accounts.purge(request.personIds, request.records);
  }
}
