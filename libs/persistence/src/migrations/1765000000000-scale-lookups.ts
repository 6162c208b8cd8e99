import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lookups by person that read whole tables, so that their cost follows the work at hand and not the county
 * (issue 11; seen in pg_stat_statements of a 1M-event run, 24-47 ms a call by 280k records and growing):
 * - detector: the review holds of a person (as the record's person or as the candidate: every cycle read every
 *   hold), the persons merged into a survivor, a merged person's department records;
 * - matcher: a merge redirecting persons merged into the merged ones (`merged_into`) and moving their ID numbers.
 */
export class ScaleLookups1765000000000 implements MigrationInterface {
  name = 'ScaleLookups1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_detector_review_hold_person ON detector_review_hold (person_id)`);
    await q.query(`CREATE INDEX ix_detector_review_hold_candidate ON detector_review_hold (candidate_person_id)`);
    await q.query(`CREATE INDEX ix_detector_person_redirect_survivor ON detector_person_redirect (survivor_id)`);
    await q.query(`CREATE INDEX ix_detector_source_person_person ON detector_source_person (person_id)`);
    await q.query(`CREATE INDEX ix_person_merged_into ON person (merged_into) WHERE merged_into IS NOT NULL`);
    await q.query(`CREATE INDEX ix_person_id_number_person ON person_id_number (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_person_id_number_person`);
    await q.query(`DROP INDEX ix_person_merged_into`);
    await q.query(`DROP INDEX ix_detector_source_person_person`);
    await q.query(`DROP INDEX ix_detector_person_redirect_survivor`);
    await q.query(`DROP INDEX ix_detector_review_hold_candidate`);
    await q.query(`DROP INDEX ix_detector_review_hold_person`);
  }
}
