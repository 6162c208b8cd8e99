import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RECORD_COLUMNS, RecordRow, recordView } from '../record-view';
import { RecordView, ReviewStatus, ReviewView } from './review.dto';

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

/** Person ids as they are now: a merged person reads as the one it merged into. */
const CURRENT = (column: string) => `coalesce((SELECT p.merged_into FROM person p WHERE p.person_id = ${column}), ${column})`;

/** Reads of the review queue (match_review) with both sides of each pair, for the console. */
@Injectable()
export class ReviewQueue {
  constructor(private readonly db: DataSource) {}

  async list(status: ReviewStatus, limit: number, offset: number): Promise<{ total: number; reviews: ReviewView[] }> {
    const [{ n }] = await this.db.query('SELECT count(*)::int AS n FROM match_review WHERE status = $1', [status]);
    const rows: ReviewRow[] = await this.db.query(
      `SELECT review_id::text, source, source_person_id, ${CURRENT('candidate_person_id')} AS candidate_person_id, score, reasons, status,
              created_at, decided_by, decided_at, decision_reason
       FROM match_review WHERE status = $1 ORDER BY created_at, review_id LIMIT $2 OFFSET $3`,
      [status, limit, offset],
    );
    return { total: n, reviews: await this.views(this.db.manager, rows) };
  }

  async one(tx: EntityManager | undefined, reviewId: string, lock = false): Promise<ReviewView | undefined> {
    tx ??= this.db.manager;
    const rows: ReviewRow[] = await tx.query(
      `SELECT review_id::text, source, source_person_id, ${CURRENT('candidate_person_id')} AS candidate_person_id, score, reasons, status,
              created_at, decided_by, decided_at, decision_reason
       FROM match_review WHERE review_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [reviewId],
    );
    return (await this.views(tx, rows))[0];
  }

  async record(tx: EntityManager, source: string, sourcePersonId: string, lock = false): Promise<RecordView | undefined> {
    const rows: RecordRow[] = await tx.query(
      `SELECT ${RECORD_COLUMNS} FROM person_record WHERE source = $1 AND source_person_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [source, sourcePersonId],
    );
    return rows[0] && recordView(rows[0]);
  }

  async recordsOf(tx: EntityManager, personIds: string[]): Promise<RecordView[]> {
    const rows: RecordRow[] = await tx.query(
      `SELECT ${RECORD_COLUMNS} FROM person_record WHERE person_id = ANY($1) ORDER BY source, source_person_id`,
      [personIds],
    );
    return rows.map(recordView);
  }

  private async views(tx: EntityManager, rows: ReviewRow[]): Promise<ReviewView[]> {
    if (rows.length === 0) return [];
    const own: RecordRow[] = await tx.query(
      `SELECT r.source, r.source_person_id, r.person_id, r.identity, r.decision, r.manual
       FROM person_record r JOIN unnest($1::text[], $2::text[]) AS q(source, source_person_id) USING (source, source_person_id)`,
      [rows.map((r) => r.source), rows.map((r) => r.source_person_id)],
    );
    const recordOf = new Map(own.map((r) => [`${r.source}\u0000${r.source_person_id}`, recordView(r)]));
    const candidates = await this.recordsOf(tx, [...new Set(rows.map((r) => r.candidate_person_id))]);
    return rows.map((r) => ({
      reviewId: r.review_id,
      status: r.status,
      score: r.score,
      reasons: r.reasons,
      createdAt: r.created_at.toISOString(),
      decidedBy: r.decided_by,
      decidedAt: r.decided_at?.toISOString() ?? null,
      decisionReason: r.decision_reason,
      record: recordOf.get(`${r.source}\u0000${r.source_person_id}`)!,
      candidate: { personId: r.candidate_person_id, records: candidates.filter((c) => c.personId === r.candidate_person_id) },
    }));
  }
}
