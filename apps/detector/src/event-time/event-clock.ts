import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventTimeSettings } from '@hub/rules';
import { LinkedEvent } from '@hub/topics';

/** The row holding the hub's event time itself, beside the per-topic rows. */
const HUB_ROW = '';

export interface EventTimeReading {
  /** The hub's event time: omission windows that closed before it are due. Null before any event. */
  now: Date | null;
  topics: { topic: string; eventTime: string; lastSeenAt: string; idle: boolean }[];
}

/**
 * Event time (contract section 7): each intake topic's time is the latest `time` seen on it; the hub's
 * time is the earliest of those among topics heard from within the idle span (a slow department holds
 * omissions back instead of causing false ones, a silent one stops holding them back), or the latest
 * of all when every topic is idle. It never goes back: an omission raised stays due. Optionally the
 * wall clock advances it (live operation); never in replays.
 */
@Injectable()
export class EventClock {
  async observe(tx: EntityManager, events: LinkedEvent[]): Promise<void> {
    const latest = new Map<string, string>();
    for (const e of events) {
      const t = new Date(e.time).toISOString();
      if (!latest.has(e.topic) || latest.get(e.topic)! < t) latest.set(e.topic, t);
    }
    if (latest.size === 0) return;
    await tx.query(
      `INSERT INTO event_clock (topic, event_time, last_seen_at) SELECT topic, event_time, now() FROM unnest($1::text[], $2::timestamptz[]) AS q(topic, event_time)
       ON CONFLICT (topic) DO UPDATE SET event_time = greatest(event_clock.event_time, EXCLUDED.event_time), last_seen_at = now()`,
      [[...latest.keys()], [...latest.values()]],
    );
  }

  /** Reads the hub's event time and moves the stored one forward to it. */
  async advance(tx: EntityManager, settings: EventTimeSettings): Promise<EventTimeReading> {
    const rows: { topic: string; event_time: Date; last_seen_at: Date; idle: boolean }[] = await tx.query(
      `SELECT topic, event_time, last_seen_at, last_seen_at < now() - make_interval(mins => $1) AS idle FROM event_clock ORDER BY topic`,
      [settings.idleSpanMinutes],
    );
    const stored = rows.find((r) => r.topic === HUB_ROW)?.event_time ?? null;
    const topics = rows.filter((r) => r.topic !== HUB_ROW);
    let now: Date | null = null;
    if (topics.length) {
      const active = topics.filter((t) => !t.idle);
      const times = (active.length ? active : topics).map((t) => t.event_time.getTime());
      now = new Date(active.length ? Math.min(...times) : Math.max(...times));
    }
    if (settings.wallClockAdvance) now = new Date(Math.max(now?.getTime() ?? 0, Date.now()));
    if (stored && (!now || stored > now)) now = stored;
    if (now && (!stored || now > stored)) {
      await tx.query(
        `INSERT INTO event_clock (topic, event_time, last_seen_at) VALUES ($1, $2, now()) ON CONFLICT (topic) DO UPDATE SET event_time = EXCLUDED.event_time, last_seen_at = now()`,
        [HUB_ROW, now.toISOString()],
      );
    }
    return { now, topics: topics.map((t) => ({ topic: t.topic, eventTime: t.event_time.toISOString(), lastSeenAt: t.last_seen_at.toISOString(), idle: t.idle })) };
  }
}
