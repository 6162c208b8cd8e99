import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventTimeSettings } from '@hub/rules';
import { IntakeProgress, LinkedEvent } from '@hub/topics';
import {
  EndOffsets,
  PartitionProgress,
  backlogOf,
  holdsEventTime,
  hubEventTime,
  latestEventTime,
  nextHubTime,
  partitionMarks,
} from './event-time-decision';
import { IntakeEndOffsets } from './intake-end-offsets';

/** The row holding the hub's event time itself, beside the per-partition rows. */
const HUB_ROW = { topic: '', partition: -1 };

export interface EventTimeReading {
  /** The hub's event time: omission windows that closed before it are due. Null before it can be established. */
  now: Date | null;
  /** The latest event time stored from any partition (null: none yet): alert changes are stamped with it while `now` is null. */
  latestEventTime: Date | null;
  /** Per intake topic: the time its partitions hold event time at, and what is still on its way. */
  topics: { topic: string; eventTime: string; lastSeenAt: string; idle: boolean; backlog: number }[];
}

interface PartitionClock {
  topic: string;
  partition: number;
  event_time: Date;
  last_seen_at: Date;
  processed_offset: string;
  silent: boolean;
}

/**
 * Event time (contract section 7, per partition and backlog-aware): each intake partition's time is the latest
 * `time` the detector stored from it, and how far it has dealt with it is the last intake offset whose effects
 * it stored (from the events and the progress marks intake and matcher pass along, in the same transaction as
 * the facts). The hub's time is decided by `hubEventTime`: a partition holds it back while heard from within
 * the idle span or while any of its messages is still on its way anywhere in the pipeline. It never goes back:
 * an omission raised stays due. Optionally the wall clock advances it (live operation); never in replays.
 */
@Injectable()
export class EventClock {
  constructor(private readonly endOffsets: IntakeEndOffsets) {}

  /**
   * Registers partitions before anything is heard from them: an unseen partition with messages holds event
   * time back, or the first partitions to arrive after a start or in a replay would close windows for facts
   * still on their way through the others.
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

  /** Records, in the transaction that stores their facts, the events' times and how far each intake partition is dealt with. */
  async observe(tx: EntityManager, events: LinkedEvent[], progress: IntakeProgress[] = []): Promise<void> {
    const rows = partitionMarks(events, progress);
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO event_clock (topic, partition, event_time, last_seen_at, processed_offset)
       SELECT topic, partition, coalesce(event_time, 'epoch'), now(), processed_offset
       FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::bigint[]) AS q(topic, partition, event_time, processed_offset)
       ON CONFLICT (topic, partition) DO UPDATE SET
         event_time = greatest(event_clock.event_time, EXCLUDED.event_time), last_seen_at = now(),
         processed_offset = greatest(event_clock.processed_offset, EXCLUDED.processed_offset)`,
      [
        rows.map((r) => r.topic),
        rows.map((r) => r.partition),
        rows.map((r) => r.time),
        rows.map((r) => r.offset.toString()),
      ],
    );
  }

  /** Reads the hub's event time and moves the stored one forward to it. */
  async advance(
    tx: EntityManager,
    settings: EventTimeSettings & { idleSpanSeconds?: number },
  ): Promise<EventTimeReading> {
    const idleSeconds = settings.idleSpanSeconds || settings.idleSpanMinutes * 60;
    const rows: PartitionClock[] = await tx.query(
      `SELECT topic, partition, event_time, last_seen_at, processed_offset::text AS processed_offset,
              last_seen_at < now() - make_interval(secs => $1) AS silent
       FROM event_clock ORDER BY topic, partition`,
      [idleSeconds],
    );
    const stored = rows.find((r) => r.topic === HUB_ROW.topic)?.event_time ?? null;
    const partitions: PartitionProgress[] = rows
      .filter((r) => r.topic !== HUB_ROW.topic)
      .map((r) => ({
        topic: r.topic,
        partition: r.partition,
        eventTime: r.event_time,
        processedOffset: BigInt(r.processed_offset),
        silent: r.silent,
      }));
    const ends = await this.endOffsets.read();
    const { now, store } = nextHubTime(
      hubEventTime(partitions, ends),
      stored,
      settings.wallClockAdvance ? new Date() : null,
    );
    if (now && store) {
      await tx.query(
        `INSERT INTO event_clock (topic, partition, event_time, last_seen_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (topic, partition) DO UPDATE SET event_time = EXCLUDED.event_time, last_seen_at = now()`,
        [HUB_ROW.topic, HUB_ROW.partition, now.toISOString()],
      );
    }
    return { now, latestEventTime: latestEventTime(partitions), topics: topicReadings(rows, partitions, ends) };
  }
}

function topicReadings(
  rows: PartitionClock[],
  partitions: PartitionProgress[],
  ends: EndOffsets | undefined,
): EventTimeReading['topics'] {
  return [...new Set(partitions.map((p) => p.topic))].map((topic) => {
    const own = partitions.filter((p) => p.topic === topic);
    const holding = own.filter((p) => holdsEventTime(p, ends));
    const times = (holding.length ? holding : own).map((p) => p.eventTime.getTime());
    const seen = rows.filter((r) => r.topic === topic).map((r) => r.last_seen_at.getTime());
    return {
      topic,
      eventTime: new Date(holding.length ? Math.min(...times) : Math.max(...times)).toISOString(),
      lastSeenAt: new Date(Math.max(...seen)).toISOString(),
      idle: holding.length === 0,
      backlog: Number(own.reduce((n, p) => n + backlogOf(p, ends), 0n)),
    };
  });
}
