import { Injectable } from '@nestjs/common';
import { PhaseTimes } from '@hub/runtime';

/** Decisions since start: MATCH, POSSIBLE_MATCH, NEW, merges, records seen again unchanged, unreadable messages skipped. */
@Injectable()
export class MatcherStats {
  readonly startedAt = new Date();
  readonly counts: Record<string, number> = {
    /** Partition batches taken, and chunk transactions (each holds the chunks of the batches in hand, GroupCommit). */
    batches: 0,
    chunkRuns: 0,
    /** Transactions (chunks, second looks) rolled back and run again after a lost race or a deadlock. */
    runAgain: 0,
    records: 0,
    MATCH: 0,
    POSSIBLE_MATCH: 0,
    NEW: 0,
    MERGED: 0,
    unchanged: 0,
    skipped: 0,
    quarantined: 0,
    householdsAdopted: 0,
    /** Review pairs closed by rule: their record's own person gained a record that settles it (ReviewSettlement). */
    reviewsSettled: 0,
    // Records made NEW whose second look read their candidates again, and those cleared by the read horizon alone.
    secondLookCompared: 0,
    secondLookCleared: 0,
    // Records a second look sent to review (a concurrent chunk made the person they fit).
    secondLookReviews: 0,
  };

  /**
   * Steps of linking a chunk, and of a partition batch around it (publish: the detector's feed, waits for the batches
   * published with it included; relay: the outbox relays, which run in the background beside the batches).
   */
  readonly phases = new PhaseTimes([
    'read',
    'begin',
    'seed',
    'link',
    'flush',
    'claim',
    'outbox',
    'awaitSecondLook',
    'commit',
    'names',
    'secondLook',
    'publish',
    'relay',
  ]);

  time(phase: string, since: number): number {
    return this.phases.time(phase, since);
  }

  add(name: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }
}
