import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review pairs the detector knows to be open (issue #4 precision): while a POSSIBLE_MATCH pair waits for a
 * reviewer, omission alerts of both persons' households are held, up to DETECTOR_REVIEW_HOLD_DAYS of
 * event time. One row per record under review; deleted when the pair is settled.
 */
export class ReviewHolds1764700000000 implements MigrationInterface {
  name = 'ReviewHolds1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE detector_review_hold (
        source              text        NOT NULL,
        source_person_id    text        NOT NULL,
        person_id           text        NOT NULL,
        candidate_person_id text        NOT NULL,
        opened_at           timestamptz NOT NULL,
        PRIMARY KEY (source, source_person_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE detector_review_hold`);
  }
}
