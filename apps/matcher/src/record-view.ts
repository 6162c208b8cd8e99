import { EntityManager } from 'typeorm';
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

const RECORD_COLUMNS = 'source, source_person_id, person_id, identity, decision, manual';

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

/** One department record by its key (locked for the caller's transaction when `lock`). */
export async function recordByKey(tx: EntityManager, source: string, sourcePersonId: string, lock = false): Promise<RecordView | undefined> {
  const rows: RecordRow[] = await tx.query(
    `SELECT ${RECORD_COLUMNS} FROM person_record WHERE source = $1 AND source_person_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [source, sourcePersonId],
  );
  return rows[0] && recordView(rows[0]);
}

/** Every record of these persons, by source. */
export async function recordsOfPersons(tx: EntityManager, personIds: string[]): Promise<RecordView[]> {
  const rows: RecordRow[] = await tx.query(`SELECT ${RECORD_COLUMNS} FROM person_record WHERE person_id = ANY($1) ORDER BY source, source_person_id`, [personIds]);
  return rows.map(recordView);
}
