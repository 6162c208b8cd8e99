import { EntityManager } from 'typeorm';
import { BLINDED_PREFIX, PersonalDataVault, lookupHash } from '@hub/identity';
import { StoredIdentity, openIdentity, sealIdentity } from './identity-at-rest';

/** How far a reseal got, per table. */
export interface ResealCounts {
  identities: number;
  idNumbers: number;
  names: number;
}

const BATCH = 1000;

/**
 * Brings the matcher's personal data to the current keys (issue 12): identities in clear (written before
 * sealing) or sealed under an older key are sealed under the current one; claimed ID numbers and name counts still
 * in clear are replaced by their keyed hashes. Block keys need nothing here: they are numbers made from keyed hashes
 * (record_block_key), and a record written in clear has none until the matcher keys it at start (`rekeyRecords`). Idempotent and resumable, a batch per
 * transaction; a row the running matcher rewrote meanwhile (always under the current key) is left as it is.
 * Key rotation: make a new key current, restart the services, reseal, then drop the old key.
 */
export async function resealPersonalData(
  db: EntityManager,
  vault: PersonalDataVault,
  progress: (counts: ResealCounts) => void = () => undefined,
): Promise<ResealCounts> {
  const counts: ResealCounts = { identities: 0, idNumbers: 0, names: 0 };
  // Values written before blinding: anything without the prefix of a keyed hash.
  const clear = `NOT LIKE '${BLINDED_PREFIX}%'`;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows: StoredIdentity[] = await tx.query(
        `SELECT source, source_person_id, identity, identity_sealed, key_id FROM person_record WHERE key_id IS DISTINCT FROM $1 LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [vault.currentKeyId],
      );
      if (rows.length === 0) return true;
      await tx.query(
        `UPDATE person_record p SET identity = NULL, identity_sealed = decode(r.identity_sealed, 'base64'), key_id = r.key_id, name_hash = r.name_hash, id_hash = r.id_hash
         FROM json_to_recordset($1::json) AS r(source text, source_person_id text, identity_sealed text, key_id text, name_hash text, id_hash text)
         WHERE p.source = r.source AND p.source_person_id = r.source_person_id`,
        [
          JSON.stringify(
            rows.map((r) => ({
              source: r.source,
              source_person_id: r.source_person_id,
              ...sealIdentity(vault, r.source, r.source_person_id, openIdentity(vault, r)),
            })),
          ),
        ],
      );
      counts.identities += rows.length;
      return false;
    });
    progress(counts);
    if (done) break;
  }
  counts.idNumbers = await db.transaction(async (tx) => {
    const rows: { id_first17: string; person_id: string }[] = await tx.query(
      `SELECT id_first17, person_id FROM person_id_number WHERE id_first17 ${clear} FOR UPDATE`,
    );
    if (rows.length === 0) return 0;
    await tx.query(
      `INSERT INTO person_id_number (id_first17, person_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
      [rows.map((r) => lookupHash.idFirst17(vault, r.id_first17)), rows.map((r) => r.person_id)],
    );
    await tx.query(`DELETE FROM person_id_number WHERE id_first17 = ANY($1)`, [rows.map((r) => r.id_first17)]);
    return rows.length;
  });
  progress(counts);
  counts.names = await db.transaction(async (tx) => {
    const rows: { name: string; records: string }[] = await tx.query(
      `SELECT name, records FROM name_frequency WHERE name <> '' AND name ${clear} FOR UPDATE`,
    );
    if (rows.length === 0) return 0;
    await tx.query(
      `INSERT INTO name_frequency (name, records) SELECT * FROM unnest($1::text[], $2::bigint[])
       ON CONFLICT (name) DO UPDATE SET records = name_frequency.records + EXCLUDED.records`,
      [rows.map((r) => lookupHash.nameCount(vault, r.name)), rows.map((r) => r.records)],
    );
    await tx.query(`DELETE FROM name_frequency WHERE name = ANY($1)`, [rows.map((r) => r.name)]);
    return rows.length;
  });
  progress(counts);
  return counts;
}
