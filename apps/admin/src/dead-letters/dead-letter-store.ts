import { Injectable, Inject } from '@nestjs/common';
import { PersonalDataVault, compositeKey } from '@hub/identity';
import { DataSource, EntityManager } from 'typeorm';
import { DeadLetterRecord, StoredHeaders } from './dead-letter-message';

export const DEAD_LETTER_STATUSES = ['NEW', 'REPLAYED', 'FAILED_AGAIN'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

export interface DeadLetterFilter {
  department?: string;
  code?: string;
  status?: DeadLetterStatus;
  beforeId?: string;
  limit: number;
}

export interface DeadLetterSummaryRow {
  id: string;
  department: string | null;
  errorCode: string;
  errorDetail: string | null;
  sourceTopic: string | null;
  sourcePartition: number | null;
  sourceOffset: string | null;
  publishedAt: Date | null;
  storedAt: Date;
  /** The dead letter this one is a failed replay of. */
  replayOf: string | null;
  replays: number;
  lastReplayedAt: Date | null;
  lastReplayedBy: string | null;
  /** The newer dead letter the last replay became, when it failed again. */
  failedAgainAs: string | null;
  status: DeadLetterStatus;
}

export interface StoredDeadLetter extends DeadLetterSummaryRow {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: StoredHeaders;
}

export interface DeadLetterCount {
  department: string | null;
  errorCode: string;
  count: number;
  notReplayed: number;
}

/**
 * Status from the replay log: NEW (never replayed), REPLAYED (no dead letter came back from the last
 * replay), FAILED_AGAIN (one did: it is listed as a dead letter of its own, pointing back here).
 * Both times are the database's clock, so they compare.
 */
const SUMMARY_SELECT = `
  SELECT d.id::text AS "id", d.department AS "department", d.error_code AS "errorCode", d.error_detail AS "errorDetail",
         d.source_topic AS "sourceTopic", d.source_partition AS "sourcePartition", d.source_offset::text AS "sourceOffset",
         d.published_at AS "publishedAt", d.stored_at AS "storedAt", d.replay_of::text AS "replayOf",
         coalesce(r.replays, 0) AS "replays", r.last_at AS "lastReplayedAt", r.last_by AS "lastReplayedBy", f.failed_id AS "failedAgainAs",
         CASE WHEN r.replays IS NULL THEN 'NEW' WHEN f.failed_id IS NOT NULL THEN 'FAILED_AGAIN' ELSE 'REPLAYED' END AS "status"`;
const SUMMARY_FROM = `
  FROM admin_dead_letter d
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS replays, max(replayed_at) AS last_at, (array_agg(username ORDER BY replayed_at DESC))[1] AS last_by
    FROM admin_dead_letter_replay WHERE dead_letter_id = d.id HAVING count(*) > 0
  ) r ON true
  LEFT JOIN LATERAL (
    SELECT max(c.id)::text AS failed_id FROM admin_dead_letter c WHERE c.replay_of = d.id AND c.stored_at >= r.last_at HAVING max(c.id) IS NOT NULL
  ) f ON true`;

/** A dead letter's position on intake.dead-letter: the associated data its sealed value opens with. */
const positionOf = (d: { topic: string; partition: number; offset: string }) =>
  compositeKey(d.topic, d.partition, d.offset);

/** The admin's copy of intake.dead-letter and the replays made from it. */
@Injectable()
export class DeadLetterStore {
  constructor(
    private readonly db: DataSource,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  /** Stores a batch once: a redelivered message (same topic, partition, offset) is skipped. Values are sealed (issue 12). */
  async append(records: DeadLetterRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    const rows = records.map((r) => {
      const sealed = r.value ? this.vault.seal(r.value.toString('base64'), positionOf(r)) : undefined;
      return {
        topic: r.topic,
        partition: r.partition,
        offset: r.offset,
        source_topic: r.sourceTopic,
        source_partition: r.sourcePartition,
        source_offset: r.sourceOffset,
        department: r.department,
        error_code: r.errorCode,
        error_detail: r.errorDetail,
        key: r.key?.toString('base64') ?? null,
        value_sealed: sealed?.sealed.toString('base64') ?? null,
        key_id: sealed?.keyId ?? null,
        headers: r.headers,
        published_at: r.publishedAt?.toISOString() ?? null,
        replay_of: r.replayOf,
      };
    });
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO admin_dead_letter (topic, partition, "offset", source_topic, source_partition, source_offset, department, error_code, error_detail,
                                      message_key, value_sealed, key_id, headers, published_at, replay_of)
       SELECT topic, partition, "offset", source_topic, source_partition, source_offset, department, error_code, error_detail,
              decode(key, 'base64'), decode(value_sealed, 'base64'), key_id, headers, published_at, replay_of
       FROM json_to_recordset($1::json) AS x(topic text, partition int, "offset" bigint, source_topic text, source_partition int, source_offset bigint,
            department text, error_code text, error_detail text, key text, value_sealed text, key_id text, headers jsonb, published_at timestamptz, replay_of bigint)
       ON CONFLICT (topic, partition, "offset") DO NOTHING RETURNING id`,
      [JSON.stringify(rows)],
    );
    return inserted.length;
  }

  /** The rejected input's value, opened (or as stored, for a dead letter kept before values were sealed). */
  private opened<
    T extends {
      value: Buffer | null;
      value_sealed?: Buffer | null;
      key_id?: string | null;
      topic: string;
      partition: number;
      offset: string;
    },
  >(row: T): Omit<T, 'value_sealed' | 'key_id'> {
    const { value_sealed: sealed, key_id: keyId, ...rest } = row;
    if (!sealed || !keyId) return rest;
    return { ...rest, value: Buffer.from(this.vault.open<string>({ keyId, sealed }, positionOf(row)), 'base64') };
  }

  async list(filter: DeadLetterFilter): Promise<{ entries: DeadLetterSummaryRow[]; nextBeforeId: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.department) add('"department" = ?', filter.department);
    if (filter.code) add('"errorCode" = ?', filter.code);
    if (filter.status) add('"status" = ?', filter.status);
    if (filter.beforeId) add('"id"::bigint < ?', filter.beforeId);
    params.push(filter.limit + 1);
    const rows: DeadLetterSummaryRow[] = await this.db.query(
      `SELECT * FROM (${SUMMARY_SELECT} ${SUMMARY_FROM}) s ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY "id"::bigint DESC LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > filter.limit;
    const entries = rows.slice(0, filter.limit);
    return { entries, nextBeforeId: more ? entries[entries.length - 1].id : null };
  }

  async get(id: string, tx?: EntityManager): Promise<StoredDeadLetter | undefined> {
    const rows: StoredDeadLetter[] = await (tx ?? this.db).query(
      `${SUMMARY_SELECT}, d.topic AS "topic", d.partition AS "partition", d."offset"::text AS "offset",
              d.message_key AS "key", d.message_value AS "value", d.value_sealed, d.key_id, d.headers AS "headers"
       ${SUMMARY_FROM} WHERE d.id = $1`,
      [id],
    );
    return rows[0] && this.opened(rows[0]);
  }

  /** The dead letters of one department and code never replayed, oldest first, locked for the caller's transaction. */
  async notReplayed(tx: EntityManager, department: string, code: string, limit: number): Promise<StoredDeadLetter[]> {
    const rows: StoredDeadLetter[] = await tx.query(
      `SELECT d.id::text AS "id", d.department AS "department", d.error_code AS "errorCode", d.source_topic AS "sourceTopic",
              d.source_partition AS "sourcePartition", d.message_key AS "key", d.message_value AS "value", d.value_sealed, d.key_id, d.headers AS "headers",
              d.topic AS "topic", d.partition AS "partition", d."offset"::text AS "offset"
       FROM admin_dead_letter d
       WHERE d.department = $1 AND d.error_code = $2 AND NOT EXISTS (SELECT 1 FROM admin_dead_letter_replay r WHERE r.dead_letter_id = d.id)
       ORDER BY d.id LIMIT $3 FOR UPDATE OF d SKIP LOCKED`,
      [department, code, limit],
    );
    return rows.map((r) => this.opened(r) as StoredDeadLetter);
  }

  async recordReplays(
    tx: EntityManager,
    ids: string[],
    by: { username: string; role: string | null },
    bulk: boolean,
    targetTopics: string[],
  ): Promise<void> {
    await tx.query(
      `INSERT INTO admin_dead_letter_replay (dead_letter_id, replayed_at, username, role, bulk, target_topic)
       SELECT id, now(), $2, $3, $4, topic FROM unnest($1::bigint[], $5::text[]) AS x(id, topic)`,
      [ids, by.username, by.role, bulk, targetTopics],
    );
  }

  /** Dead letters stored in a month (county time), by department: the feed health of the monthly report. */
  async countsByDepartmentInMonth(month: string): Promise<Map<string, number>> {
    const rows: { department: string | null; count: number }[] = await this.db.query(
      `SELECT department, count(*)::int AS count FROM admin_dead_letter
       WHERE stored_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AND stored_at < ($1::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai'
       GROUP BY department`,
      [`${month}-01`],
    );
    return new Map(rows.map((r) => [r.department ?? '', r.count]));
  }

  /** Dead letters by department and code; a department user's filter narrows it to its own. */
  async countsByCode(department?: string): Promise<DeadLetterCount[]> {
    return this.db.query(
      `SELECT d.department AS "department", d.error_code AS "errorCode", count(*)::int AS "count",
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM admin_dead_letter_replay r WHERE r.dead_letter_id = d.id))::int AS "notReplayed"
       FROM admin_dead_letter d ${department ? 'WHERE d.department = $1' : ''}
       GROUP BY d.department, d.error_code ORDER BY d.department, count(*) DESC`,
      department ? [department] : [],
    );
  }
}
