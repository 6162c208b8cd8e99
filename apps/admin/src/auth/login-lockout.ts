/**
 * Log-in lock-out: at most `failures` failed log-ins per user name in any window of `minutes`. Once
 * reached, log-ins for that name are refused without looking at the password until the oldest
 * failure in the window is older than the window. A successful log-in clears the count. User names
 * that do not exist are counted the same way, so the lock-out does not tell which ones exist.
 *
 * The count comes from the audit log (failed log-ins are audited anyway): no counter to keep in step.
 */
export interface LockoutPolicy {
  failures: number;
  minutes: number;
}

/** The start of the window of failures that count at `now`. */
export function lockoutWindowStart(policy: LockoutPolicy, now: Date): Date {
  return new Date(now.getTime() - policy.minutes * 60_000);
}

/**
 * When the user name opens again, given the times of its failed log-ins since the later of the window
 * start and its last successful log-in; undefined when it is not locked.
 */
export function lockedUntil(policy: LockoutPolicy, recentFailures: Date[], now: Date): Date | undefined {
  const start = lockoutWindowStart(policy, now).getTime();
  const inWindow = recentFailures
    .map((d) => d.getTime())
    .filter((t) => t > start)
    .sort((a, b) => b - a);
  if (inWindow.length < policy.failures) return undefined;
  // Unlocked once fewer than `failures` remain in the window: when the failures-th most recent leaves it.
  return new Date(inWindow[policy.failures - 1] + policy.minutes * 60_000);
}
