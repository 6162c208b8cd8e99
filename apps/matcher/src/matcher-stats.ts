import { Injectable } from '@nestjs/common';

/** Decisions since start: MATCH, POSSIBLE_MATCH, NEW, merges, records seen again unchanged, unreadable messages skipped. */
@Injectable()
export class MatcherStats {
  readonly startedAt = new Date();
  readonly counts: Record<string, number> = { records: 0, MATCH: 0, POSSIBLE_MATCH: 0, NEW: 0, MERGED: 0, unchanged: 0, skipped: 0 };

  add(name: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }
}
