import { EndOffsets, PartitionProgress, backlogOf, holdsEventTime, hubEventTime, partitionKey } from './event-time-decision';

const at = (day: string) => new Date(`${day}T00:00:00Z`);
const part = (partition: number, day: string | null, processedOffset: number, silent: boolean): PartitionProgress => ({
  topic: 'intake.health', partition, eventTime: day ? at(day) : new Date(0), processedOffset: BigInt(processedOffset), silent,
});
const ends = (...offsets: number[]): EndOffsets => new Map(offsets.map((o, i) => [partitionKey('intake.health', i), BigInt(o)]));

describe('event time', () => {
  it('is the earliest time among partitions heard from within the idle span', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, false), part(1, '2026-02-01', 9, false)], ends(10, 10))).toEqual(at('2026-02-01'));
  });

  it('is held back by a silent partition whose messages are still on their way', () => {
    const slow = part(1, '2026-02-01', 4, true);
    expect(holdsEventTime(slow, ends(10, 10))).toBe(true);
    expect(backlogOf(slow, ends(10, 10))).toBe(5n);
    expect(hubEventTime([part(0, '2026-03-01', 9, false), slow], ends(10, 10))).toEqual(at('2026-02-01'));
  });

  it('lets a silent partition that is fully dealt with stop holding it back', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, false), part(1, '2026-02-01', 9, true)], ends(10, 10))).toEqual(at('2026-03-01'));
  });

  it('is the latest of all when every partition is silent and dealt with', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, true), part(1, '2026-02-01', 9, true)], ends(10, 10))).toEqual(at('2026-03-01'));
  });

  it('holds while end offsets are unknown (broker unreachable)', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, true), part(1, '2026-02-01', 9, true)], undefined)).toEqual(at('2026-02-01'));
  });

  it('does not exist while a partition with messages has brought nothing yet', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, false), part(1, null, -1, true)], ends(10, 3))).toBeNull();
  });

  it('is not held by an empty partition once it is silent', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, false), part(1, null, -1, true)], ends(10, 0))).toEqual(at('2026-03-01'));
  });

  it('does not exist while the broker has a partition with messages the detector never registered', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, true)], ends(10, 5))).toBeNull();
  });
});
