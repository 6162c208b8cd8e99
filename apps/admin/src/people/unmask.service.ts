import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log';
import { Actor } from '../auth/actor';
import { DetectorAccounts } from './detector-accounts';
import { PersonSubjectView } from './people.dto';

const MASKED_ONLY_NOTE =
  'The detector keeps only masked subjects, and no other service the admin reads holds full identities yet: this is the most the hub can show.';

/**
 * Unmasking is a reviewer's explicit, reasoned action. The audit row is written (and committed)
 * before the person is looked up, so a look is on record even when the lookup fails or the answer
 * never reaches the reviewer.
 */
@Injectable()
export class UnmaskService {
  constructor(
    private readonly audit: AuditLog,
    private readonly detector: DetectorAccounts,
  ) {}

  async look(personId: string, reason: string, actor: Actor): Promise<PersonSubjectView> {
    const auditSeq = await this.audit.record({ ...actor, action: 'person.unmasked', target: personId, detail: { reason } });
    const person = await this.detector.person(personId);
    return { ...person, unmasked: false, note: MASKED_ONLY_NOTE, auditSeq };
  }
}
