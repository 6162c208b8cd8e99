import { instantMillis } from '@hub/rules';

/**
 * Where event time stands (contract section 7, per partition and backlog-aware, issue 10): decisions only,
 * no I/O. Omission windows close at event time, so it must never run ahead of anything still on its way.
 */
import { partitionKey } from '@hub/kafka';

/** One intake partition as the detector has dealt with it. */
export interface PartitionProgress {
  topic: string;
  partition: number;
  /** Latest event `time` the detector stored from it; the epoch while nothing has been. */
  eventTime: Date;
  /** Last intake offset whose effects the detector has stored (-1: none). */
  processedOffset: bigint;
  /** Nothing of it reached the detector within the idle span. */
  silent: boolean;
}

/** End offsets of the intake partitions (the offset the next message will get), by partitionKey. */
export type EndOffsets = Map<string, bigint>;

export { partitionKey };

const EPOCH = 0;

/**
 * A partition holds event time back while it may still bring an earlier event: while it was heard from
 * within the idle span, or while any of its messages has not been dealt with by the detector (waiting in
 * intake, matcher or detector, or in a service that is down). Unknown end offsets (broker unreachable) hold too.
 */
export function holdsEventTime(p: PartitionProgress, ends: EndOffsets | undefined): boolean {
  if (!p.silent) return true;
  const end = ends?.get(partitionKey(p.topic, p.partition));
  if (end === undefined) return true;
  return p.processedOffset < end - 1n;
}

/** How many of a partition's messages the detector has still to deal with (0 when unknown). */
export function backlogOf(p: PartitionProgress, ends: EndOffsets | undefined): bigint {
  const end = ends?.get(partitionKey(p.topic, p.partition));
  if (end === undefined) return 0n;
  const waiting = end - 1n - p.processedOffset;
  return waiting > 0n ? waiting : 0n;
}

/**
 * The hub's event time: the earliest latest-time among partitions that hold it back; the latest of all when
 * none does (everything dealt with, every partition silent). Null while a holding partition has brought
 * nothing yet (its first event may be the earliest of all), and for partitions the broker has that the
 * detector never registered but which have messages. The caller keeps it from going back.
 */
export function hubEventTime(partitions: PartitionProgress[], ends: EndOffsets | undefined): Date | null {
  if (ends) {
    const known = new Set(partitions.map((p) => partitionKey(p.topic, p.partition)));
    for (const [key, end] of ends) if (!known.has(key) && end > 0n) return null;
  }
  if (partitions.length === 0) return null;
  const holding = partitions.filter((p) => holdsEventTime(p, ends));
  const times = (holding.length ? holding : partitions).map((p) => p.eventTime.getTime());
  const now = holding.length ? Math.min(...times) : Math.max(...times);
  return now === EPOCH ? null : new Date(now);
}

/**
 * The latest event time the detector has stored from any partition: what alerts changed before the hub's event
 * time is established are stamped with when nothing better is known. Null while no partition brought an event.
 */
export function latestEventTime(partitions: PartitionProgress[]): Date | null {
  const times = partitions.map((p) => p.eventTime.getTime()).filter((t) => t !== EPOCH);
  return times.length ? new Date(Math.max(...times)) : null;
}

/** What one cycle's input tells the clock about one intake partition: its latest event time (null: none), the last offset dealt with (-1: none). */
export interface PartitionMark {
  topic: string;
  partition: number;
  time: string | null;
  offset: bigint;
}

/** Per intake partition, the latest event time and the furthest offset among events and progress marks. */
export function partitionMarks(
  events: { topic: string; partition: number; time: string; offset: string }[],
  progress: { topic: string; partition: number; throughOffset: string }[],
): PartitionMark[] {
  const latest = new Map<string, PartitionMark>();
  const at = (topic: string, partition: number) => {
    const key = partitionKey(topic, partition);
    let row = latest.get(key);
    if (!row) latest.set(key, (row = { topic, partition, time: null, offset: -1n }));
    return row;
  };
  for (const e of events) {
    const row = at(e.topic, e.partition);
    const t = new Date(instantMillis(e.time)).toISOString();
    if (!row.time || row.time < t) row.time = t;
    if (BigInt(e.offset) > row.offset) row.offset = BigInt(e.offset);
  }
  for (const p of progress) {
    const row = at(p.topic, p.partition);
    if (BigInt(p.throughOffset) > row.offset) row.offset = BigInt(p.throughOffset);
  }
  return [...latest.values()];
}

/**
 * The hub's event time after this reading: what `hubEventTime` says (or the wall clock when the rule pack lets it
 * advance time and it is later), never going back from the stored one. `store` says whether it moved forward.
 * A stored epoch is no time at all: versions before event time could be null stored it for "not yet known"
 * (and alerts found while time was held back were then stamped 1970-01-01T08:00+08:00).
 */
export function nextHubTime(
  decided: Date | null,
  storedTime: Date | null,
  wallClock: Date | null,
): { now: Date | null; store: boolean } {
  const stored = storedTime && storedTime.getTime() !== EPOCH ? storedTime : null;
  let now = decided;
  if (wallClock) now = new Date(Math.max(now?.getTime() ?? 0, wallClock.getTime()));
  if (stored && (!now || stored > now)) now = stored;
  return { now, store: !!now && (!stored || now > stored) };
}
