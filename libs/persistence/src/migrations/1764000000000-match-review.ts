import { MigrationInterface, QueryRunner } from 'typeorm';

/** The review queue of POSSIBLE_MATCH decisions (issue #3), settled by reviewers in the console (issue #5). */
export class MatchReview1764000000000 implements MigrationInterface {
  name = 'MatchReview1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE match_review (
        source              text        NOT NULL,
        source_person_id    text        NOT NULL,
        candidate_person_id text        NOT NULL REFERENCES person (person_id),
        score               real        NOT NULL,
        reasons             jsonb       NOT NULL,
        -- OPEN until a reviewer links, unlinks or marks the pair as different people.
        status              text        NOT NULL DEFAULT 'OPEN',
        created_at          timestamptz NOT NULL DEFAULT now(),
        decided_by          text,
        decided_at          timestamptz,
        PRIMARY KEY (source, source_person_id, candidate_person_id),
        FOREIGN KEY (source, source_person_id) REFERENCES person_record (source, source_person_id)
      )`);
    await q.query(`CREATE INDEX ix_match_review_open ON match_review (created_at) WHERE status = 'OPEN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE match_review`);
  }
}
