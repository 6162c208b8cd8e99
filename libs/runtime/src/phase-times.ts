/**
 * Milliseconds a service spent in each step of its work, summed since start: where a slow service
 * spends its time, read off its stats endpoint (and printed by the benchmarks) without a profiler.
 */
export class PhaseTimes {
  private readonly totals: Record<string, number>;

  constructor(phases: readonly string[]) {
    this.totals = Object.fromEntries(phases.map((p) => [p, 0]));
  }

  /** Adds the time since `since` (a performance.now() reading) to `phase`; returns now, for the next phase. */
  time(phase: string, since: number): number {
    const now = performance.now();
    this.totals[phase] = (this.totals[phase] ?? 0) + (now - since);
    return now;
  }

  /** Whole milliseconds per phase. */
  view(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.totals).map(([k, v]) => [k, Math.round(v)]));
  }
}
