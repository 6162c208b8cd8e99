import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { MatchIdentity } from '@hub/matching';

export interface StoredRecord {
  source: string;
  sourcePersonId: string;
  personId: string;
  identity: MatchIdentity;
  manual: boolean;
}

/** SQL for the matcher's tables; every method runs inside the caller's transaction. */
@Injectable()
export class PersonStore {
  newPersonId(): string {
    return `P-${randomBytes(6).toString('hex')}`;
  }

  /** Serialises work on one ID number (its first 17 digits) across matcher instances until the transaction ends. */
  async lockIdNumber(tx: EntityManager, first17: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`id:${first17}`]);
  }

  async record(tx: EntityManager, source: string, sourcePersonId: string): Promise<StoredRecord | undefined> {
    const rows = await tx.query(
      'SELECT person_id, identity, manual FROM person_record WHERE source = $1 AND source_person_id = $2 FOR UPDATE',
      [source, sourcePersonId],
    );
    return rows[0] ? { source, sourcePersonId, personId: rows[0].person_id, identity: rows[0].identity, manual: rows[0].manual } : undefined;
  }

  async candidates(tx: EntityManager, keys: string[], source: string, sourcePersonId: string): Promise<StoredRecord[]> {
    if (keys.length === 0) return [];
    const rows = await tx.query(
      `SELECT DISTINCT r.source, r.source_person_id, r.person_id, r.identity, r.manual
       FROM person_block_key k JOIN person_record r ON r.source = k.source AND r.source_person_id = k.source_person_id
       WHERE k.block_key = ANY($1) AND NOT (r.source = $2 AND r.source_person_id = $3)
       LIMIT 500`,
      [keys, source, sourcePersonId],
    );
    return rows.map((r: Record<string, unknown>) => ({ source: r.source, sourcePersonId: r.source_person_id, personId: r.person_id, identity: r.identity, manual: r.manual }) as StoredRecord);
  }

  async createPerson(tx: EntityManager, personId: string): Promise<void> {
    await tx.query('INSERT INTO person (person_id) VALUES ($1)', [personId]);
  }

  async saveRecord(tx: EntityManager, r: { source: string; sourcePersonId: string; personId: string; identity: MatchIdentity; decision: string; score: number; reasons: unknown[] }, keys: string[]): Promise<void> {
    await tx.query(
      `INSERT INTO person_record (source, source_person_id, person_id, identity, decision, score, reasons, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (source, source_person_id) DO UPDATE
       SET person_id = EXCLUDED.person_id, identity = EXCLUDED.identity, decision = EXCLUDED.decision,
           score = EXCLUDED.score, reasons = EXCLUDED.reasons, updated_at = now()`,
      [r.source, r.sourcePersonId, r.personId, JSON.stringify(r.identity), r.decision, Number.isFinite(r.score) ? r.score : 0, JSON.stringify(r.reasons)],
    );
    await tx.query('DELETE FROM person_block_key WHERE source = $1 AND source_person_id = $2', [r.source, r.sourcePersonId]);
    await tx.query(
      'INSERT INTO person_block_key (block_key, source, source_person_id) SELECT k, $2, $3 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING',
      [keys, r.source, r.sourcePersonId],
    );
  }

  /** Queues a POSSIBLE_MATCH for review; the same pair again refreshes its evidence, a settled pair stays settled. */
  async queueReview(tx: EntityManager, source: string, sourcePersonId: string, candidatePersonId: string, score: number, reasons: unknown[]): Promise<void> {
    await tx.query(
      `INSERT INTO match_review (source, source_person_id, candidate_person_id, score, reasons)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (source, source_person_id, candidate_person_id) DO UPDATE
       SET score = EXCLUDED.score, reasons = EXCLUDED.reasons WHERE match_review.status = 'OPEN'`,
      [source, sourcePersonId, candidatePersonId, score, JSON.stringify(reasons)],
    );
  }

  /** Merged persons keep their ids and redirect to the survivor; their records move to it. */
  async merge(tx: EntityManager, survivorId: string, mergedIds: string[]): Promise<void> {
    await tx.query('UPDATE person SET merged_into = $1 WHERE person_id = ANY($2)', [survivorId, mergedIds]);
    await tx.query('UPDATE person SET merged_into = $1 WHERE merged_into = ANY($2)', [survivorId, mergedIds]);
    await tx.query('UPDATE person_record SET person_id = $1, updated_at = now() WHERE person_id = ANY($2)', [survivorId, mergedIds]);
  }
}
