import { Provider } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { PersonalDataVault } from '@hub/identity';
import { DataSource } from 'typeorm';
import { compositeKey, storableText } from '@hub/identity';
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

// The record is stored sealed (bytes), so storing a quarantined record cannot fail the way the record did
// (an unpaired surrogate escape, say).
const INSERT = `
  INSERT INTO quarantined_record (service, input_topic, input_partition, input_offset, record_key, code, detail, record_sealed, key_id)
  SELECT $1, r.t, r.p, r.o, r.k, r.c, r.d, decode(r.s, 'base64'), r.i
  FROM json_to_recordset($2::json) AS r(t text, p int, o bigint, k text, c text, d text, s text, i text)
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
    private readonly vault: PersonalDataVault,
  ) {
    this.counter = new Counter({
      name: 'hub_records_quarantined_total',
      help: 'Records quarantined (their failure was their own), by code and input topic',
      labelNames: ['code', 'topic'],
      registers: [registry],
    });
  }

  /** Stores the entries; returns how many were new. */
  async add(entries: QuarantineEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    // The record holds personal data: sealed (issue 12), its place in the input as associated data.
    const rows = entries.map((e) => {
      const sealed = this.vault.sealText(recordJson(e.record), this.placeOf(e));
      return {
        t: e.inputTopic,
        p: e.partition,
        o: e.offset,
        k: storableText(e.recordKey),
        c: e.code,
        d: storableText(e.detail),
        s: sealed.sealed.toString('base64'),
        i: sealed.keyId,
      };
    });
    const stored: { input_topic: string; code: string }[] = await this.db.query(INSERT, [
      this.service,
      JSON.stringify(rows),
    ]);
    for (const r of stored) this.counter.inc({ code: r.code, topic: r.input_topic });
    return stored.length;
  }

  /** isolateRecordFailures' failures as entries, given where each record came from. */
  async addFailures<R>(
    failures: RecordFailure<R>[],
    origin: (record: R) => Pick<QuarantineEntry, 'inputTopic' | 'partition' | 'offset' | 'recordKey'>,
  ): Promise<number> {
    return this.add(failures.map((f) => ({ ...origin(f.record), code: f.code, detail: f.detail, record: f.record })));
  }

  /** The newest entries of this service, for the admin and tests (records opened; one kept before sealing as it is). */
  async recent(limit = 100): Promise<(QuarantineEntry & { at: Date })[]> {
    const rows: {
      input_topic: string;
      input_partition: number;
      input_offset: string;
      record_key: string;
      code: QuarantineCode;
      detail: string;
      record: unknown;
      record_sealed: Buffer | null;
      key_id: string | null;
      at: Date;
    }[] = await this.db.query(
      'SELECT input_topic, input_partition, input_offset::text, record_key, code, detail, record, record_sealed, key_id, at FROM quarantined_record WHERE service = $1 ORDER BY id DESC LIMIT $2',
      [this.service, limit],
    );
    return rows.map((r) => {
      const entry = {
        inputTopic: r.input_topic,
        partition: r.input_partition,
        offset: r.input_offset,
        recordKey: r.record_key,
        code: r.code,
        detail: r.detail,
        at: r.at,
      };
      const record =
        r.record_sealed && r.key_id
          ? (this.vault.open<unknown>({ keyId: r.key_id, sealed: r.record_sealed }, this.placeOf(entry)) ?? undefined)
          : r.record;
      return { ...entry, record };
    });
  }

  /** What a quarantined record's seal is bound to: the service and the record's place in its input. */
  private placeOf(e: Pick<QuarantineEntry, 'inputTopic' | 'partition' | 'offset' | 'recordKey'>): string {
    return compositeKey(this.service, e.inputTopic, e.partition, e.offset, storableText(e.recordKey));
  }
}

/** The store of a service, its counter on the service's /metrics: `providers: [quarantineStoreProvider('detector')]`. */
export function quarantineStoreProvider(service: string): Provider {
  return {
    provide: QuarantineStore,
    useFactory: (db: DataSource, metrics: ServiceMetrics, vault: PersonalDataVault) =>
      new QuarantineStore(db, service, metrics.registry, vault),
    inject: [DataSource, ServiceMetrics, PersonalDataVault],
  };
}
