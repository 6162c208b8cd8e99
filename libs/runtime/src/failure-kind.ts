/**
 * Who is to blame for a failed piece of work: the infrastructure (broker or database unreachable, or
 * the consumer group moving), which must be waited out and retried and is never any record's fault, or
 * the records, which are isolated and quarantined. Everything not known to be infrastructure is the
 * records': a failure blamed on the infrastructure by mistake would stall its partition forever.
 */
export type FailureKind = 'INFRASTRUCTURE' | 'RECORD';

/** Node socket errors: the peer is gone, not the input. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/**
 * PostgreSQL SQLSTATEs about the server, not the statement: 08 connection exception, 53 insufficient
 * resources, 57P0x shutdown and start-up, 58 system (I/O) errors; 40001/40P01 lose a race with another
 * transaction and succeed when retried (so does an error marked `retriable: true`).
 */
const DATABASE_INFRASTRUCTURE = /^(08|53|58)...$|^57P0.$|^40001$|^40P01$/;

/** What node-postgres, pg-pool and TypeORM say when the connection, not the query, failed. */
const DATABASE_CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Cannot use a pool after calling end|Connection is not established|Driver not Connected/i;

/** kafkajs refuses an output because of its size: that one belongs to the records that made it. */
const KAFKA_SIZE_TYPES = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);

/** kafkajs says the group is rebalancing or forgot this member: only rejoining helps, so it is not retried in place. */
const KAFKA_MEMBERSHIP_TYPES = new Set([
  'REBALANCE_IN_PROGRESS',
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'NOT_COORDINATOR',
  'FENCED_INSTANCE_ID',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  type?: unknown;
  retriable?: unknown;
  cause?: unknown;
  originalError?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

/** The error and those it wraps (kafkajs `cause`/`originalError`, TypeORM `driverError`, AggregateError `errors`). */
export function errorChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length && chain.length < 16) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || chain.includes(e)) continue;
    const like = e as ErrorLike;
    chain.push(like);
    queue.push(
      like.cause,
      like.originalError,
      like.driverError,
      ...(Array.isArray(like.errors) ? (like.errors as unknown[]) : []),
    );
  }
  return chain;
}

const isKafkaError = (e: ErrorLike) => typeof e.name === 'string' && e.name.startsWith('KafkaJS');

/** A kafkajs error that says the consumer must rejoin its group before it can go on. */
export function isGroupMembershipChange(error: unknown): boolean {
  return errorChain(error).some(
    (e) =>
      (isKafkaError(e) && KAFKA_MEMBERSHIP_TYPES.has(e.type as string)) || e.name === 'KafkaJSFetcherRebalanceError',
  );
}

/** An output kafkajs refused for its size. */
export function isOutputTooLarge(error: unknown): boolean {
  return errorChain(error).some(
    (e) =>
      (isKafkaError(e) && KAFKA_SIZE_TYPES.has(e.type as string)) ||
      (e instanceof RangeError && /Invalid string length/.test(String(e.message))),
  );
}

function isInfrastructure(e: ErrorLike): boolean {
  // An error that says it is worth retrying as it is (kafkajs's convention, and the matcher's lost races)
  // is not the record's doing: the same record succeeds once the other party is done.
  if (e.retriable === true && !KAFKA_SIZE_TYPES.has(e.type as string)) return true;
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || DATABASE_INFRASTRUCTURE.test(e.code))) return true;
  if (typeof e.message === 'string' && DATABASE_CONNECTION_MESSAGES.test(e.message)) return true;
  // Every kafkajs error but a refused size is about the cluster or the group, never about one record.
  return isKafkaError(e) && !KAFKA_SIZE_TYPES.has(e.type as string);
}

export function classifyFailure(error: unknown): FailureKind {
  if (isOutputTooLarge(error)) return 'RECORD';
  return errorChain(error).some(isInfrastructure) ? 'INFRASTRUCTURE' : 'RECORD';
}
