import { Provider } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { storableText } from '@hub/identity';
import { QuarantineCode } from './quarantine-codes';
import { RecordFailure } from './record-isolation';
import { ServiceMetrics } from './service-metrics';

/** A record the service could not process, where it came from, and why. */
export interface QuarantineEntry {
  inputTopic: string;
  partition: number;
  offset: string;
  /** Identifies the record within its message (e.g. `<source>|<event id>`; a message may carry many records). */
  recordKey: string;
  code: QuarantineCode;
  detail: string;
  /** The record itself, stored as JSON for a developer to replay. */
  record: unknown;
}

/** Larger records are stored as a note of their size: the table is for diagnosis, not a second event store. */
const MAX_RECORD_CHARS = 4 * 1024 * 1024;

function recordJson(record: unknown): string {
  try {
    const json = JSON.stringify(record) ?? 'null';
    return json.length <= MAX_RECORD_CHARS ? json : JSON.stringify({ omitted: `record of ${json.length} characters` });
  } catch (e) {
    return JSON.stringify({ omitted: `record not serialisable: ${(e as Error).message}` });
  }
}

// `record` is json, not jsonb: json keeps any text the hub received (an unpaired surrogate escape, say),
// so storing a quarantined record cannot fail the way the record did.
const INSERT = `
  INSERT INTO quarantined_record (service, input_topic, input_partition, input_offset, record_key, code, detail, record)
  SELECT $1, r.t, r.p, r.o, r.k, r.c, r.d, r.j::json
  FROM json_to_recordset($2::json) AS r(t text, p int, o bigint, k text, c text, d text, j text)
  ON CONFLICT (service, input_topic, input_partition, input_offset, record_key) DO NOTHING
  RETURNING input_topic, code`;

/**
 * The quarantine of one service (table `quarantined_record`): records isolated by isolateRecordFailures.
 * Adding the same record again (a redelivered batch) stores and counts nothing. Made by
 * quarantineStoreProvider, which names the service.
 */
export class QuarantineStore {
  private readonly counter: Counter<'code' | 'topic'>;

  constructor(
    private readonly db: DataSource,
    readonly service: string,
    registry: Registry,
  ) {
    this.counter = new Counter({ name: 'hub_records_quarantined_total', help: 'Records quarantined (their failure was their own), by code and input topic', labelNames: ['code', 'topic'], registers: [registry] });
  }

  /** Stores the entries; returns how many were new. */
  async add(entries: QuarantineEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const rows = entries.map((e) => ({ t: e.inputTopic, p: e.partition, o: e.offset, k: storableText(e.recordKey), c: e.code, d: storableText(e.detail), j: recordJson(e.record) }));
    const stored: { input_topic: string; code: string }[] = await this.db.query(INSERT, [this.service, JSON.stringify(rows)]);
    for (const r of stored) this.counter.inc({ code: r.code, topic: r.input_topic });
    return stored.length;
  }

  /** isolateRecordFailures' failures as entries, given where each record came from. */
  async addFailures<R>(failures: RecordFailure<R>[], origin: (record: R) => Pick<QuarantineEntry, 'inputTopic' | 'partition' | 'offset' | 'recordKey'>): Promise<number> {
    return this.add(failures.map((f) => ({ ...origin(f.record), code: f.code, detail: f.detail, record: f.record })));
  }

  /** The newest entries of this service, for the admin and tests. */
  async recent(limit = 100): Promise<(QuarantineEntry & { at: Date })[]> {
    const rows: { input_topic: string; input_partition: number; input_offset: string; record_key: string; code: QuarantineCode; detail: string; record: unknown; at: Date }[] = await this.db.query(
      'SELECT input_topic, input_partition, input_offset::text, record_key, code, detail, record, at FROM quarantined_record WHERE service = $1 ORDER BY id DESC LIMIT $2',
      [this.service, limit],
    );
    return rows.map((r) => ({ inputTopic: r.input_topic, partition: r.input_partition, offset: r.input_offset, recordKey: r.record_key, code: r.code, detail: r.detail, record: r.record, at: r.at }));
  }
}

/** The store of a service, its counter on the service's /metrics: `providers: [quarantineStoreProvider('detector')]`. */
export function quarantineStoreProvider(service: string): Provider {
  return { provide: QuarantineStore, useFactory: (db: DataSource, metrics: ServiceMetrics) => new QuarantineStore(db, service, metrics.registry), inject: [DataSource, ServiceMetrics] };
}
