import { Injectable } from '@nestjs/common';
import { AdminSettings } from '../admin.settings';
import { callService } from '../upstream/service-call';

/** A person's unified assistance account (统一救助账户) as the detector answers it; subjects are masked there. */
export interface PersonAccount {
  requestedId: string;
  personId: string;
  householdId: string | null;
  subject: { name: string; idNumberMasked: string };
  benefits: unknown[];
  statuses: unknown[];
  applications: unknown[];
  yearlyTotals: unknown[];
}

export interface HouseholdAccount {
  householdId: string;
  members: unknown[];
  yearlyTotals: unknown[];
}

/** The detector's account API (GET /accounts/persons/:id, /accounts/households/:id), read over HTTP: never the detector's tables. */
@Injectable()
export class DetectorAccounts {
  constructor(private readonly settings: AdminSettings) {}

  person(personId: string): Promise<PersonAccount> {
    return callService(
      'detector',
      { baseUrl: this.settings.DETECTOR_URL, token: this.settings.HUB_SERVICE_TOKEN },
      'GET',
      `/accounts/persons/${encodeURIComponent(personId)}`,
    );
  }

  household(householdId: string): Promise<HouseholdAccount> {
    return callService(
      'detector',
      { baseUrl: this.settings.DETECTOR_URL, token: this.settings.HUB_SERVICE_TOKEN },
      'GET',
      `/accounts/households/${encodeURIComponent(householdId)}`,
    );
  }
}
