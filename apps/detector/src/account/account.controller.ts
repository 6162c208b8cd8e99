import { Controller, Get, Param } from '@nestjs/common';
import { AccountService } from './account.service';

/** Unified assistance accounts over HTTP: per person and per household, with yearly totals. */
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
}
