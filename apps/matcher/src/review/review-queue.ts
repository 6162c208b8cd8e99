import { Injectable, Inject } from '@nestjs/common';
import { PersonalDataVault } from '@hub/identity';
import { DataSource, EntityManager } from 'typeorm';
import { recordKeyOf, sourceDepartmentSql } from '@hub/contract';
import { DepartmentReviewsView } from '@hub/views';
import { RecordRow, recordColumns, recordView, recordsOfPersons } from '../record-view';
import { ReviewStatus, ReviewView } from './review.dto';

interface ReviewRow {
  review_id: string;
  source: string;
  source_person_id: string;
  candidate_person_id: string;
  score: number;
  reasons: ReviewView['reasons'];
  status: ReviewStatus;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

/** A review as stored, its proposed person as it is now (a merged person reads as the one it merged into). */
const REVIEW_COLUMNS = `review_id::text, source, source_person_id,
  coalesce((SELECT p.merged_into FROM person p WHERE p.person_id = candidate_person_id), candidate_person_id) AS candidate_person_id,
  score, reasons, status, created_at, decided_by, decided_at, decision_reason`;

/** Reads of the review queue (match_review) with both sides of each pair, for the console. */
@Injectable()
export class ReviewQueue {
  constructor(
    private readonly db: DataSource,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  /** Department records sent to review in a month, per department (the statistics page's scorecard). */
  async sentToReviewByDepartment(month: string): Promise<DepartmentReviewsView[]> {
    return this.db.query(
      `SELECT ${sourceDepartmentSql('source')} AS department, count(DISTINCT (source, source_person_id))::int AS "sentToReview" FROM match_review
       WHERE created_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AND created_at < ($1::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai'
       GROUP BY 1 ORDER BY 1`,
      [`${month}-01`],
    );
  }

  async list(status: ReviewStatus, limit: number, offset: number): Promise<{ total: number; reviews: ReviewView[] }> {
    const [{ n }]: { n: number }[] = await this.db.query(
      'SELECT count(*)::int AS n FROM match_review WHERE status = $1',
      [status],
    );
    const rows: ReviewRow[] = await this.db.query(
      `SELECT ${REVIEW_COLUMNS} FROM match_review WHERE status = $1 ORDER BY created_at, review_id LIMIT $2 OFFSET $3`,
      [status, limit, offset],
    );
    return { total: n, reviews: await this.views(this.db.manager, rows) };
  }

  async one(tx: EntityManager | undefined, reviewId: string, lock = false): Promise<ReviewView | undefined> {
    tx ??= this.db.manager;
    const rows: ReviewRow[] = await tx.query(
      `SELECT ${REVIEW_COLUMNS} FROM match_review WHERE review_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [reviewId],
    );
    return (await this.views(tx, rows))[0];
  }

  private async views(tx: EntityManager, rows: ReviewRow[]): Promise<ReviewView[]> {
    if (rows.length === 0) return [];
    const own: RecordRow[] = await tx.query(
      `SELECT ${recordColumns('r')}
       FROM person_record r JOIN unnest($1::text[], $2::text[]) AS q(source, source_person_id) USING (source, source_person_id)`,
      [rows.map((r) => r.source), rows.map((r) => r.source_person_id)],
    );
    const recordOf = new Map(own.map((r) => [recordKeyOf(r.source, r.source_person_id), recordView(this.vault, r)]));
    const candidates = await recordsOfPersons(tx, this.vault, [...new Set(rows.map((r) => r.candidate_person_id))]);
    return rows.map((r) => ({
      reviewId: r.review_id,
      status: r.status,
      score: r.score,
      reasons: r.reasons,
      createdAt: r.created_at.toISOString(),
      decidedBy: r.decided_by,
      decidedAt: r.decided_at?.toISOString() ?? null,
      decisionReason: r.decision_reason,
      record: recordOf.get(recordKeyOf(r.source, r.source_person_id))!,
      candidate: {
        personId: r.candidate_person_id,
        records: candidates.filter((c) => c.personId === r.candidate_person_id),
      },
    }));
  }
}
