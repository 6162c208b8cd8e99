import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: block keys by name and region are split by birth date (libs/matching `KEY_SCHEME` 2), so a dated
 * record no longer reads every namesake of its region. Each record now says which scheme its keys were written
 * under; rows written before have none (scheme 1) and lack the new keys, which the matcher adds before it links
 * (`rekeyRecords`, from their sealed identities: SQL cannot open them). The partial index finds those rows at once
 * and empties as they are keyed again. Added without a default, so the table is not rewritten.
 */
export class KeyScheme1765600000000 implements MigrationInterface {
  name = 'KeyScheme1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_record ADD COLUMN key_scheme smallint`);
    await q.query(
      `CREATE INDEX ix_person_record_unkeyed ON person_record (source, source_person_id) WHERE key_scheme IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_person_record_unkeyed`);
    await q.query(`ALTER TABLE person_record DROP COLUMN key_scheme`);
  }
}
