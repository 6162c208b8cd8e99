import { Injectable } from '@nestjs/common';
import { AdminSettings } from '../admin.settings';
import { MatcherRecord } from '../reviews/matcher-reviews';
import { callService } from '../upstream/service-call';

/** A hub person as the matcher knows it: every department record tied to it. */
export interface MatcherPerson {
  personId: string;
  householdId: string | null;
  mergedIds: string[];
  records: MatcherRecord[];
}

/** The matcher's people API over HTTP (search by ID number or name; one person with its records). */
@Injectable()
export class MatcherPeople {
  constructor(private readonly settings: AdminSettings) {}

  search(q: string): Promise<MatcherPerson[]> {
    return callService('matcher', this.settings.MATCHER_URL, 'GET', `/persons?${new URLSearchParams({ q })}`);
  }

  person(personId: string): Promise<MatcherPerson> {
    return callService('matcher', this.settings.MATCHER_URL, 'GET', `/persons/${encodeURIComponent(personId)}`);
  }
}
