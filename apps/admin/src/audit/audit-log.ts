import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AdminClock } from '../clock';

/** Every action the audit log knows; auditors filter on these. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login.failed',
  'auth.login.locked',
  'auth.logout',
  'auth.password.changed',
  'auth.password.change.failed',
  'access.refused',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.password.reset',
  'person.unmasked',
  'deadletter.replayed',
  'deadletter.replayed.code',
  'review.unmasked',
  'review.decided',
  'record.unlinked',
  'record.linked',
  'person.split',
  'alert.dismissed',
  'recovery.waived',
  'notices.exported',
  'statistics.exported',
  'alerts.exported',
  'people.searched',
  'person.viewed',
  'person.purge.requested',
  'person.purged',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** The acting user, the user name typed at a failed log-in, or "system". */
  username: string;
  role?: string | null;
  action: AuditAction;
  /** What the action was about: a user name, a person id, a route. */
  target?: string | null;
  /** Never personal data of the people the hub serves; reasons and outcomes only. */
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditRow {
  seq: string;
  at: Date;
  username: string;
  role: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  username?: string;
  action?: string;
  /** Newest first; the next page starts below the last seq seen. */
  beforeSeq?: string;
  limit: number;
}

/** The audit log: rows are only ever added (the table's trigger refuses changes and deletions). */
@Injectable()
export class AuditLog {
  constructor(
    private readonly db: DataSource,
    private readonly clock: AdminClock,
  ) {}

  /** Adds a row (returns its seq), inside the caller's transaction when given one (the action and its record commit together). */
  async record(entry: AuditEntry, tx?: EntityManager): Promise<string> {
    const rows: { seq: string }[] = await (tx ?? this.db).query(
      `INSERT INTO audit_log (at, username, role, action, target, detail, ip) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING seq::text AS seq`,
      [
        this.clock.now(),
        entry.username.slice(0, 128),
        entry.role ?? null,
        entry.action,
        entry.target ?? null,
        JSON.stringify(entry.detail ?? {}),
        entry.ip ?? null,
      ],
    );
    return rows[0].seq;
  }

  async find(filter: AuditFilter): Promise<{ entries: AuditRow[]; nextBeforeSeq: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at < ?', filter.to);
    if (filter.username) add('username = ?', filter.username);
    if (filter.action) add('action = ?', filter.action);
    if (filter.beforeSeq) add('audit_log.seq < ?', filter.beforeSeq);
    params.push(filter.limit + 1);
    const rows: AuditRow[] = await this.db.query(
      `SELECT seq::text AS seq, at, username, role, action, target, detail, ip FROM audit_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY audit_log.seq DESC LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > filter.limit;
    const entries = rows.slice(0, filter.limit);
    return { entries, nextBeforeSeq: more ? entries[entries.length - 1].seq : null };
  }

  /**
   * Log-in attempts for one user name, and from one address, take turns until the caller's transaction ends:
   * each counts the failures the one before it recorded, so parallel guesses cannot slip past the lock-out.
   * Always the user name's lock first, then the address's (one order, no deadlock).
   */
  async takeLoginTurn(tx: EntityManager, username: string, ip: string | null): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('assist-hub.login.user:' || $1, 0))`, [
      username.slice(0, 128),
    ]);
    if (ip) await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('assist-hub.login.ip:' || $1, 0))`, [ip]);
  }

  /** Times of failed log-ins from an address after `since` (the per-address lock-out), newest first; a success does not clear them. */
  async failedLoginsFromAddressSince(ip: string, since: Date, tx?: EntityManager): Promise<Date[]> {
    const rows: { at: Date }[] = await (tx ?? this.db).query(
      `SELECT at FROM audit_log WHERE ip = $1 AND action = 'auth.login.failed' AND at > $2 ORDER BY at DESC LIMIT 1000`,
      [ip, since],
    );
    return rows.map((r) => r.at);
  }

  /** Times of a user name's failed log-ins after `since` (for the lock-out), newest first. */
  async failedLoginsSince(username: string, since: Date, tx?: EntityManager): Promise<Date[]> {
    const rows: { at: Date }[] = await (tx ?? this.db).query(
      `SELECT at FROM audit_log
       WHERE username = $1 AND action = 'auth.login.failed' AND at > $2
         AND seq > coalesce((SELECT max(seq) FROM audit_log WHERE username = $1 AND action = 'auth.login'), 0)
       ORDER BY seq DESC LIMIT 1000`,
      [username.slice(0, 128), since],
    );
    return rows.map((r) => r.at);
  }
}
