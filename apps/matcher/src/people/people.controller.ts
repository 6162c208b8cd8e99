import { BadRequestException, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { checkedPersonId } from '@hub/runtime';
import { PersonPurged } from '@hub/views';
import { PersonDirectory, PersonView } from './person-directory';
import { PersonPurge } from './person-purge';

/** People by ID number or name, one person with every record, and a person's purge: for the admin service, which masks and audits. */
@Controller('persons')
export class PeopleController {
  constructor(
    private readonly directory: PersonDirectory,
    private readonly purges: PersonPurge,
  ) {}

  @Get()
  search(@Query('q') q?: string): Promise<PersonView[]> {
    if (!q || q.trim().length < 2 || q.length > 64)
      throw new BadRequestException('q: a name or an ID number (2 to 64 characters)');
    return this.directory.search(q);
  }

  @Get(':personId')
  person(@Param('personId') personId: string): Promise<PersonView> {
    return this.directory.person(checkedPersonId(personId));
  }

  @Post(':personId/purge')
  @HttpCode(200)
  purge(@Param('personId') personId: string): Promise<PersonPurged> {
    return this.purges.purge(checkedPersonId(personId));
  }
}
