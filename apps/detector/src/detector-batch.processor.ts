import { Injectable, Logger } from '@nestjs/common';
import { PartitionBatch } from '@hub/kafka';
import { IntakeProgress, LinkedEvent, LinkedEventBatch, PersonMergedData, RecordRelink, ReviewHold, parseEventBatch } from '@hub/topics';
import { DetectorCycle } from './detector-cycle';
import { DetectorStats } from './detector-stats';
import { EventClock } from './event-time/event-clock';
import { FactStore } from './facts/fact-store';

/** One batch of hub.events.linked: its events and merges become facts, and a detection cycle runs over them. */
@Injectable()
export class DetectorBatchProcessor {
  private readonly logger = new Logger('DetectorBatch');

  constructor(
    private readonly facts: FactStore,
    private readonly clock: EventClock,
    private readonly cycle: DetectorCycle,
    private readonly stats: DetectorStats,
  ) {}

  async process(batch: PartitionBatch): Promise<void> {
    const events: LinkedEvent[] = [];
    const merges: PersonMergedData[] = [];
    const relinks: RecordRelink[] = [];
    const holds: ReviewHold[] = [];
    const progress: IntakeProgress[] = [];
    let skipped = 0;
    for (const message of batch.messages) {
      const linked = parseEventBatch<LinkedEventBatch>(message.value);
      if (!linked) {
        // Written by the matcher; resending cannot fix it: skip it, loudly.
        this.logger.error(`skipped ${batch.topic}[${batch.partition}]@${message.offset}: not a LinkedEventBatch`);
        skipped++;
        continue;
      }
      events.push(...linked.events);
      merges.push(...(linked.merges ?? []));
      relinks.push(...(linked.relinks ?? []));
      holds.push(...(linked.reviewHolds ?? []));
      progress.push(...(linked.progress ?? []));
    }
    await this.cycle.run(async (tx) => {
      await this.clock.observe(tx, events, progress);
      return this.facts.apply(tx, events, merges, relinks, holds);
    });
    this.stats.add('events', events.length);
    this.stats.add('merges', merges.length);
    this.stats.add('relinks', relinks.length);
    this.stats.add('skipped', skipped);
  }
}
