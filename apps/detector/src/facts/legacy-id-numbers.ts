import { EntityManager } from 'typeorm';
import { BLINDED_PREFIX, PersonalDataVault, lookupHash } from '@hub/identity';

/**
 * The detector's accounts written before ID numbers were hashed (issue 12) get their keyed hash, so the
 * pre-payment check finds them again and no ID number stays in clear. Part of `data:reseal`; idempotent.
 */
export async function blindLegacyIdNumbers(db: EntityManager, vault: PersonalDataVault): Promise<number> {
  const rows: { person_id: string; id_first17: string }[] = await db.query(
    `SELECT person_id, id_first17 FROM detector_person WHERE id_first17 NOT LIKE '${BLINDED_PREFIX}%'`,
  );
  if (rows.length === 0) return 0;
  await db.query(
    // Only where the value is still the one read: a detector writing the same account meanwhile wrote it hashed.
    `UPDATE detector_person d SET id_first17 = r.hashed FROM unnest($1::text[], $2::text[], $3::text[]) AS r(person_id, clear, hashed)
     WHERE d.person_id = r.person_id AND d.id_first17 = r.clear`,
    [
      rows.map((r) => r.person_id),
      rows.map((r) => r.id_first17),
      rows.map((r) => lookupHash.idFirst17(vault, r.id_first17)),
    ],
  );
  return rows.length;
}
