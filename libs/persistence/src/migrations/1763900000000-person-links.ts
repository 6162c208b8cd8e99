import { MigrationInterface, QueryRunner } from 'typeorm';

/** The matcher's tables (issue #3): hub persons, the department records tied to them, blocking keys. */
export class PersonLinks1763900000000 implements MigrationInterface {
  name = 'PersonLinks1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person (
        person_id   text PRIMARY KEY,
        created_at  timestamptz NOT NULL DEFAULT now(),
        -- A merged person keeps its id forever; it redirects to the survivor.
        merged_into text REFERENCES person (person_id)
      )`);
    await q.query(`
      CREATE TABLE person_record (
        source           text        NOT NULL,
        source_person_id text        NOT NULL,
        person_id        text        NOT NULL REFERENCES person (person_id),
        identity         jsonb       NOT NULL,
        decision         text        NOT NULL,
        score            real        NOT NULL,
        reasons          jsonb       NOT NULL,
        -- Set by a reviewer's link or unlink: automatic matching never changes such a record.
        manual           boolean     NOT NULL DEFAULT false,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, source_person_id)
      )`);
    await q.query(`CREATE INDEX ix_person_record_person ON person_record (person_id)`);
    await q.query(`
      CREATE TABLE person_block_key (
        block_key        text NOT NULL,
        source           text NOT NULL,
        source_person_id text NOT NULL,
        PRIMARY KEY (block_key, source, source_person_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_block_key`);
    await q.query(`DROP TABLE person_record`);
    await q.query(`DROP TABLE person`);
  }
}
