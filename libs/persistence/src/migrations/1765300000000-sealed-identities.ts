import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data encrypted at rest in the matcher's tables (issue 12): a record's identity is stored sealed
 * (AES-256-GCM, `key_id` beside it) with keyed hashes of its normalised name and ID number for search; block
 * keys, claimed ID numbers and name counts hold keyed hashes (the values start `b1.`). Rows written before stay
 * readable (identity in clear, no key id) until `data:reseal` seals them; the migration has no keys to do it.
 */
export class SealedIdentities1765300000000 implements MigrationInterface {
  name = 'SealedIdentities1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_record ALTER COLUMN identity DROP NOT NULL`);
    await q.query(
      `ALTER TABLE person_record ADD COLUMN identity_sealed bytea, ADD COLUMN key_id text, ADD COLUMN name_hash text, ADD COLUMN id_hash text`,
    );
    await q.query(
      `ALTER TABLE person_record ADD CONSTRAINT ck_person_record_identity CHECK (identity IS NOT NULL OR (identity_sealed IS NOT NULL AND key_id IS NOT NULL))`,
    );
    // The search indexes held names and ID numbers in clear; hashes replace them.
    await q.query(`DROP INDEX ix_person_record_name`);
    await q.query(`DROP INDEX ix_person_record_id_number`);
    await q.query(`CREATE INDEX ix_person_record_name_hash ON person_record (name_hash)`);
    await q.query(`CREATE INDEX ix_person_record_id_hash ON person_record (id_hash)`);
    // What data:reseal has left to do: rows in clear or under an old key.
    await q.query(`CREATE INDEX ix_person_record_key_id ON person_record (key_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_person_record_key_id`);
    await q.query(`DROP INDEX ix_person_record_id_hash`);
    await q.query(`DROP INDEX ix_person_record_name_hash`);
    await q.query(`CREATE INDEX ix_person_record_name ON person_record ((identity->'name'->>'normalized'))`);
    await q.query(`CREATE INDEX ix_person_record_id_number ON person_record ((identity->'id'->>'normalized'))`);
    await q.query(`ALTER TABLE person_record DROP CONSTRAINT ck_person_record_identity`);
    await q.query(
      `ALTER TABLE person_record DROP COLUMN identity_sealed, DROP COLUMN key_id, DROP COLUMN name_hash, DROP COLUMN id_hash`,
    );
  }
}
