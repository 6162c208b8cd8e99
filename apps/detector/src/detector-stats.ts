import { Injectable } from '@nestjs/common';
import { PhaseTimes } from '@hub/runtime';
import { SettleCounts } from './alerts/alert-book';

/** Counters since start: events applied, households evaluated, alerts raised and resolved. */
@Injectable()
export class DetectorStats {
  readonly startedAt = new Date();
  readonly counts: Record<string, number> = {
    /** Partition batches taken and detection cycles run (the batches of one fetch share a cycle; ticks run alone). */
    batches: 0,
    cycles: 0,
    events: 0,
    merges: 0,
    relinks: 0,
    skipped: 0,
    households: 0,
    raised: 0,
    fulfilled: 0,
    retracted: 0,
    held: 0,
    dismissed: 0,
  };

  /** Steps of a detection cycle: where a slow detector spends its time. */
  readonly phases = new PhaseTimes([
    'begin',
    'apply',
    'clock',
    'due',
    'lock',
    'timelines',
    'holds',
    'evaluate',
    'settle',
    'commit',
    'publish',
  ]);

  add(name: string, n = 1): void {
    this.counts[name] = (this.counts[name] ?? 0) + n;
  }

  evaluated(households: number, counts: SettleCounts): void {
    this.add('households', households);
    this.add('raised', counts.raised);
    this.add('provisional', counts.provisional);
    this.add('fulfilled', counts.fulfilled);
    this.add('retracted', counts.retracted);
    this.add('held', counts.held);
  }
}
