import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People search in the console (issue #5): by normalised name, and by ID number through the records
 * (numbers that failed their check digit are not claimed in person_id_number but can still be asked for).
 */
export class PersonSearch1764600000000 implements MigrationInterface {
  name = 'PersonSearch1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_person_record_name ON person_record ((identity->'name'->>'normalized'))`);
    await q.query(`CREATE INDEX ix_person_record_id_number ON person_record ((identity->'id'->>'normalized'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_person_record_name`);
    await q.query(`DROP INDEX ix_person_record_id_number`);
  }
}
