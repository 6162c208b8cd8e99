import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log';
import { Actor } from '../auth/actor';
import { MatcherPeople, MatcherPerson } from './matcher-people';

/**
 * Unmasking is a reviewer's explicit, reasoned action. The audit row is written (and committed)
 * before the person is looked up, so a look is on record even when the lookup fails or the answer
 * never reaches the reviewer. The answer is every department record of the person as the matcher
 * holds it (the detector keeps masked subjects only).
 */
@Injectable()
export class UnmaskService {
  constructor(
    private readonly audit: AuditLog,
    private readonly matcher: MatcherPeople,
  ) {}

  async look(
    personId: string,
    reason: string,
    actor: Actor,
  ): Promise<MatcherPerson & { unmasked: true; auditSeq: string }> {
    const auditSeq = await this.audit.record({
      ...actor,
      action: 'person.unmasked',
      target: personId,
      detail: { reason },
    });
    const person = await this.matcher.person(personId);
    return { ...person, unmasked: true, auditSeq };
  }
}
