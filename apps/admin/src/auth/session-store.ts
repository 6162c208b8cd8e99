import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AdminSettings } from '../admin.settings';
import { AdminClock } from '../clock';
import { Role, SessionUser } from './roles';
import { SessionPolicy, firstExpiry, isLive, slidExpiry } from './session-policy';

/** A high-entropy random token needs no slow hash: SHA-256 keeps a leaked table from handing out sessions. */
const tokenHash = (token: string) => createHash('sha256').update(token).digest();

interface SessionRow {
  session_id: string;
  created_at: Date;
  expires_at: Date;
  user_id: string;
  username: string;
  role: Role;
  department: string | null;
  must_change_password: boolean;
}

/** Sessions behind the cookie: created at log-in, slid on each request, deleted at log-out. */
@Injectable()
export class SessionStore {
  readonly policy: SessionPolicy;

  constructor(
    private readonly db: DataSource,
    private readonly clock: AdminClock,
    settings: AdminSettings,
  ) {
    this.policy = { idleMinutes: settings.ADMIN_SESSION_MINUTES, maxHours: settings.ADMIN_SESSION_MAX_HOURS };
  }

  /** A new session; returns the cookie's token (32 random bytes), which is stored only as a hash. */
  async create(userId: string, tx?: EntityManager): Promise<{ token: string; expiresAt: Date }> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = firstExpiry(this.policy, now);
    const runner = tx ?? this.db;
    // Sessions long over are of no use to anyone; they go when someone logs in.
    await runner.query(`DELETE FROM admin_session WHERE expires_at < $1`, [new Date(now.getTime() - 24 * 3600_000)]);
    await runner.query(
      `INSERT INTO admin_session (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)`,
      [tokenHash(token), userId, now, expiresAt],
    );
    return { token, expiresAt };
  }

  /** Who holds the token, if the session is live and the user not disabled; slides the session's end. */
  async resolve(token: string | undefined): Promise<SessionUser | undefined> {
    if (!token || token.length > 100) return undefined;
    const now = this.clock.now();
    const rows: SessionRow[] = await this.db.query(
      `SELECT s.id::text AS session_id, s.created_at, s.expires_at, u.id::text AS user_id, u.username, u.role, u.department, u.must_change_password
       FROM admin_session s JOIN admin_user u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND NOT u.disabled`,
      [tokenHash(token)],
    );
    const row = rows[0];
    if (!row || !isLive({ createdAt: row.created_at, expiresAt: row.expires_at }, now)) return undefined;
    await this.db.query(`UPDATE admin_session SET last_seen_at = $2, expires_at = $3 WHERE id = $1`, [
      row.session_id,
      now,
      slidExpiry(this.policy, row.created_at, now),
    ]);
    return {
      sessionId: row.session_id,
      userId: row.user_id,
      username: row.username,
      role: row.role,
      department: row.department,
      mustChangePassword: row.must_change_password,
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`DELETE FROM admin_session WHERE id = $1`, [sessionId]);
  }

  /** Ends every session of a user (disabled, password reset), or every other one (own password changed). */
  async revokeAllOf(userId: string, options: { except?: string; tx?: EntityManager } = {}): Promise<void> {
    await (options.tx ?? this.db).query(`DELETE FROM admin_session WHERE user_id = $1 AND id <> $2`, [
      userId,
      options.except ?? '0',
    ]);
  }

  /** Seconds the cookie may live: the absolute cap (the server ends idle sessions itself). */
  cookieMaxAgeSeconds(): number {
    return this.policy.maxHours * 3600;
  }
}
