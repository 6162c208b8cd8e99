import { BadRequestException, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { PersonPurged } from '@hub/topics';
import { PersonDirectory, PersonView } from './person-directory';
import { PersonPurge } from './person-purge';

const PERSON_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const checkedId = (personId: string) => {
  if (!PERSON_ID.test(personId)) throw new BadRequestException('personId: letters, digits, . _ : - only');
  return personId;
};

/** People by ID number or name, one person with every record, and a person's purge: for the admin service, which masks and audits. */
@Controller('persons')
export class PeopleController {
  constructor(
    private readonly directory: PersonDirectory,
    private readonly purges: PersonPurge,
  ) {}

  @Get()
  search(@Query('q') q?: string): Promise<PersonView[]> {
    if (!q || q.trim().length < 2 || q.length > 64) throw new BadRequestException('q: a name or an ID number (2 to 64 characters)');
    return this.directory.search(q);
  }

  @Get(':personId')
  person(@Param('personId') personId: string): Promise<PersonView> {
    return this.directory.person(checkedId(personId));
  }

  @Post(':personId/purge')
  @HttpCode(200)
  purge(@Param('personId') personId: string): Promise<PersonPurged> {
    return this.purges.purge(checkedId(personId));
  }
}
