import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventTimeSettings } from '@hub/rules';
import { LinkedEvent } from '@hub/topics';

/** The row holding the hub's event time itself, beside the per-partition rows. */
const HUB_ROW = { topic: '', partition: -1 };

export interface EventTimeReading {
  /** The hub's event time: omission windows that closed before it are due. Null before any event. */
  now: Date | null;
  /** Per intake topic: the earliest latest-time of its partitions heard from within the idle span. */
  topics: { topic: string; eventTime: string; lastSeenAt: string; idle: boolean }[];
}

interface PartitionClock {
  topic: string;
  partition: number;
  event_time: Date;
  last_seen_at: Date;
  idle: boolean;
}

/**
 * Event time (contract section 7): each intake topic's time is the latest `time` seen on it, taken
 * partition by partition (each partition is in order; a topic's partitions reach the detector at their
 * own pace, so the topic's time is the earliest of its partitions' latest times); the hub's time is the
 * earliest among partitions heard from within the idle span (a slow department holds omissions back
 * instead of causing false ones, a silent one stops holding them back), or the latest of all when
 * every partition is idle. It never goes back: an omission raised stays due. Optionally the wall clock
 * advances it (live operation); never in replays.
 */
@Injectable()
export class EventClock {
  /**
   * Registers partitions before anything is heard from them: an unseen partition must hold event time
   * back too (from the start of time), or the first partitions to arrive after a start or in a replay
   * would close windows for facts still on their way through the others. One that stays silent drops
   * out after the idle span, like any other.
   */
  async expect(db: EntityManager, partitions: { topic: string; partition: number }[]): Promise<void> {
    if (partitions.length === 0) return;
    await db.query(
      `INSERT INTO event_clock (topic, partition, event_time, last_seen_at)
       SELECT topic, partition, 'epoch', now() FROM unnest($1::text[], $2::int[]) AS q(topic, partition)
       ON CONFLICT (topic, partition) DO NOTHING`,
      [partitions.map((p) => p.topic), partitions.map((p) => p.partition)],
    );
  }

  async observe(tx: EntityManager, events: LinkedEvent[]): Promise<void> {
    const latest = new Map<string, { topic: string; partition: number; time: string }>();
    for (const e of events) {
      const key = `${e.topic}\u0000${e.partition}`;
      const t = new Date(e.time).toISOString();
      const seen = latest.get(key);
      if (!seen || seen.time < t) latest.set(key, { topic: e.topic, partition: e.partition, time: t });
    }
    if (latest.size === 0) return;
    const rows = [...latest.values()];
    await tx.query(
      `INSERT INTO event_clock (topic, partition, event_time, last_seen_at)
       SELECT topic, partition, event_time, now() FROM unnest($1::text[], $2::int[], $3::timestamptz[]) AS q(topic, partition, event_time)
       ON CONFLICT (topic, partition) DO UPDATE SET event_time = greatest(event_clock.event_time, EXCLUDED.event_time), last_seen_at = now()`,
      [rows.map((r) => r.topic), rows.map((r) => r.partition), rows.map((r) => r.time)],
    );
  }

  /** Reads the hub's event time and moves the stored one forward to it. */
  async advance(tx: EntityManager, settings: EventTimeSettings & { idleSpanSeconds?: number }): Promise<EventTimeReading> {
    const idleSeconds = settings.idleSpanSeconds || settings.idleSpanMinutes * 60;
    const rows: PartitionClock[] = await tx.query(
      `SELECT topic, partition, event_time, last_seen_at, last_seen_at < now() - make_interval(secs => $1) AS idle FROM event_clock ORDER BY topic, partition`,
      [idleSeconds],
    );
    const stored = rows.find((r) => r.topic === HUB_ROW.topic)?.event_time ?? null;
    const partitions = rows.filter((r) => r.topic !== HUB_ROW.topic);
    let now = earliestActive(partitions);
    if (settings.wallClockAdvance) now = new Date(Math.max(now?.getTime() ?? 0, Date.now()));
    if (stored && (!now || stored > now)) now = stored;
    if (now && (!stored || now > stored)) {
      await tx.query(
        `INSERT INTO event_clock (topic, partition, event_time, last_seen_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (topic, partition) DO UPDATE SET event_time = EXCLUDED.event_time, last_seen_at = now()`,
        [HUB_ROW.topic, HUB_ROW.partition, now.toISOString()],
      );
    }
    const topics = [...new Set(partitions.map((p) => p.topic))].map((topic) => {
      const own = partitions.filter((p) => p.topic === topic);
      return {
        topic,
        eventTime: earliestActive(own)!.toISOString(),
        lastSeenAt: new Date(Math.max(...own.map((p) => p.last_seen_at.getTime()))).toISOString(),
        idle: own.every((p) => p.idle),
      };
    });
    return { now, topics };
  }
}

/** The earliest time among partitions heard from within the idle span; the latest of all when all are idle. */
function earliestActive(partitions: PartitionClock[]): Date | null {
  if (partitions.length === 0) return null;
  const active = partitions.filter((p) => !p.idle);
  const times = (active.length ? active : partitions).map((p) => p.event_time.getTime());
  return new Date(active.length ? Math.min(...times) : Math.max(...times));
}
