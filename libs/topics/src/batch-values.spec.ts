import { batchedEventValues, markLastValue, parseEventBatch } from './batch-values';

const HEAD = '{"partition":0,"events":[';
const bytes = (value: string) => Buffer.byteLength(value, 'utf8');
const eventsOf = (values: string[]) => values.flatMap((v) => (JSON.parse(v) as { events: unknown[] }).events);

describe('batchedEventValues', () => {
  it('keeps every value within maxBytes of UTF-8 when the events are Chinese text (3 bytes a character)', () => {
    // 200 characters of Chinese: 200 UTF-16 code units, 600 bytes of UTF-8 each.
    const events = Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `e${i}`, name: '张'.repeat(200) }));
    const maxBytes = 4096;
    const values = batchedEventValues(HEAD, events, maxBytes);
    for (const v of values) expect(bytes(v)).toBeLessThanOrEqual(maxBytes);
    // Counting characters instead would have packed about three times as much into each value.
    expect(values.length).toBeGreaterThanOrEqual(Math.ceil(events.reduce((n, e) => n + bytes(e) + 1, 0) / maxBytes));
    expect(eventsOf(values)).toEqual(events.map((e) => JSON.parse(e)));
  });

  it('fills a value up to maxBytes exactly, not one byte more', () => {
    const event = JSON.stringify({ name: '李' }); // {"name":"李"}: 12 bytes
    const exact = bytes(HEAD) + 3 * bytes(event) + 2 + 2; // three events, two commas, the closing ]}
    expect(batchedEventValues(HEAD, [event, event, event], exact)).toHaveLength(1);
    expect(batchedEventValues(HEAD, [event, event, event], exact - 1)).toHaveLength(2);
  });

  it('sends an event larger than maxBytes alone, in a value of its own, and drops nothing', () => {
    const small = JSON.stringify({ n: 1 });
    const large = JSON.stringify({ text: '王'.repeat(100) });
    const values = batchedEventValues(HEAD, [small, large, small], 100);
    expect(values.map((v) => eventsOf([v]).length)).toEqual([1, 1, 1]);
    expect(eventsOf(values)).toEqual([{ n: 1 }, { text: '王'.repeat(100) }, { n: 1 }]);
  });

  it('makes no value of no events; markLastValue then adds one carrying the marks', () => {
    expect(batchedEventValues(HEAD, [])).toEqual([]);
    const [marked] = markLastValue(HEAD, [], { throughOffset: '7' });
    expect(parseEventBatch(Buffer.from(marked))).toEqual({ throughOffset: '7', partition: 0, events: [] });
  });
});
