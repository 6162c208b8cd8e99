import { classifyFailure } from './failure-kind';

/**
 * Group commit: the same piece of I/O asked for by several partition batches at once (kafkajs hands a consumer up
 * to `partitionConcurrency` batches of one fetch together) is done once for all of them. At 1,000 events/s over 36
 * intake partitions a batch holds about 7 events, and each statement or produce request costs a round trip whose
 * socket write alone is ~0.2 ms on this machine (CPU profile, bench:e2e latency phase): per-batch I/O, not events,
 * was what saturated the hub.
 *
 * Submissions made while a run is in flight wait for it and then go together in the next run. Each submitter gets
 * the outputs of its own inputs, in order. When a combined run fails and it held more than one submission, each
 * submission is run again on its own, so a failure lands only on the batch it belongs to (a refused output is one
 * batch's, never its neighbours'). An infrastructure failure (classifyFailure) fails every submission at once, and
 * each batch waits it out as before.
 */
export class GroupCommit<I, O> {
  private queue: { inputs: I[]; resolve: (outputs: O[]) => void; reject: (error: unknown) => void }[] = [];
  /** Runs in flight; a lane ends when it finds nothing queued after its run. */
  private lanes = 0;
  private laneScheduled = false;
  /** Runs so far and the submissions they held: how much was saved is visible in a service's stats. */
  readonly counts = { runs: 0, submissions: 0 };

  /**
   * `run` must return one output per input, in order (an empty array for work without outputs). `inFlight` runs
   * may go at once: one is all grouping, but a service whose run alternates between its own CPU and the database's
   * (the matcher's chunk) keeps both busy only with two.
   */
  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly inFlight = 1,
  ) {}

  submit(inputs: I[]): Promise<O[]> {
    return new Promise<O[]>((resolve, reject) => {
      this.queue.push({ inputs, resolve, reject });
      this.startLane();
    });
  }

  /** On the next turn, not now: the other batches of the same fetch are handed in during this one. */
  private startLane(): void {
    if (this.laneScheduled || this.lanes >= this.inFlight) return;
    this.laneScheduled = true;
    setImmediate(() => {
      this.laneScheduled = false;
      if (this.queue.length === 0 || this.lanes >= this.inFlight) return;
      this.lanes++;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const group = this.queue;
      this.queue = [];
      this.counts.runs++;
      this.counts.submissions += group.length;
      try {
        const outputs = await this.run(group.flatMap((s) => s.inputs));
        let at = 0;
        for (const s of group) {
          s.resolve(outputs.slice(at, at + s.inputs.length));
          at += s.inputs.length;
        }
      } catch (error) {
        // The broker or database away is nobody's fault and would fail each alone too, after as long a wait.
        if (group.length === 1 || classifyFailure(error) === 'INFRASTRUCTURE') for (const s of group) s.reject(error);
        else for (const s of group) await this.run(s.inputs).then(s.resolve, s.reject);
      }
    }
    this.lanes--;
  }
}
