import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { HUB_SERVICES, HubService } from '@hub/topics';
import { SERVICE_ROLES, assertSchemaCurrent, databaseUrlAs, enableServiceLogins } from '@hub/persistence';
import { freshDatabase } from '../support/e2e-env';

/**
 * Issue 12: each service's database role may touch its own tables only, and no role the services use may change
 * or delete the audit log, the event store or an alert's history. Refusals are PostgreSQL's privilege checks
 * (42501), before any append-only trigger.
 */
describe('database roles per service (issue 12)', () => {
  let ownerUrl: string;
  const passwords = Object.fromEntries(HUB_SERVICES.map((s) => [s, randomBytes(18).toString('base64url')])) as Record<
    HubService,
    string
  >;
  const clients: Client[] = [];

  async function as(service: HubService): Promise<Client> {
    const client = new Client({ connectionString: databaseUrlAs(ownerUrl, service, passwords[service]) });
    await client.connect();
    clients.push(client);
    return client;
  }

  /** 'allowed', or the SQLSTATE PostgreSQL refused the statement with. */
  async function attempt(client: Client, sql: string, parameters: unknown[] = []): Promise<string> {
    try {
      await client.query(sql, parameters);
      return 'allowed';
    } catch (e) {
      return (e as { code?: string }).code ?? (e as Error).message;
    }
  }

  beforeAll(async () => {
    ownerUrl = await freshDatabase('roles');
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      await enableServiceLogins((sql, parameters) => owner.query(sql, parameters), passwords);
      // One row of each kept table, for the refused updates and deletes to have something to refuse.
      await owner.query(
        `INSERT INTO audit_log (username, role, action, target, detail, ip) VALUES ('admin', 'admin', 'test', 't', '{}', '127.0.0.1')`,
      );
    } finally {
      await owner.end();
    }
  });

  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
  });

  it('names one role per service', () => {
    expect(Object.values(SERVICE_ROLES).sort()).toEqual([
      'assist_hub_admin',
      'assist_hub_detector',
      'assist_hub_intake',
      'assist_hub_matcher',
    ]);
  });

  it('lets every role check the schema at start, as each service does before anything else', async () => {
    for (const service of HUB_SERVICES)
      await expect(assertSchemaCurrent(databaseUrlAs(ownerUrl, service, passwords[service]))).resolves.toBeUndefined();
  });

  it("keeps each service out of the others' tables", async () => {
    const matcher = await as('matcher');
    expect(await attempt(matcher, 'SELECT count(*) FROM person_record')).toBe('allowed');
    expect(await attempt(matcher, 'SELECT count(*) FROM alert')).toBe('42501');
    expect(await attempt(matcher, 'SELECT count(*) FROM intake_event')).toBe('42501');
    expect(await attempt(matcher, 'SELECT count(*) FROM audit_log')).toBe('42501');
    const detector = await as('detector');
    expect(await attempt(detector, 'SELECT count(*) FROM alert')).toBe('allowed');
    expect(await attempt(detector, 'SELECT count(*) FROM person_record')).toBe('42501');
    expect(await attempt(detector, 'SELECT count(*) FROM admin_user')).toBe('42501');
    const intake = await as('intake');
    expect(await attempt(intake, 'SELECT count(*) FROM intake_event')).toBe('allowed');
    expect(await attempt(intake, 'SELECT count(*) FROM person')).toBe('42501');
    const admin = await as('admin');
    expect(await attempt(admin, 'SELECT count(*) FROM admin_user')).toBe('allowed');
    // People's identities are the matcher's: the admin asks it over HTTP, audited, never reads them here.
    expect(await attempt(admin, 'SELECT count(*) FROM person_record')).toBe('42501');
    expect(await attempt(admin, 'SELECT count(*) FROM intake_event')).toBe('42501');
  });

  it('lets the admin add to the audit log and nobody change or delete it', async () => {
    const admin = await as('admin');
    expect(
      await attempt(
        admin,
        `INSERT INTO audit_log (username, role, action, target, detail, ip) VALUES ('admin', 'admin', 'test', 't', '{}', '127.0.0.1')`,
      ),
    ).toBe('allowed');
    expect(await attempt(admin, `UPDATE audit_log SET action = 'forged'`)).toBe('42501');
    expect(await attempt(admin, 'DELETE FROM audit_log')).toBe('42501');
    expect(await attempt(admin, 'TRUNCATE audit_log')).toBe('42501');
    for (const service of HUB_SERVICES.filter((s) => s !== 'admin')) {
      expect([
        service,
        await attempt(
          await as(service),
          `INSERT INTO audit_log (username, role, action, target, detail, ip) VALUES ('x', 'admin', 'forged', 't', '{}', '127.0.0.1')`,
        ),
      ]).toEqual([service, '42501']);
    }
  });

  it('gives the service roles no temporary tables, so nothing of theirs can stand in for a table the purge function names', async () => {
    for (const service of HUB_SERVICES)
      expect([service, await attempt(await as(service), 'CREATE TEMP TABLE intake_event (x int)')]).toEqual([
        service,
        '42501',
      ]);
  });

  it("keeps the event store and an alert's history append-only for the roles that write them", async () => {
    const intake = await as('intake');
    expect(await attempt(intake, 'UPDATE intake_event SET source = source')).toBe('42501');
    expect(await attempt(intake, 'DELETE FROM intake_event')).toBe('42501');
    // A person's purge is the one way events leave the store, through the owner's function: intake may call it, no other role.
    expect(
      await attempt(intake, `SELECT purge_intake_events(ARRAY['b1.nobody'], ARRAY[]::text[], ARRAY[]::text[])`),
    ).toBe('allowed');
    for (const service of HUB_SERVICES.filter((s) => s !== 'intake')) {
      expect([
        service,
        await attempt(
          await as(service),
          `SELECT purge_intake_events(ARRAY['b1.nobody'], ARRAY[]::text[], ARRAY[]::text[])`,
        ),
      ]).toEqual([service, '42501']);
    }
    const detector = await as('detector');
    // Marking a history row sent is the outbox's one change; any other column, or a delete, is refused.
    expect(await attempt(detector, 'UPDATE alert_history SET published_at = now() WHERE false')).toBe('allowed');
    expect(await attempt(detector, 'UPDATE alert_history SET change = change WHERE false')).toBe('42501');
    expect(await attempt(detector, 'DELETE FROM alert_history')).toBe('42501');
  });
  it('refuses a service a schema behind its version, naming the migrations it waits for (issue 13: migrations run as a job)', async () => {
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      const [newest] = (await owner.query('SELECT id, timestamp, name FROM migrations ORDER BY timestamp DESC LIMIT 1'))
        .rows as { id: number; timestamp: string; name: string }[];
      await owner.query('DELETE FROM migrations WHERE id = $1', [newest.id]);
      try {
        await expect(assertSchemaCurrent(databaseUrlAs(ownerUrl, 'intake', passwords.intake))).rejects.toThrow(
          new RegExp(`waiting for ${newest.name}\\).*hub-ops migrate`),
        );
      } finally {
        await owner.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [
          newest.id,
          newest.timestamp,
          newest.name,
        ]);
      }
    } finally {
      await owner.end();
    }
  });
});
