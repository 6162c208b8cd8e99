import { InboundMessage } from '@hub/kafka';
import { DEAD_LETTER_HEADERS } from '@hub/topics';
import { AcceptedDecode } from './decode-batch';
import { deadLetterMessage, routeStored } from './intake-outputs';

const message = (offset: string): InboundMessage => ({
  topic: 'intake.health', partition: 2, offset, key: Buffer.from('YB-1'), value: Buffer.from(`{"id":"${offset}"}`), headers: { 'ce-source': '/330502/health/yb' }, timestamp: '0',
});
const decoded = (id: string): AcceptedDecode => ({
  ok: true, source: '/330502/health/yb', id, type: 't', mode: 'structured', qualityFlags: [], rowJson: '{}', dataJson: '{}', sourcePersonId: null, eventJson: `{"id":"${id}","topic":"intake.health"}`,
});

describe("routing the event store's answer", () => {
  const at = new Date('2026-03-02T01:00:00Z');
  const routing = routeStored(
    [{ message: message('1'), decoded: decoded('a') }, { message: message('2'), decoded: decoded('b') }, { message: message('3'), decoded: decoded('c') }, { message: message('4'), decoded: decoded('d') }],
    [{ kind: 'stored', seq: '10', receivedAt: at }, { kind: 'duplicate', seq: '5' }, { kind: 'refused', detail: 'NUL in text' }, { kind: 'redelivered', seq: '11', receivedAt: at }],
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
      topic: 'intake.dead-letter', key: Buffer.from('YB-1'), value: Buffer.from('{"id":"7"}'),
      headers: {
        'ce-source': '/330502/health/yb', [DEAD_LETTER_HEADERS.code]: 'NOT_JSON', [DEAD_LETTER_HEADERS.detail]: 'bad',
        [DEAD_LETTER_HEADERS.sourceTopic]: 'intake.health', [DEAD_LETTER_HEADERS.sourcePartition]: '2', [DEAD_LETTER_HEADERS.sourceOffset]: '7',
      },
    });
  });
});
