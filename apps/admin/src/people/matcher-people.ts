import { Injectable } from '@nestjs/common';
import { AdminSettings } from '../admin.settings';
import { PersonView } from '@hub/views';
import { callService } from '../upstream/service-call';

export type { PersonView as MatcherPerson } from '@hub/views';

/** The matcher's people API over HTTP (search by ID number or name; one person with its records). */
@Injectable()
export class MatcherPeople {
  constructor(private readonly settings: AdminSettings) {}

  search(q: string): Promise<PersonView[]> {
    return callService(
      'matcher',
      { baseUrl: this.settings.MATCHER_URL, token: this.settings.HUB_SERVICE_TOKEN },
      'GET',
      `/persons?${new URLSearchParams({ q }).toString()}`,
    );
  }

  person(personId: string): Promise<PersonView> {
    return callService(
      'matcher',
      { baseUrl: this.settings.MATCHER_URL, token: this.settings.HUB_SERVICE_TOKEN },
      'GET',
      `/persons/${encodeURIComponent(personId)}`,
    );
  }
}
