import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviewers' decisions (issue #5). The matcher's review queue gets an id a console can name, and the
 * reason a reviewer gave. The detector's facts remember which department record they came from, so a
 * record a reviewer unlinks takes its grants, statuses and applications to its new person (facts
 * stored before this migration have none and stay where they are: a merge still moves them).
 */
export class ReviewDecisions1764500000000 implements MigrationInterface {
  name = 'ReviewDecisions1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE match_review ADD COLUMN review_id bigint GENERATED ALWAYS AS IDENTITY UNIQUE, ADD COLUMN decision_reason text`,
    );
    for (const table of ['detector_benefit', 'detector_status', 'detector_application']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN source_person_id text`);
      await q.query(`CREATE INDEX ix_${table}_record ON ${table} (source, source_person_id)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['detector_benefit', 'detector_status', 'detector_application'])
      await q.query(`ALTER TABLE ${table} DROP COLUMN source_person_id`);
    await q.query(`ALTER TABLE match_review DROP COLUMN review_id, DROP COLUMN decision_reason`);
  }
}
