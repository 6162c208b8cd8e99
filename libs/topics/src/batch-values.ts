import { ACCEPTED_BATCH_MAX_BYTES } from './accepted-event';

/**
 * JSON values `{…head fields…,"events":[e1,e2,…]}` built from already-serialised events and split so
 * each stays under `maxBytes` of UTF-8 (what Kafka's record size limit counts: a Chinese character is 3 bytes,
 * one UTF-16 code unit); `head` is the object's opening up to and including `"events":[`. An event larger than
 * `maxBytes` on its own still goes, in a value of its own.
 * Internal batch topics carry many events per Kafka record: one record per event cost more CPU in
 * kafkajs than the work done on them.
 */
export function batchedEventValues(head: string, events: string[], maxBytes = ACCEPTED_BATCH_MAX_BYTES): string[] {
  const values: string[] = [];
  let chunk: string[] = [];
  const headBytes = Buffer.byteLength(head, 'utf8');
  // The value so far with its closing `]}` (2 bytes); each event after the first adds a comma.
  let bytes = headBytes + 2;
  const flush = () => {
    if (chunk.length) values.push(`${head}${chunk.join(',')}]}`);
    chunk = [];
    bytes = headBytes + 2;
  };
  for (const e of events) {
    const eventBytes = Buffer.byteLength(e, 'utf8');
    if (chunk.length && bytes + 1 + eventBytes > maxBytes) flush();
    bytes += (chunk.length ? 1 : 0) + eventBytes;
    chunk.push(e);
  }
  flush();
  return values;
}

/**
 * The batch values with `fields` added to the last one (a value of its own, with no events, when there are
 * none): progress marks belong on the last value only, since the earlier ones may be dealt with first.
 */
export function markLastValue(head: string, values: string[], fields: Record<string, unknown>): string[] {
  const marked = values.length ? [...values] : [`${head}]}`];
  const last = marked.length - 1;
  const extra = Object.entries(fields)
    .map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)},`)
    .join('');
  marked[last] = `{${extra}${marked[last].slice(1)}`;
  return marked;
}

/** Reads an internal batch value (`{…, "events": [...]}`); undefined when it is not one (nothing a resend could fix). */
export function parseEventBatch<T extends { events: unknown[] }>(value: Buffer | null): T | undefined {
  try {
    const parsed = JSON.parse(value?.toString('utf8') ?? '') as T;
    return Array.isArray(parsed?.events) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
