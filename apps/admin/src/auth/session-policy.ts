/**
 * Sessions expire on a sliding idle window with an absolute cap: each request moves the end to
 * now + idle minutes, but never past log-in + the cap. An unattended console logs out after the idle
 * time; a stolen cookie cannot be kept alive for ever by using it.
 */
export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface SessionTimes {
  createdAt: Date;
  expiresAt: Date;
}

const MINUTE = 60_000;

export function firstExpiry(policy: SessionPolicy, now: Date): Date {
  return slidExpiry(policy, now, now);
}

/** Where the end of a session lies after a request at `now`. */
export function slidExpiry(policy: SessionPolicy, createdAt: Date, now: Date): Date {
  const idleEnd = now.getTime() + policy.idleMinutes * MINUTE;
  const cap = createdAt.getTime() + policy.maxHours * 60 * MINUTE;
  return new Date(Math.min(idleEnd, cap));
}

/** A session is live strictly before its end. */
export function isLive(session: SessionTimes, now: Date): boolean {
  return now.getTime() < session.expiresAt.getTime();
}
