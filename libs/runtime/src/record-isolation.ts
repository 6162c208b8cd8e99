import { classifyFailure, isGroupMembershipChange } from './failure-kind';
import { QuarantineCode, failureCause, failureDetail, quarantineCodeOf } from './quarantine-codes';

export interface InfrastructurePause {
  /** Called before each pause: log it (the error is about the broker or database, never a record's content). */
  onPause?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Keeps the group membership while waiting; a failing heartbeat is expected while the broker is down. */
  heartbeat?: () => Promise<void>;
  /** True when the consumer is stopping: the pause ends and the failure is thrown. */
  shouldStop?: () => boolean;
  /** First pause and the longest one; each pause doubles. Defaults 500 ms and 30 s. */
  backoff?: { initialMs: number; maxMs: number };
  /** Test seam for the pauses. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * How a partition batch waits for its broker or database: heartbeats while it waits, ends the wait when the
 * consumer stops, and logs each pause with the error's name only (a message may quote a record's values).
 */
export function batchPause(
  batch: { topic: string; partition: number; heartbeat(): Promise<void> },
  logger: { warn(message: string): void },
  stopping: () => boolean,
): InfrastructurePause {
  return {
    heartbeat: () => batch.heartbeat(),
    shouldStop: stopping,
    onPause: (e, attempt, delayMs) =>
      logger.warn(
        `${batch.topic}[${batch.partition}]: broker or database unreachable (${(e as Error).name}), retry ${attempt} in ${delayMs} ms`,
      ),
  };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const DEFAULT_BACKOFF = { initialMs: 500, maxMs: 30_000 };

/**
 * Runs `work` until it succeeds or fails for a reason of the records' own: an infrastructure failure
 * (classifyFailure) pauses, with doubling backoff, and tries again, for as long as it lasts. Thrown
 * through: the records' failures, a group rebalance (only the consumer rejoining helps, and the batch
 * is then delivered again), and any failure once `shouldStop` says so.
 */
export async function retryWhileInfrastructureDown<T>(
  work: () => Promise<T>,
  pause: InfrastructurePause = {},
): Promise<T> {
  const { initialMs, maxMs } = pause.backoff ?? DEFAULT_BACKOFF;
  const sleep = pause.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (classifyFailure(error) !== 'INFRASTRUCTURE' || isGroupMembershipChange(error) || pause.shouldStop?.())
        throw error;
      const delayMs = Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 20));
      pause.onPause?.(error, attempt, delayMs);
      await sleep(delayMs);
      try {
        await pause.heartbeat?.();
      } catch (heartbeatError) {
        if (isGroupMembershipChange(heartbeatError)) throw heartbeatError;
      }
    }
  }
}

export interface RecordFailure<R> {
  record: R;
  code: QuarantineCode;
  /** For the quarantine table only, never a log line: it may quote the record's content. */
  detail: string;
  /** The error's name, code and first frame (`failureCause`): for log lines. */
  cause: string;
}

export interface IsolationOutcome<R> {
  /** Records whose work succeeded, in their order. */
  processed: R[];
  quarantined: RecordFailure<R>[];
  /** Times `work` ran: 1 when nothing failed. */
  attempts: number;
}

export interface RecordIsolation<R> extends InfrastructurePause {
  /**
   * The batch's work for some of its records. All or nothing (one transaction, outputs published after
   * commit or written with it) and safe to run again on a subset: a failed run must leave no trace.
   */
  work: (records: R[]) => Promise<void>;
  /** Stores the failures durably (QuarantineStore.add), before the batch's offsets are committed. */
  quarantine: (failures: RecordFailure<R>[]) => Promise<void>;
}

/**
 * A batch's work with per-record failures isolated. The whole batch is tried first; when it fails for
 * a record-level reason the records are halved, each half tried in order, and so on down to the single
 * records that fail alone, which are tried once more after a pause and, failing again, quarantined with a
 * code; all others are processed. k bad records among n cost about 2·k·log2(n) + k extra runs. Infrastructure
 * failures pause and retry at every step and are never blamed on a record. Order is kept: a record's work runs
 * after that of every record before it that was not quarantined.
 *
 * A failure of the empty batch (nothing to blame) is thrown.
 */
export async function isolateRecordFailures<R>(
  records: R[],
  isolation: RecordIsolation<R>,
): Promise<IsolationOutcome<R>> {
  const outcome: IsolationOutcome<R> = { processed: [], quarantined: [], attempts: 0 };
  /** One run of the work: its records are processed, or the failure is theirs (an infrastructure failure is thrown). */
  const run = async (slice: R[]): Promise<{ failure: unknown } | undefined> => {
    outcome.attempts++;
    try {
      await retryWhileInfrastructureDown(() => isolation.work(slice), isolation);
      outcome.processed.push(...slice);
      return undefined;
    } catch (error) {
      if (classifyFailure(error) === 'INFRASTRUCTURE' || slice.length === 0) throw error;
      return { failure: error };
    }
  };
  const attempt = async (slice: R[]): Promise<void> => {
    if ((await run(slice)) === undefined) return;
    if (slice.length === 1) {
      // Quarantined only when the failure repeats after a pause: one that does not was the moment's (a database
      // coming back from an outage, a race that outlived its retries), not the record's, and a quarantined record
      // is lost to the hub until somebody replays it. A poison record costs one run more.
      await (isolation.sleep ?? defaultSleep)((isolation.backoff ?? DEFAULT_BACKOFF).initialMs);
      const repeated = await run(slice);
      if (repeated)
        outcome.quarantined.push({
          record: slice[0],
          code: quarantineCodeOf(repeated.failure),
          detail: failureDetail(repeated.failure),
          cause: failureCause(repeated.failure),
        });
      return;
    }
    const middle = Math.ceil(slice.length / 2);
    await attempt(slice.slice(0, middle));
    await attempt(slice.slice(middle));
  };
  await attempt(records);
  if (outcome.quarantined.length)
    await retryWhileInfrastructureDown(() => isolation.quarantine(outcome.quarantined), isolation);
  return outcome;
}
