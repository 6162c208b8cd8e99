import { Inject, Injectable } from '@nestjs/common';
import { recordKeyOf } from '@hub/contract';
import { PersonalDataVault, lookupHash } from '@hub/identity';
import { DepartmentQualityView, DepartmentRecordRef } from '@hub/views';
import { DataSource } from 'typeorm';
import { classifyFailure } from '@hub/runtime';
/** What the store needs of an accepted event: its identity, where Kafka had it, and its row as JSON. */
export interface StoreCandidate {
  source: string;
  id: string;
  topic: string;
  partition: number;
  offset: string;
  /** The row but its payload, as JSON. */
  rowJson: string;
  /** The payload, sealed by the store before it is written. */
  dataJson: string;
  /** The person the event names (the department's id), stored as a keyed hash so a purge finds the event. */
  sourcePersonId: string | null;
}

export type StoreOutcome =
  | { kind: 'stored'; seq: string; receivedAt: Date }
  /** Kafka delivered the same message again (restart before commit): republish, store nothing. */
  | { kind: 'redelivered'; seq: string; receivedAt: Date }
  /** The department sent the same source+id again: the same event, processed once. */
  | { kind: 'duplicate'; seq: string }
  /** The database refused this row's content (e.g. NUL in text); goes to the dead letters. */
  | { kind: 'refused'; detail: string };

// One JSON document per batch: the payload is embedded as it is (not escaped twice, as it would be
// inside a text[] parameter); json (not jsonb) throughout, so PostgreSQL only checks and slices text.
const INSERT = `
  INSERT INTO intake_event (source, event_id, type, department, region_code, event_time, topic, partition,
                            kafka_offset, content_mode, quality_flags, data_sealed, key_id, record_hash)
  SELECT r.s, r.i, r.t, r.d, r.r, r.et, r.tp, r.p, r.o, r.cm, r.f, decode(r.ds, 'base64'), r.k, r.rh
  FROM json_to_recordset($1::json) AS r(s text, i text, t text, d text, r text, et timestamptz, tp text, p int,
                                        o bigint, cm text, f text[], ds text, k text, rh text)
  ON CONFLICT (source, event_id) DO NOTHING
  RETURNING seq::text, source, event_id, received_at`;

const EXISTING = `
  SELECT e.seq::text, e.source, e.event_id, e.topic, e.partition, e.kafka_offset::text, e.received_at
  FROM intake_event e
  JOIN unnest($1::text[], $2::text[]) AS k(s, i) ON e.source = k.s AND e.event_id = k.i`;

/** An event is unique by source and id (contract section 2); the key is also its sealed data's associated data. */
const eventKey = recordKeyOf;

/** Anything but the database being unreachable is about some row's content (22xxx, 54xxx, ...). */
const isContentError = (e: unknown) => classifyFailure(e) === 'RECORD';

@Injectable()
export class EventStore {
  constructor(
    private readonly db: DataSource,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  /** The month's stored events per department and their data-quality flags (the department scorecard). */
  async qualityByDepartment(month: string): Promise<DepartmentQualityView[]> {
    const rows: { department: string; accepted: number; flagged: number; flags: Record<string, number> | null }[] =
      await this.db.query(
        `WITH m AS (SELECT ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS first, ($1::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai' AS next),
       e AS (SELECT department, quality_flags FROM intake_event, m WHERE received_at >= m.first AND received_at < m.next),
       f AS (SELECT department, flag, count(*)::int AS n FROM e, unnest(quality_flags) AS flag GROUP BY department, flag)
       SELECT d.department, d.accepted, d.flagged, (SELECT jsonb_object_agg(flag, n) FROM f WHERE f.department = d.department) AS flags
       FROM (SELECT department, count(*)::int AS accepted, count(*) FILTER (WHERE cardinality(quality_flags) > 0)::int AS flagged FROM e GROUP BY department) d
       ORDER BY d.department`,
        [`${month}-01`],
      );
    return rows.map((r) => ({
      department: r.department,
      accepted: r.accepted,
      flagged: r.flagged,
      flags: r.flags ?? {},
    }));
  }

  /** The row with its payload sealed (issue 12): the event's source and id are the associated data. */
  private sealedRow(a: StoreCandidate): string {
    const sealed = this.vault.sealText(a.dataJson, eventKey(a.source, a.id));
    const recordHash =
      a.sourcePersonId === null ? null : lookupHash.departmentRecord(this.vault, a.source, a.sourcePersonId);
    return `${a.rowJson.slice(0, -1)},"ds":${JSON.stringify(sealed.sealed.toString('base64'))},"k":${JSON.stringify(sealed.keyId)},"rh":${JSON.stringify(recordHash)}}`;
  }

  /**
   * Deletes the events of these department records (a person's purge, issue 12) through the one function that
   * may delete from the append-only store; returns how many. Events stored before record hashes are found by the
   * person id in their payload, which was kept in clear then.
   */
  async purge(records: DepartmentRecordRef[]): Promise<number> {
    if (records.length === 0) return 0;
    const [{ purged }]: { purged: number | string }[] = await this.db.query(
      'SELECT purge_intake_events($1, $2, $3) AS purged',
      [
        records.map((r) => lookupHash.departmentRecord(this.vault, r.source, r.sourcePersonId)),
        records.map((r) => r.source),
        records.map((r) => r.sourcePersonId),
      ],
    );
    return Number(purged);
  }

  /** Appends accepted events in one statement; the outcome array is parallel to the input. */
  async append(accepted: StoreCandidate[]): Promise<StoreOutcome[]> {
    if (accepted.length === 0) return [];
    try {
      return await this.appendAll(accepted);
    } catch (e) {
      if (!isContentError(e)) throw e;
      // One row poisons the whole statement: find it by storing the rows one at a time.
      const outcomes: StoreOutcome[] = [];
      for (const a of accepted) {
        try {
          outcomes.push(...(await this.appendAll([a])));
        } catch (rowError) {
          if (!isContentError(rowError)) throw rowError;
          outcomes.push({
            kind: 'refused',
            detail: `event store refused the event: ${(rowError as Error).message}`.slice(0, 300),
          });
        }
      }
      return outcomes;
    }
  }

  private async appendAll(accepted: StoreCandidate[]): Promise<StoreOutcome[]> {
    const inserted: { seq: string; source: string; event_id: string; received_at: Date }[] = await this.db.query(
      INSERT,
      [`[${accepted.map((a) => this.sealedRow(a)).join(',')}]`],
    );
    const fresh = new Map(inserted.map((r) => [eventKey(r.source, r.event_id), r]));
    const outcomes: (StoreOutcome | undefined)[] = accepted.map((a) => {
      const k = eventKey(a.source, a.id);
      const row = fresh.get(k);
      if (!row) return undefined;
      fresh.delete(k); // a second copy in the same batch is a duplicate of this one
      return { kind: 'stored', seq: row.seq, receivedAt: row.received_at };
    });
    const pending = accepted.filter((_, i) => !outcomes[i]);
    if (pending.length) {
      const existing: {
        seq: string;
        source: string;
        event_id: string;
        topic: string;
        partition: number;
        kafka_offset: string;
        received_at: Date;
      }[] = await this.db.query(EXISTING, [pending.map((a) => a.source), pending.map((a) => a.id)]);
      const byKey = new Map(existing.map((r) => [eventKey(r.source, r.event_id), r]));
      accepted.forEach((a, i) => {
        if (outcomes[i]) return;
        const row = byKey.get(eventKey(a.source, a.id))!;
        const sameMessage = row.topic === a.topic && row.partition === a.partition && row.kafka_offset === a.offset;
        outcomes[i] = sameMessage
          ? { kind: 'redelivered', seq: row.seq, receivedAt: row.received_at }
          : { kind: 'duplicate', seq: row.seq };
      });
    }
    return outcomes as StoreOutcome[];
  }
}
