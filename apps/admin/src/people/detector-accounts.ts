import { BadGatewayException, Injectable, NotFoundException } from '@nestjs/common';
import { AdminSettings } from '../admin.settings';

export interface DetectorPerson {
  requestedId: string;
  personId: string;
  householdId: string | null;
  subject: { name: string; idNumberMasked: string };
}

/** The detector's account API (GET /accounts/persons/:id), read over HTTP: never the detector's tables. */
@Injectable()
export class DetectorAccounts {
  constructor(private readonly settings: AdminSettings) {}

  async person(personId: string): Promise<DetectorPerson> {
    const url = `${this.settings.DETECTOR_URL}/accounts/persons/${encodeURIComponent(personId)}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/json' } });
    } catch (e) {
      throw new BadGatewayException(`the detector did not answer (${e instanceof Error ? e.name : 'error'})`);
    }
    if (response.status === 404) throw new NotFoundException(`no person ${personId} in the assistance accounts`);
    if (!response.ok) throw new BadGatewayException(`the detector answered ${response.status}`);
    const body = (await response.json()) as DetectorPerson;
    return { requestedId: body.requestedId ?? personId, personId: body.personId, householdId: body.householdId ?? null, subject: body.subject };
  }
}
