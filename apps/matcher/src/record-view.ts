import { MatchIdentity } from '@hub/matching';
import { RecordView } from './review/review.dto';

/** person_record as read for people (reviewers, the people page): what the department sent, normalised. */
export interface RecordRow {
  source: string;
  source_person_id: string;
  person_id: string;
  identity: MatchIdentity;
  decision: string;
  manual: boolean;
}

export const RECORD_COLUMNS = 'source, source_person_id, person_id, identity, decision, manual';

export const recordView = (r: RecordRow): RecordView => ({
  source: r.source,
  sourcePersonId: r.source_person_id,
  personId: r.person_id,
  name: r.identity.name.raw,
  idNumber: r.identity.id?.normalized ?? null,
  birthDate: r.identity.birthDate,
  gender: r.identity.gender,
  phone: r.identity.phone,
  region: r.identity.region,
  decision: r.decision,
  manual: r.manual,
});
