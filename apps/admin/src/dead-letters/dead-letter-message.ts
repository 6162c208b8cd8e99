import { HeaderValue, InboundMessage, OutboundMessage } from '@hub/kafka';
import { DEAD_LETTER_HEADERS, TopicNames } from '@hub/topics';

/**
 * Set on a replayed message: intake keeps an input's headers on its dead letter, so a replay that fails
 * again comes back carrying the id of the dead letter it was replayed from. Intake reads only ce_* and
 * content-type headers; an extra header is no change to the contract.
 */
export const REPLAY_OF_HEADER = 'x-hub-replay-of';

const DEAD_LETTER_HEADER_NAMES = new Set<string>(Object.values(DEAD_LETTER_HEADERS));

/** Headers kept byte for byte: [name, base64 value], one pair per value (Kafka allows a name twice). */
export type StoredHeaders = [string, string][];

/** A dead letter as the admin stores it. */
export interface DeadLetterRecord {
  topic: string;
  partition: number;
  offset: string;
  sourceTopic: string | null;
  sourcePartition: number | null;
  sourceOffset: string | null;
  department: string | null;
  errorCode: string;
  errorDetail: string | null;
  key: Buffer | null;
  value: Buffer | null;
  headers: StoredHeaders;
  publishedAt: Date | null;
  replayOf: string | null;
}

const asBuffer = (v: HeaderValue) => (Buffer.isBuffer(v) ? v : Buffer.from(v, 'utf8'));

export function storedHeaders(headers: InboundMessage['headers']): StoredHeaders {
  const pairs: StoredHeaders = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, asBuffer(v).toString('base64')]);
  }
  return pairs;
}

export function headerText(headers: StoredHeaders, name: string): string | null {
  const pair = headers.find(([n]) => n === name);
  return pair ? Buffer.from(pair[1], 'base64').toString('utf8') : null;
}

const digits = (s: string | null) => (s !== null && /^\d{1,19}$/.test(s) ? s : null);

/** Reads a message of intake.dead-letter; the department comes from the source topic's name only. */
export function deadLetterRecord(m: InboundMessage, topics: TopicNames): DeadLetterRecord {
  const headers = storedHeaders(m.headers);
  const sourceTopic = headerText(headers, DEAD_LETTER_HEADERS.sourceTopic);
  const sourcePartition = digits(headerText(headers, DEAD_LETTER_HEADERS.sourcePartition));
  const timestamp = Number(m.timestamp);
  return {
    topic: m.topic,
    partition: m.partition,
    offset: m.offset,
    sourceTopic,
    sourcePartition: sourcePartition === null ? null : Number(sourcePartition),
    sourceOffset: digits(headerText(headers, DEAD_LETTER_HEADERS.sourceOffset)),
    department: sourceTopic ? (topics.departmentOf(sourceTopic) ?? null) : null,
    // A message on the topic without a code was not put there by intake; it is kept, under its own name.
    errorCode: headerText(headers, DEAD_LETTER_HEADERS.code) ?? 'NO_ERROR_CODE',
    errorDetail: headerText(headers, DEAD_LETTER_HEADERS.detail),
    key: m.key,
    value: m.value,
    headers,
    publishedAt: Number.isFinite(timestamp) && timestamp > 0 ? new Date(timestamp) : null,
    replayOf: digits(headerText(headers, REPLAY_OF_HEADER)),
  };
}

/**
 * The original input again, for its intake topic: value, key and headers as the department sent them,
 * without the dead-letter headers intake added, and marked with the dead letter it is replayed from.
 */
export function replayMessage(
  deadLetterId: string,
  record: Pick<DeadLetterRecord, 'sourceTopic' | 'sourcePartition' | 'key' | 'value' | 'headers'>,
): OutboundMessage {
  if (!record.sourceTopic) throw new Error('a dead letter without x-source-topic cannot be replayed');
  const headers: Record<string, Buffer[]> = {};
  for (const [name, value] of record.headers) {
    if (DEAD_LETTER_HEADER_NAMES.has(name) || name === REPLAY_OF_HEADER) continue;
    (headers[name] ??= []).push(Buffer.from(value, 'base64'));
  }
  headers[REPLAY_OF_HEADER] = [Buffer.from(deadLetterId)];
  return {
    topic: record.sourceTopic,
    // The partition it came from: the department's order for that key stays as it was.
    partition: record.sourcePartition ?? undefined,
    key: record.key,
    value: record.value,
    headers: Object.fromEntries(Object.entries(headers).map(([n, v]) => [n, v.length === 1 ? v[0] : v])),
  };
}
