import { InboundMessage } from '@hub/kafka';
import { DEAD_LETTER_HEADERS } from '@hub/topics';
import { AcceptedDecode } from './decode-batch';
import { deadLetterFeedback, deadLetterMessage, flaggedFeedback, routeStored } from './intake-outputs';

const message = (offset: string): InboundMessage => ({
  topic: 'intake.health',
  partition: 2,
  offset,
  key: Buffer.from('YB-1'),
  value: Buffer.from(`{"id":"${offset}"}`),
  headers: { 'ce-source': '/330502/health/yb' },
  timestamp: '0',
});
const decoded = (id: string): AcceptedDecode => ({
  ok: true,
  source: '/330502/health/yb',
  id,
  type: 't',
  mode: 'structured',
  qualityFlags: [],
  rowJson: '{}',
  dataJson: '{}',
  sourcePersonId: null,
  eventJson: `{"id":"${id}","topic":"intake.health"}`,
});

describe("routing the event store's answer", () => {
  const at = new Date('2026-03-02T01:00:00Z');
  const routing = routeStored(
    [
      { message: message('1'), decoded: decoded('a') },
      { message: message('2'), decoded: decoded('b') },
      { message: message('3'), decoded: decoded('c') },
      { message: message('4'), decoded: decoded('d') },
    ],
    [
      { kind: 'stored', seq: '10', receivedAt: at },
      { kind: 'duplicate', seq: '5' },
      { kind: 'refused', detail: 'NUL in text' },
      { kind: 'redelivered', seq: '11', receivedAt: at },
    ],
  );

  it('sends the stored and the redelivered to the matcher with their seq and receipt time, the duplicate nowhere', () => {
    expect(routing.forMatcher.map((v) => JSON.parse(v))).toEqual([
      { storeSeq: '10', receivedAt: '2026-03-02T01:00:00.000Z', id: 'a', topic: 'intake.health' },
      { storeSeq: '11', receivedAt: '2026-03-02T01:00:00.000Z', id: 'd', topic: 'intake.health' },
    ]);
    expect(routing.kept).toEqual(['stored', 'duplicate', 'redelivered']);
  });

  it('dead-letters what the store refused, saying why', () => {
    expect(routing.refused).toEqual([{ message: message('3'), code: 'STORE_REJECTED', detail: 'NUL in text' }]);
  });
});

describe('a dead letter', () => {
  it('is the input unchanged with the code, detail and origin in x-error headers', () => {
    const dead = deadLetterMessage('intake.dead-letter', { message: message('7'), code: 'NOT_JSON', detail: 'bad' });
    expect(dead).toEqual({
      topic: 'intake.dead-letter',
      key: Buffer.from('YB-1'),
      value: Buffer.from('{"id":"7"}'),
      headers: {
        'ce-source': '/330502/health/yb',
        [DEAD_LETTER_HEADERS.code]: 'NOT_JSON',
        [DEAD_LETTER_HEADERS.detail]: 'bad',
        [DEAD_LETTER_HEADERS.sourceTopic]: 'intake.health',
        [DEAD_LETTER_HEADERS.sourcePartition]: '2',
        [DEAD_LETTER_HEADERS.sourceOffset]: '7',
      },
    });
  });
});

describe('feedback to the department (contract 8)', () => {
  const at = new Date('2026-03-02T01:00:00Z');

  it('tells of events kept with data-quality flags, stored or delivered again, never of a duplicate', () => {
    const flagged = (id: string): AcceptedDecode => ({
      ...decoded(id),
      qualityFlags: ['ID_CHECKSUM_INVALID', 'ODD_FLAG'],
      sourcePersonId: 'YB-P-1',
    });
    const feedback = flaggedFeedback(
      [
        { message: message('1'), decoded: flagged('a') },
        { message: message('2'), decoded: flagged('b') },
        { message: message('3'), decoded: decoded('c') },
        { message: message('4'), decoded: flagged('d') },
      ],
      [
        { kind: 'stored', seq: '10', receivedAt: at },
        { kind: 'duplicate', seq: '5' },
        { kind: 'stored', seq: '12', receivedAt: at },
        { kind: 'redelivered', seq: '11', receivedAt: at },
      ],
    );
    expect(feedback.map((f) => f.eventId)).toEqual(['a', 'd']);
    expect(feedback[0]).toEqual({
      source: '/330502/health/yb',
      eventId: 'a',
      sourcePersonId: 'YB-P-1',
      outcome: 'ACCEPTED_WITH_FLAGS',
      codes: ['ID_CHECKSUM_INVALID', 'ODD_FLAG'],
      detail: '已接收，但请在源系统核对：身份证号校验位不正确，可能录入有误；ODD_FLAG',
      topic: 'intake.health',
      partition: 2,
      offset: '1',
    });
  });

  it('tells of a dead letter by the event it names, with personal data in the detail masked', () => {
    const structured = {
      ...message('7'),
      value: Buffer.from(
        JSON.stringify({ source: '/330502/health/yb', id: 'ev-7', data: { person: { sourcePersonId: 'YB-P-7' } } }),
      ),
    };
    expect(
      deadLetterFeedback({
        message: structured,
        code: 'INVALID_FIELD',
        detail: 'data.person.idNumber: 110105194912310021 王小明 bad',
      }),
    ).toEqual({
      source: '/330502/health/yb',
      eventId: 'ev-7',
      sourcePersonId: 'YB-P-7',
      outcome: 'DEAD_LETTERED',
      codes: ['INVALID_FIELD'],
      detail: '未接收（INVALID_FIELD）：data.person.idNumber: 110105********0021 王*明 bad',
      topic: 'intake.health',
      partition: 2,
      offset: '7',
    });
    const binary = {
      ...message('8'),
      value: Buffer.from([0xff, 0x00]),
      headers: { ce_source: Buffer.from('/330502/health/yb'), ce_id: Buffer.from('ev-8') },
    };
    expect(deadLetterFeedback({ message: binary, code: 'PROTOBUF_DECODE_FAILED', detail: 'x' })).toMatchObject({
      source: '/330502/health/yb',
      eventId: 'ev-8',
      sourcePersonId: 'YB-1',
    });
    const unreadable = { ...message('9'), key: null, value: Buffer.from('not an event'), headers: {} };
    expect(deadLetterFeedback({ message: unreadable, code: 'NOT_JSON', detail: 'x' })).toMatchObject({
      source: null,
      eventId: null,
      topic: 'intake.health',
      offset: '9',
    });
  });
});
