import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
} from 'kafkajs';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyFailure, isGroupMembershipChange } from './failure-kind';
import { failureCause, failureDetail, quarantineCodeOf, quarantineSummary } from './quarantine-codes';

/** A PostgreSQL error as node-postgres raises it, wrapped the way TypeORM's query() throws it. */
function postgres(code: string, message = 'refused'): QueryFailedError {
  const driver = new DatabaseError(message, 0, 'error');
  driver.code = code;
  return new QueryFailedError('INSERT …', [], driver);
}
const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
const kafkaProtocol = (type: string, retriable: boolean) =>
  new KafkaJSProtocolError({ message: type, type, code: 0, retriable } as never);

describe('classifyFailure', () => {
  it.each([
    ['PostgreSQL connection exception 08006', postgres('08006')],
    ['PostgreSQL admin shutdown 57P01', postgres('57P01')],
    ['PostgreSQL cannot connect now 57P03', postgres('57P03')],
    ['PostgreSQL too many connections 53300', postgres('53300')],
    ['serialization failure 40001', postgres('40001')],
    ['ECONNREFUSED', socket('ECONNREFUSED')],
    ['ECONNRESET', socket('ECONNRESET')],
    ['ETIMEDOUT', socket('ETIMEDOUT')],
    ['pg: Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['pg-pool: timeout exceeded when trying to connect', new Error('timeout exceeded when trying to connect')],
    ['kafkajs connection error', new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092')],
    ['kafkajs request timeout', new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out')],
    [
      'kafkajs retries exceeded',
      new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('gone'), { retryCount: 10, retryTime: 30000 }),
    ],
    ['kafkajs leader not available', kafkaProtocol('LEADER_NOT_AVAILABLE', true)],
    ['kafkajs rebalance', kafkaProtocol('REBALANCE_IN_PROGRESS', false)],
    [
      "a lost race marked retriable (the matcher's HouseholdRace)",
      Object.assign(new Error('household tied by another chunk meanwhile'), { retriable: true }),
    ],
  ])('%s is infrastructure', (_name, error) => {
    expect(classifyFailure(error)).toBe('INFRASTRUCTURE');
  });

  it.each([
    ['a masking throw', new RangeError('Invalid count value: -1'), 'PROCESSING_FAILED'],
    [
      'a TypeError in normalising',
      new TypeError("Cannot read properties of undefined (reading 'slice')"),
      'PROCESSING_FAILED',
    ],
    [
      'a value PostgreSQL refuses (22P05)',
      postgres('22P05', 'unsupported Unicode escape sequence'),
      'DATABASE_REFUSED',
    ],
    ['a unique violation (23505)', postgres('23505'), 'DATABASE_REFUSED'],
    ['an index row too large (54000)', postgres('54000'), 'DATABASE_REFUSED'],
    ['a statement timeout (57014), which a huge record can cause every time', postgres('57014'), 'DATABASE_REFUSED'],
    ['an output the broker refuses for its size', kafkaProtocol('MESSAGE_TOO_LARGE', false), 'OUTPUT_TOO_LARGE'],
    ['an output too large for a string', new RangeError('Invalid string length'), 'OUTPUT_TOO_LARGE'],
  ])('%s is the record’s: %s', (_name, error, code) => {
    expect(classifyFailure(error)).toBe('RECORD');
    expect(quarantineCodeOf(error)).toBe(code);
  });

  it('looks through wrappers: a cause chain ending in a lost connection is infrastructure', () => {
    const wrapped = new Error('flush failed', { cause: socket('ECONNRESET') });
    expect(classifyFailure(wrapped)).toBe('INFRASTRUCTURE');
    expect(classifyFailure(new AggregateError([new Error('x'), new Error('Connection terminated')]))).toBe(
      'INFRASTRUCTURE',
    );
    expect(classifyFailure('a thrown string')).toBe('RECORD');
    expect(classifyFailure(undefined)).toBe('RECORD');
  });

  it('tells a group rebalance apart, which must not be retried in place', () => {
    expect(isGroupMembershipChange(kafkaProtocol('REBALANCE_IN_PROGRESS', false))).toBe(true);
    expect(isGroupMembershipChange(kafkaProtocol('UNKNOWN_MEMBER_ID', false))).toBe(true);
    expect(isGroupMembershipChange(new KafkaJSConnectionError('gone'))).toBe(false);
  });

  it('details name the error and where it was thrown, as storable text', () => {
    const detail = failureDetail(new RangeError('Invalid count value: -1\u0000'));
    expect(detail).toMatch(/^RangeError: Invalid count value: -1 \(at .+\)$/);
    expect(failureDetail(postgres('22P05', 'unsupported Unicode escape sequence'))).toMatch(
      /^QueryFailedError 22P05: unsupported Unicode/,
    );
  });

  it('causes for log lines name the error, its code and where it was thrown, never its message', () => {
    const cause = failureCause(postgres('23505', 'duplicate key value (王小明)'));
    expect(cause).toMatch(/^QueryFailedError 23505 at .+/);
    expect(cause).not.toContain('王小明');
    expect(
      quarantineSummary([
        { code: 'DATABASE_REFUSED', cause: 'QueryFailedError 23505 at a' },
        { code: 'DATABASE_REFUSED', cause: 'QueryFailedError 23505 at a' },
        { code: 'PROCESSING_FAILED', cause: 'TypeError at b' },
      ]),
    ).toBe('2 × DATABASE_REFUSED (QueryFailedError 23505 at a); 1 × PROCESSING_FAILED (TypeError at b)');
  });
});
