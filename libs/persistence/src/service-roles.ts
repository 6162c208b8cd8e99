import type { HubService } from '@hub/topics';

/**
 * Database roles per service (issue 12): each service connects as its own role and may touch only the tables it
 * owns (ARCHITECTURE.md), and nobody may change or delete the audit log or the event store. The roles are
 * NOLOGIN until a deployment gives them a password (`ALTER ROLE … LOGIN PASSWORD`; deploy/hub.sh does it for the
 * local runtime); migrations run as the tables' owner, never as a service role. A migration that adds a table
 * adds it here and calls `grantServiceRights` again (tables that do not exist yet are left for that call).
 */
/** The application_name a service's sessions carry (pg_stat_activity): for operators, and for a migration that must know who is connected. */
export const serviceApplicationName = (service: HubService): string => `assist-hub-${service}`;

export const SERVICE_ROLES: Record<HubService, string> = {
  intake: 'assist_hub_intake',
  matcher: 'assist_hub_matcher',
  detector: 'assist_hub_detector',
  admin: 'assist_hub_admin',
};

type Right = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
const ALL: Right[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
/** Rows that are written once and read, never changed: the event store, the audit log, the quarantine. */
const APPEND: Right[] = ['SELECT', 'INSERT'];

/**
 * Every service reads which migrations ran (it refuses to start on a schema older than its code) and checks its keys
 * against the ones the data was written under (recording a key it is the first to use).
 */
const SCHEMA_CHECK = { migrations: ['SELECT'] as Right[], data_key_check: ['SELECT', 'INSERT'] as Right[] };

/** Table rights of each service; a right on some columns only is written `UPDATE (column, …)`. */
export const SERVICE_TABLE_RIGHTS: Record<HubService, Record<string, (Right | `UPDATE (${string})`)[]>> = {
  intake: { ...SCHEMA_CHECK, intake_event: APPEND, quarantined_record: APPEND },
  matcher: {
    ...SCHEMA_CHECK,
    person: ALL,
    person_record: ALL,
    record_block_key: ALL,
    person_id_number: ALL,
    household: ALL,
    household_source: ALL,
    name_frequency: ALL,
    match_review: ALL,
    matcher_outbox: ALL,
    matcher_second_look: ALL,
    quarantined_record: APPEND,
  },
  detector: {
    ...SCHEMA_CHECK,
    detector_person: ALL,
    detector_person_redirect: ALL,
    detector_source_person: ALL,
    detector_benefit: ALL,
    detector_status: ALL,
    detector_application: ALL,
    detector_review_hold: ALL,
    detector_due: ALL,
    event_clock: ALL,
    alert: ALL,
    detector_recovery: ALL,
    recovery_case: ALL,
    recovery_case_grant: ALL,
    recovery_outbox: ALL,
    detector_referral: ALL,
    // The outbox of alerts is their audit trail: rows are added and marked sent, never changed otherwise or deleted.
    alert_history: ['SELECT', 'INSERT', 'UPDATE (published_at)'],
    quarantined_record: APPEND,
  },
  admin: {
    ...SCHEMA_CHECK,
    admin_user: ALL,
    admin_session: ALL,
    admin_dead_letter: ALL,
    admin_dead_letter_replay: ALL,
    // INSERT-only for every role the services use (besides the append-only trigger).
    audit_log: APPEND,
  },
};

/** Runs SQL as the migration does (TypeORM's QueryRunner.query, or pg's). */
export type RunSql = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/** Creates the roles when missing and sets their rights to exactly SERVICE_TABLE_RIGHTS (idempotent). */
export async function grantServiceRights(run: RunSql): Promise<void> {
  for (const [owner, role] of Object.entries(SERVICE_ROLES) as [HubService, string][]) {
    // Roles belong to the server, not the database: another database on it may have made the role already.
    // Two databases migrated at once may both find it missing: the loser's CREATE fails and is let be.
    await run(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} NOLOGIN; END IF;
       EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
       END $$`,
    );
    await run(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
    await run(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
    await run(`GRANT USAGE ON SCHEMA public TO ${role}`);
    for (const [table, rights] of Object.entries(SERVICE_TABLE_RIGHTS[owner])) {
      // A table a later migration makes is granted when that migration runs this again.
      const [{ present }] = (await run(`SELECT to_regclass($1) IS NOT NULL AS present`, [`public.${table}`])) as {
        present: boolean;
      }[];
      if (!present) continue;
      await run(`GRANT ${rights.join(', ')} ON ${table} TO ${role}`);
      if (!rights.includes('INSERT')) continue;
      // bigserial columns draw from a sequence the inserting role must be allowed to use.
      const sequences = (await run(
        `SELECT pg_get_serial_sequence(table_name, column_name) AS sequence FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 AND column_default LIKE 'nextval(%'`,
        [table],
      )) as { sequence: string }[];
      for (const { sequence } of sequences) await run(`GRANT USAGE ON SEQUENCE ${sequence} TO ${role}`);
    }
  }
}

/** `url` with the service's role and password instead of the owner's. */
export function databaseUrlAs(url: string, owner: HubService, password: string): string {
  const u = new URL(url);
  u.username = SERVICE_ROLES[owner];
  u.password = password;
  return u.toString();
}

/**
 * Lets each service's role log in with its password (as the owner, who may alter roles). Passwords are the
 * deployment's (random, URL-safe); anything else is refused rather than quoted into the statement.
 */
export async function enableServiceLogins(run: RunSql, passwords: Record<HubService, string>): Promise<void> {
  for (const [owner, role] of Object.entries(SERVICE_ROLES) as [HubService, string][]) {
    const password = passwords[owner];
    if (!/^[A-Za-z0-9_-]{16,}$/.test(password ?? ''))
      throw new Error(`the password of ${role} must be 16 or more letters, digits, - or _`);
    await run(`ALTER ROLE ${role} LOGIN PASSWORD '${password}'`);
  }
}
