import { InboundMessage } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { REPLAY_OF_HEADER, deadLetterRecord, replayMessage } from './dead-letter-message';

const topics = new TopicNames('ns1.');
const letter = (headers: InboundMessage['headers']): InboundMessage => ({
  topic: 'ns1.intake.dead-letter',
  partition: 2,
  offset: '41',
  key: Buffer.from('MZ-P-1'),
  value: Buffer.from('{"broken'),
  timestamp: '1767225600000',
  headers,
});

describe('dead-letter messages', () => {
  const headers = {
    ce_id: Buffer.from('e-1'),
    'content-type': Buffer.from('application/json'),
    'x-error-code': Buffer.from('NOT_JSON'),
    'x-error-detail': Buffer.from('Unexpected end of JSON input'),
    'x-source-topic': Buffer.from('ns1.intake.health'),
    'x-source-partition': Buffer.from('3'),
    'x-source-offset': Buffer.from('1207'),
  };

  it('reads code, detail, source and department (from the source topic) off the headers', () => {
    const r = deadLetterRecord(letter(headers), topics);
    expect(r).toMatchObject({
      topic: 'ns1.intake.dead-letter',
      partition: 2,
      offset: '41',
      sourceTopic: 'ns1.intake.health',
      sourcePartition: 3,
      sourceOffset: '1207',
      department: 'health',
      errorCode: 'NOT_JSON',
      errorDetail: 'Unexpected end of JSON input',
      replayOf: null,
    });
    expect(r.publishedAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(deadLetterRecord(letter({ 'x-source-topic': 'intake.health' }), topics)).toMatchObject({
      department: null,
      errorCode: 'NO_ERROR_CODE',
    });
  });

  it('replays value, key and original headers to the source topic and partition, without the x-error and x-source headers', () => {
    const r = deadLetterRecord(letter(headers), topics);
    const m = replayMessage('77', r);
    expect(m).toMatchObject({
      topic: 'ns1.intake.health',
      partition: 3,
      key: Buffer.from('MZ-P-1'),
      value: Buffer.from('{"broken'),
    });
    expect(Object.keys(m.headers!).sort()).toEqual(['ce_id', 'content-type', REPLAY_OF_HEADER]);
    expect(m.headers![REPLAY_OF_HEADER]).toEqual(Buffer.from('77'));
    expect(m.headers!.ce_id).toEqual(Buffer.from('e-1'));
  });

  it('knows a replay that failed again by its header, and replays it marked with the newest dead letter only', () => {
    const again = deadLetterRecord(letter({ ...headers, [REPLAY_OF_HEADER]: Buffer.from('77') }), topics);
    expect(again.replayOf).toBe('77');
    expect(replayMessage('90', again).headers![REPLAY_OF_HEADER]).toEqual(Buffer.from('90'));
  });
});
