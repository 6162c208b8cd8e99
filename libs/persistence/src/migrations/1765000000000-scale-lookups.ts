import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lookups a detection cycle makes by person, so that their cost follows the cycle's households and not
 * the county (issue 11): the review holds of a person (as the record's person or as the candidate), and the
 * persons merged into a survivor. Before, every cycle read every open hold.
 */
export class ScaleLookups1765000000000 implements MigrationInterface {
  name = 'ScaleLookups1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_detector_review_hold_person ON detector_review_hold (person_id)`);
    await q.query(`CREATE INDEX ix_detector_review_hold_candidate ON detector_review_hold (candidate_person_id)`);
    await q.query(`CREATE INDEX ix_detector_person_redirect_survivor ON detector_person_redirect (survivor_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_detector_person_redirect_survivor`);
    await q.query(`DROP INDEX ix_detector_review_hold_candidate`);
    await q.query(`DROP INDEX ix_detector_review_hold_person`);
  }
}
