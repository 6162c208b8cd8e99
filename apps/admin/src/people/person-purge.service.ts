import { Injectable } from '@nestjs/common';
import { AccountsPurged, EventsPurged, PersonPurgeRequest, PersonPurged } from '@hub/views';
import { AdminSettings } from '../admin.settings';
import { AuditLog } from '../audit/audit-log';
import { Actor } from '../auth/actor';
import { callService } from '../upstream/service-call';
import { MatcherPeople } from './matcher-people';

export interface PurgeOutcome {
  personId: string;
  records: number;
  events: number;
  facts: number;
  persons: number;
  auditSeq: string;
}

/**
 * The purge of a person's data where the law requires it (issue 12, PIPL art. 47): an admin's reasoned action,
 * audited before anything is touched and again with what went. The person's records come from the matcher;
 * intake deletes their events, the detector their facts and account, the matcher last its records, so a purge
 * cut short (a service away) is simply asked again. Alerts stay, with their subject masked; the audit log keeps
 * who purged whom, why, and how much.
 */
@Injectable()
export class PersonPurgeService {
  constructor(
    private readonly settings: AdminSettings,
    private readonly audit: AuditLog,
    private readonly matcher: MatcherPeople,
  ) {}

  async purge(personId: string, reason: string, actor: Actor): Promise<PurgeOutcome> {
    await this.audit.record({ ...actor, action: 'person.purge.requested', target: personId, detail: { reason } });
    const person = await this.matcher.person(personId);
    const request: PersonPurgeRequest = {
      personIds: [person.personId, ...person.mergedIds],
      records: person.records.map((r) => ({ source: r.source, sourcePersonId: r.sourcePersonId })),
    };
    const token = this.settings.HUB_SERVICE_TOKEN;
    const intake = await callService<EventsPurged>(
      'intake',
      { baseUrl: this.settings.INTAKE_URL, token },
      'POST',
      '/intake/events/purge',
      request,
    );
    const detector = await callService<AccountsPurged>(
      'detector',
      { baseUrl: this.settings.DETECTOR_URL, token },
      'POST',
      '/accounts/persons/purge',
      request,
    );
    const matcher = await callService<PersonPurged>(
      'matcher',
      { baseUrl: this.settings.MATCHER_URL, token },
      'POST',
      `/persons/${encodeURIComponent(person.personId)}/purge`,
    );
    const outcome = {
      personId: person.personId,
      records: matcher.records,
      events: intake.events,
      facts: detector.facts,
      persons: matcher.persons,
    };
    const auditSeq = await this.audit.record({
      ...actor,
      action: 'person.purged',
      target: person.personId,
      detail: { reason, ...outcome, accounts: detector.accounts },
    });
    return { ...outcome, auditSeq };
  }
}
