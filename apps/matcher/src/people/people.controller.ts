import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { PersonDirectory, PersonView } from './person-directory';

const PERSON_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** People by ID number or name, and one person with every record: for the admin service, which masks. */
@Controller('persons')
export class PeopleController {
  constructor(private readonly directory: PersonDirectory) {}

  @Get()
  search(@Query('q') q?: string): Promise<PersonView[]> {
    if (!q || q.trim().length < 2 || q.length > 64) throw new BadRequestException('q: a name or an ID number (2 to 64 characters)');
    return this.directory.search(q);
  }

  @Get(':personId')
  person(@Param('personId') personId: string): Promise<PersonView> {
    if (!PERSON_ID.test(personId)) throw new BadRequestException('personId: letters, digits, . _ : - only');
    return this.directory.person(personId);
  }
}
