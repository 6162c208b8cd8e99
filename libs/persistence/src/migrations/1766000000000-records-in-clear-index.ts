import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: `ix_person_record_key_id` indexed every record by the key its identity is sealed under, one index entry
 * more for every record stored, and answered one question only: whether any record is still in clear (`key_id IS
 * NULL`, asked at the matcher's start). Resealing asks for records under another key (`IS DISTINCT FROM`), which a
 * b-tree cannot answer. A partial index of the records in clear answers the start's question as fast and holds no
 * entry once every record is sealed. (In PostgreSQL's own timing of bench:match's upsert of 5,000 records into a
 * million, the index was 5–20% of the statement.)
 */
export class RecordsInClearIndex1766000000000 implements MigrationInterface {
  name = 'RecordsInClearIndex1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_person_record_in_clear ON person_record (record_id) WHERE key_id IS NULL`);
    await q.query(`DROP INDEX ix_person_record_key_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_person_record_key_id ON person_record (key_id)`);
    await q.query(`DROP INDEX ix_person_record_in_clear`);
  }
}
