import { EntityManager } from 'typeorm';
import { PersonalDataVault } from '@hub/identity';
import { StoredIdentity, identityColumns, openIdentity } from './at-rest/identity-at-rest';
import { RecordView } from './review/review.dto';

/** person_record as read for people (reviewers, the people page): what the department sent, normalised. */
export interface RecordRow extends StoredIdentity {
  person_id: string;
  decision: string;
  manual: boolean;
}

/** The columns of a RecordRow, of person_record or of its alias `alias`. */
export const recordColumns = (alias?: string): string =>
  `${['source', 'source_person_id', 'person_id'].map((c) => (alias ? `${alias}.${c}` : c)).join(', ')}, ${identityColumns(alias)}, ${['decision', 'manual'].map((c) => (alias ? `${alias}.${c}` : c)).join(', ')}`;

/** A record as people see it: its identity opened (the matcher holds the only full identities). */
export function recordView(vault: PersonalDataVault, r: RecordRow): RecordView {
  const identity = openIdentity(vault, r);
  return {
    source: r.source,
    sourcePersonId: r.source_person_id,
    personId: r.person_id,
    name: identity.name.raw,
    idNumber: identity.id?.normalized ?? null,
    birthDate: identity.birthDate,
    gender: identity.gender,
    phone: identity.phone,
    region: identity.region,
    decision: r.decision,
    manual: r.manual,
  };
}

/** One department record by its key (locked for the caller's transaction when `lock`). */
export async function recordByKey(
  tx: EntityManager,
  vault: PersonalDataVault,
  source: string,
  sourcePersonId: string,
  lock = false,
): Promise<RecordView | undefined> {
  const rows: RecordRow[] = await tx.query(
    `SELECT ${recordColumns()} FROM person_record WHERE source = $1 AND source_person_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [source, sourcePersonId],
  );
  return rows[0] && recordView(vault, rows[0]);
}

/** Every record of these persons, by source. */
export async function recordsOfPersons(
  tx: EntityManager,
  vault: PersonalDataVault,
  personIds: string[],
): Promise<RecordView[]> {
  const rows: RecordRow[] = await tx.query(
    `SELECT ${recordColumns()} FROM person_record WHERE person_id = ANY($1) ORDER BY source, source_person_id`,
    [personIds],
  );
  return rows.map((r) => recordView(vault, r));
}
