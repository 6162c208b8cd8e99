import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: every chunk that joins records to persons asks which of those persons' records are under an open review
 * pair (ReviewSettlement). Answered from the pairs' unique index, each probe walks an index of every pair ever opened;
 * the open ones are a county's few thousand, so a partial index of them stays small and in memory.
 */
export class OpenReviewRecords1766200000000 implements MigrationInterface {
  name = 'OpenReviewRecords1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_match_review_open_record ON match_review (source, source_person_id) WHERE status = 'OPEN'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_match_review_open_record`);
  }
}
