import { Injectable } from '@nestjs/common';

/** Decisions since start: MATCH, POSSIBLE_MATCH, NEW, merges, records seen again unchanged, unreadable messages skipped. */
@Injectable()
export class MatcherStats {
  readonly startedAt = new Date();
  readonly counts: Record<string, number> = { records: 0, MATCH: 0, POSSIBLE_MATCH: 0, NEW: 0, MERGED: 0, unchanged: 0, skipped: 0, quarantined: 0, householdsAdopted: 0 };

  /** Milliseconds spent in each step of linking chunks, summed: where a slow matcher spends its time. */
  readonly phaseMs: Record<string, number> = { begin: 0, seed: 0, link: 0, flush: 0, commit: 0, names: 0, secondLook: 0 };

  time(phase: string, since: number): number {
    const now = performance.now();
    this.phaseMs[phase] = (this.phaseMs[phase] ?? 0) + (now - since);
    return now;
  }

  add(name: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }
}
