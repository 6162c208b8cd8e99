/**
 * When to start a supervised process again after it died: 1 s, doubling up to 30 s, so a process that
 * cannot start (its broker is down, its port is taken) does not spin the 2 cores; a run that stayed up
 * for a stable minute starts the count again, so one crash a day is always retried after 1 s.
 */
export interface RestartPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** A run at least this long resets the backoff. */
  stableMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 1_000, maxDelayMs: 30_000, stableMs: 60_000 };

export interface RestartDecision {
  /** Restarts in the current streak, this one included (1 after a stable run). */
  attempt: number;
  delayMs: number;
}

/** previousAttempt: the streak so far (0 before the first restart); uptimeMs: how long the run that just ended lasted. */
export function nextRestart(
  previousAttempt: number,
  uptimeMs: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  const attempt = uptimeMs >= policy.stableMs ? 1 : previousAttempt + 1;
  // 2^(attempt-1) overflows to Infinity long after the cap; Math.min keeps the cap.
  const delayMs = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return { attempt, delayMs };
}
