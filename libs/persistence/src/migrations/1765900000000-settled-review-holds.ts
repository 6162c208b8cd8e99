import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A review pair the detector learns of twice (with the record's events in the matcher's feed, and from the matcher's
 * outbox) must stay settled once a reviewer settled it: a settled pair keeps its row, marked `settled_at`, and a
 * later "open" of the same record changes nothing. A record a reviewer decided on is never sent to review again
 * (the matcher marks it manual), so the mark needs no end. Rows deleted before this (settled pairs) are simply gone.
 */
export class SettledReviewHolds1765900000000 implements MigrationInterface {
  name = 'SettledReviewHolds1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE detector_review_hold ADD COLUMN settled_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM detector_review_hold WHERE settled_at IS NOT NULL`);
    await q.query(`ALTER TABLE detector_review_hold DROP COLUMN settled_at`);
  }
}
