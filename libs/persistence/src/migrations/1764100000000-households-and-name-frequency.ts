import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #3, second slice: hub households, name frequencies for term-frequency adjustment, claims of
 * ID numbers, and the smaller ID-number keys (one-digit-unknown `id1:` keys are no longer
 * probed; see blocking-keys.ts).
 */
export class HouseholdsAndNameFrequency1764100000000 implements MigrationInterface {
  name = 'HouseholdsAndNameFrequency1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE household (household_id text PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    // Each department's own household id, tied to one hub household for good.
    await q.query(`
      CREATE TABLE household_source (
        source                  text NOT NULL,
        source_household_id     text NOT NULL,
        household_id            text NOT NULL REFERENCES household (household_id),
        created_at              timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, source_household_id)
      )`);
    await q.query(`CREATE INDEX ix_household_source_household ON household_source (household_id)`);
    // The household a person was last seen in, by any department.
    await q.query(`ALTER TABLE person ADD COLUMN household_id text REFERENCES household (household_id)`);
    // 'civil-affairs' when its household placed the person: other departments' households then do not move them.
    await q.query(`ALTER TABLE person ADD COLUMN household_placed_by text`);
    await q.query(`CREATE INDEX ix_person_household ON person (household_id) WHERE household_id IS NOT NULL`);
    // Department records per normalised name; the row with name '' holds the total.
    await q.query(`CREATE TABLE name_frequency (name text PRIMARY KEY, records bigint NOT NULL)`);
    await q.query(`
      INSERT INTO name_frequency (name, records)
      SELECT identity->'name'->>'normalized', count(*) FROM person_record
      WHERE coalesce(identity->'name'->>'normalized', '') <> '' GROUP BY 1`);
    await q.query(
      `INSERT INTO name_frequency (name, records) SELECT '', coalesce(sum(records), 0) FROM name_frequency`,
    );
    await q.query(`DELETE FROM person_block_key WHERE block_key LIKE 'id1:%'`);
    // One person per well-formed ID number (first 17 digits): two matcher instances racing to create a
    // person for the same new number collide here, and the loser links its chunk again.
    await q.query(
      `CREATE TABLE person_id_number (id_first17 text PRIMARY KEY, person_id text NOT NULL REFERENCES person (person_id))`,
    );
    await q.query(`
      INSERT INTO person_id_number (id_first17, person_id)
      SELECT DISTINCT ON (left(identity->'id'->>'normalized', 17)) left(identity->'id'->>'normalized', 17), person_id
      FROM person_record WHERE identity->'id'->>'kind' IN ('RESIDENT_ID', 'HMT_PERMIT')
      ORDER BY left(identity->'id'->>'normalized', 17), updated_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_id_number`);
    await q.query(`DROP TABLE name_frequency`);
    await q.query(`ALTER TABLE person DROP COLUMN household_placed_by`);
    await q.query(`ALTER TABLE person DROP COLUMN household_id`);
    await q.query(`DROP TABLE household_source`);
    await q.query(`DROP TABLE household`);
  }
}
