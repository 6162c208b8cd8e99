import {
  EndOffsets,
  PartitionProgress,
  backlogOf,
  holdsEventTime,
  hubEventTime,
  latestEventTime,
  nextHubTime,
  partitionKey,
  partitionMarks,
} from './event-time-decision';

const at = (day: string) => new Date(`${day}T00:00:00Z`);
const part = (partition: number, day: string | null, processedOffset: number, silent: boolean): PartitionProgress => ({
  topic: 'intake.health',
  partition,
  eventTime: day ? at(day) : new Date(0),
  processedOffset: BigInt(processedOffset),
  silent,
});
const ends = (...offsets: number[]): EndOffsets =>
  new Map(offsets.map((o, i) => [partitionKey('intake.health', i), BigInt(o)]));

describe('event time', () => {
  it('is the earliest time among partitions heard from within the idle span', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, false), part(1, '2026-02-01', 9, false)], ends(10, 10))).toEqual(
      at('2026-02-01'),
    );
  });

  it('is held back by a silent partition whose messages are still on their way', () => {
    const slow = part(1, '2026-02-01', 4, true);
    expect(holdsEventTime(slow, ends(10, 10))).toBe(true);
    expect(backlogOf(slow, ends(10, 10))).toBe(5n);
    expect(hubEventTime([part(0, '2026-03-01', 9, false), slow], ends(10, 10))).toEqual(at('2026-02-01'));
  });

  it('lets a silent partition that is fully dealt with stop holding it back', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, false), part(1, '2026-02-01', 9, true)], ends(10, 10))).toEqual(
      at('2026-03-01'),
    );
  });

  it('is the latest of all when every partition is silent and dealt with', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, true), part(1, '2026-02-01', 9, true)], ends(10, 10))).toEqual(
      at('2026-03-01'),
    );
  });

  it('holds while end offsets are unknown (broker unreachable)', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, true), part(1, '2026-02-01', 9, true)], undefined)).toEqual(
      at('2026-02-01'),
    );
  });

  it('does not exist while a partition with messages has brought nothing yet', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, false), part(1, null, -1, true)], ends(10, 3))).toBeNull();
  });

  it('is not held by an empty partition once it is silent', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, false), part(1, null, -1, true)], ends(10, 0))).toEqual(
      at('2026-03-01'),
    );
  });

  it('does not exist while the broker has a partition with messages the detector never registered', () => {
    expect(hubEventTime([part(0, '2026-03-01', 9, true)], ends(10, 5))).toBeNull();
  });
});

describe('the event clock, decided', () => {
  const event = (partition: number, time: string, offset: number) => ({
    topic: 'intake.health',
    partition,
    time,
    offset: String(offset),
  });

  it('marks per partition the latest event time (as an instant) and the furthest offset of events and progress', () => {
    const marks = partitionMarks(
      [
        event(0, '2026-03-02T09:00:00+08:00', 7),
        event(0, '2026-03-01T09:00:00+08:00', 8),
        event(1, '2026-02-01T00:00:00Z', 3),
      ],
      [
        { topic: 'intake.health', partition: 0, throughOffset: '6' },
        { topic: 'intake.health', partition: 2, throughOffset: '11' },
      ],
    );
    expect(marks).toEqual([
      { topic: 'intake.health', partition: 0, time: '2026-03-02T01:00:00.000Z', offset: 8n },
      { topic: 'intake.health', partition: 1, time: '2026-02-01T00:00:00.000Z', offset: 3n },
      { topic: 'intake.health', partition: 2, time: null, offset: 11n },
    ]);
  });

  it('never goes back from the stored time, and stores only a move forward', () => {
    expect(nextHubTime(at('2026-03-01'), at('2026-02-01'), null)).toEqual({ now: at('2026-03-01'), store: true });
    expect(nextHubTime(at('2026-01-01'), at('2026-02-01'), null)).toEqual({ now: at('2026-02-01'), store: false });
    expect(nextHubTime(null, at('2026-02-01'), null)).toEqual({ now: at('2026-02-01'), store: false });
    expect(nextHubTime(null, null, null)).toEqual({ now: null, store: false });
  });

  it('takes a stored epoch for no time at all (an old "not yet known"), so an alert is never stamped 1970', () => {
    expect(nextHubTime(null, new Date(0), null)).toEqual({ now: null, store: false });
    expect(nextHubTime(at('2026-03-01'), new Date(0), null)).toEqual({ now: at('2026-03-01'), store: true });
  });

  it('lets the wall clock advance it only when asked, and only forward', () => {
    expect(nextHubTime(null, null, at('2026-12-03'))).toEqual({ now: at('2026-12-03'), store: true });
    expect(nextHubTime(at('2027-01-01'), null, at('2026-12-03'))).toEqual({ now: at('2027-01-01'), store: true });
  });

  it('knows the latest event time stored from any partition, none before the first event', () => {
    expect(
      latestEventTime([part(0, '2026-03-01', 9, false), part(1, '2026-02-01', 9, true), part(2, null, -1, false)]),
    ).toEqual(at('2026-03-01'));
    expect(latestEventTime([part(0, null, -1, false)])).toBeNull();
    expect(latestEventTime([part(0, '1969-07-20', 3, false), part(1, null, -1, false)])).toEqual(at('1969-07-20')); // a time before 1970 is still a time
    expect(latestEventTime([])).toBeNull();
  });
});
