import { Client } from 'pg';
import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { freePort } from '@hub/persistence';
import { ROLES, Role } from '../../apps/admin/src/auth/roles';
import { SessionStore } from '../../apps/admin/src/auth/session-store';
import { UsersService } from '../../apps/admin/src/users/users.service';
import { ConsoleClient, RunningAdmin, startAdmin } from '../support/admin-app';
import { DeclaredRoute, concretePath, expressRoutes, nestRoutes } from '../support/admin-routes';
import { freshDatabase, uniqueName, waitUntil } from '../support/e2e-env';
import { exited, spawnService } from '../support/service-process';
import { asHubService } from '../support/service-token';
import { request as httpRequest } from 'node:http';

/**
 * The admin service's access control against the real PostgreSQL: every route walked with every role,
 * a user still holding a one-time password, and no session; log-in, log-out, expiry and lock-out on a
 * clock the test moves; the users and audit APIs; the reviewer's unmask with its audit row; the audit
 * log refusing changes; OpenAPI and metrics.
 */
describe('admin access end to end', () => {
  const ADMIN_PASSWORD = 'first admin password 2026';
  const PASSWORD = 'a good password for tests';
  let admin: RunningAdmin;
  let db: Client;
  let detector: Server;
  const detectorPersons = new Map<string, unknown>();
  const matcherPersons = new Map<string, unknown>();
  /** user id by role, for sessions made directly in the walk */
  const userIds = {} as Record<Role | 'pending', string>;

  const client = () => new ConsoleClient(admin.url);
  const loggedIn = async (username: string, password = PASSWORD) => {
    const c = client();
    const r = await c.login(username, password);
    expect(r.status).toBe(200);
    return c;
  };
  const auditRows = async (where: string, params: unknown[] = []) =>
    (
      await db.query(
        `SELECT username, role, action, target, detail, ip FROM audit_log WHERE ${where} ORDER BY seq`,
        params,
      )
    ).rows;

  /** A user of the role, with a password of the test's choosing and nothing pending. */
  const createUser = async (username: string, role: Role, department?: string) => {
    const users = admin.app.get(UsersService);
    const { user, temporaryPassword } = await users.create(
      { username, displayName: `测试 ${role}`, role, department },
      { username: 'test', role: null, ip: null },
    );
    const c = client();
    expect((await c.login(username, temporaryPassword)).body.mustChangePassword).toBe(true);
    expect(
      (await c.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: PASSWORD })).status,
    ).toBe(200);
    return (await db.query('SELECT id::text AS id FROM admin_user WHERE username = $1', [user.username])).rows[0]
      .id as string;
  };

  beforeAll(async () => {
    // Stands in for the detector (accounts) and the matcher (reviews: none, every id unknown); like them, it
    // answers only calls with the service token (issue 12), so every call of the admin below shows it presents it.
    detector = createServer((req, res) => {
      if (req.headers.authorization !== asHubService().authorization) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 401, message: 'this route needs the service token' }));
        return;
      }
      const id = decodeURIComponent(/^\/(?:accounts\/)?persons\/([^/]+)$/.exec(req.url ?? '')?.[1] ?? '');
      const person = (req.url?.startsWith('/accounts/') ? detectorPersons : matcherPersons).get(id);
      res.writeHead(person ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(person ?? { statusCode: 404, message: 'no person' }));
    });
    await new Promise<void>((resolve) => detector.listen(0, '127.0.0.1', resolve));
    const url = await freshDatabase('admin_access');
    db = new Client({ connectionString: url });
    await db.connect();
    admin = await startAdmin({
      DATABASE_URL: url,
      ADMIN_INITIAL_PASSWORD: ADMIN_PASSWORD,
      DETECTOR_URL: `http://127.0.0.1:${(detector.address() as AddressInfo).port}`,
      MATCHER_URL: `http://127.0.0.1:${(detector.address() as AddressInfo).port}`,
    });
    // The first admin (first start) changes the one-time password, as anyone must.
    const first = client();
    expect((await first.login('admin', ADMIN_PASSWORD)).body).toEqual({
      username: 'admin',
      role: 'admin',
      department: null,
      mustChangePassword: true,
    });
    expect(
      (await first.post('/api/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword: PASSWORD })).status,
    ).toBe(200);
    userIds.admin = (await db.query(`SELECT id::text AS id FROM admin_user WHERE username = 'admin'`)).rows[0].id;
    userIds.reviewer = await createUser('walk.reviewer', 'reviewer');
    userIds.auditor = await createUser('walk.auditor', 'auditor');
    userIds.department = await createUser('walk.health', 'department', 'health');
    const pending = await admin.app
      .get(UsersService)
      .create(
        { username: 'walk.pending', displayName: '待改密', role: 'admin' },
        { username: 'test', role: null, ip: null },
      );
    userIds.pending = (
      await db.query('SELECT id::text AS id FROM admin_user WHERE username = $1', [pending.user.username])
    ).rows[0].id;
  });

  afterAll(async () => {
    await admin?.app.close();
    await db?.end();
    await new Promise((resolve) => detector?.close(resolve));
  });

  describe('every route with every role', () => {
    let routes: DeclaredRoute[];
    beforeAll(() => {
      routes = nestRoutes(admin.app);
    });

    it('finds the routes through Nest, and Express serves no other route but the public Swagger UI and document', async () => {
      expect(routes.length).toBeGreaterThanOrEqual(12);
      const nest = new Set(routes.map((r) => `${r.method} ${r.path}`));
      const others = expressRoutes(admin.app).filter((r) => !nest.has(`${r.method} ${r.path}`));
      expect(others.map((r) => `${r.method} ${r.path}`)).toEqual(
        expect.arrayContaining(['GET /api/docs', 'GET /api/docs-json']),
      );
      // Routes outside Nest pass no guard: only the Swagger UI's may be there, and they hold no data.
      expect(others.filter((r) => r.method !== 'GET' || !/^\/api\/docs(-json|\/.*)?$/.test(r.path))).toEqual([]);
      const refused: string[] = [];
      for (const r of others) {
        const status = (await client().get(r.path)).status;
        if (status === 401 || status === 403) refused.push(`${r.path}: ${status}`);
      }
      expect(refused).toEqual([]);
    });

    it('has every route declare who may call it (public or roles), and the policy of issue 5 holds', () => {
      const undeclared = routes.filter((r) => !r.access.public && !r.access.roles?.length);
      expect(undeclared.map((r) => r.handler)).toEqual([]);
      const roles = (method: string, path: string) =>
        routes.find((r) => r.method === method && r.path === path)?.access;
      // Reviewers work with people; erasing one (a purge where the law requires it, issue 12) is the administrators'.
      for (const r of routes.filter((x) => x.path.startsWith('/api/people')))
        expect([r.path, r.access.roles]).toEqual([r.path, r.path.endsWith('/purge') ? ['admin'] : ['reviewer']]);
      expect(
        routes
          .filter((x) => x.path.startsWith('/api/people'))
          .map((r) => `${r.method} ${r.path}`)
          .sort(),
      ).toEqual([
        'GET /api/people',
        'GET /api/people/:personId',
        'POST /api/people/:personId/purge',
        'POST /api/people/:personId/unmask',
      ]);
      expect([...(roles('GET', '/api/audit')?.roles ?? [])].sort()).toEqual(['admin', 'auditor']);
      expect([...(roles('GET', '/api/regions')?.roles ?? [])].sort()).toEqual([
        'admin',
        'auditor',
        'department',
        'reviewer',
      ]);
      for (const r of routes.filter((x) => x.path.startsWith('/api/users'))) expect(r.access.roles).toEqual(['admin']);
      // Feeds, the topic browser and dead letters: integration admins, and a department for its own.
      const feedRoutes = routes.filter((x) => /^\/api\/(feeds|topics|dead-letters)(\/|$)/.test(x.path));
      expect(feedRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
        'GET /api/dead-letters',
        'GET /api/dead-letters/:id',
        'GET /api/dead-letters/counts',
        'GET /api/feeds',
        'GET /api/topics',
        'GET /api/topics/:topic/partitions/:partition/messages/:offset',
        'POST /api/dead-letters/:id/replay',
        'POST /api/dead-letters/replay',
      ]);
      for (const r of feedRoutes) expect([...(r.access.roles ?? [])].sort()).toEqual(['admin', 'department']);
      // Match review: reviewers only.
      const reviewRoutes = routes.filter((x) => /^\/api\/(reviews|records)(\/|$)/.test(x.path));
      expect(reviewRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
        'GET /api/reviews',
        'GET /api/reviews/:reviewId',
        'POST /api/records/link',
        'POST /api/records/split',
        'POST /api/records/unlink',
        'POST /api/reviews/:reviewId/decision',
        'POST /api/reviews/:reviewId/unmask',
      ]);
      for (const r of reviewRoutes) expect(r.access.roles).toEqual(['reviewer']);
      // Alerts: read by reviewers, admins and auditors; dismissed by reviewers only.
      const alertRoutes = routes.filter((x) => x.path.startsWith('/api/alerts'));
      expect(alertRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
        'GET /api/alerts',
        'GET /api/alerts/:alertId',
        'GET /api/alerts/count',
        'GET /api/alerts/export.csv',
        'GET /api/alerts/rules',
        'POST /api/alerts/:alertId/dismiss',
      ]);
      for (const r of alertRoutes)
        expect([...(r.access.roles ?? [])].sort()).toEqual(
          r.method === 'POST' ? ['reviewer'] : ['admin', 'auditor', 'reviewer'],
        );
      // 追回 cases: read like alerts; waived by reviewers only.
      const recoveryRoutes = routes.filter((x) => x.path.startsWith('/api/recovery'));
      expect(recoveryRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
        'GET /api/recovery/cases',
        'GET /api/recovery/cases/:caseId',
        'GET /api/recovery/cases/count',
        'GET /api/recovery/summary',
        'POST /api/recovery/cases/:caseId/waive',
      ]);
      for (const r of recoveryRoutes)
        expect([...(r.access.roles ?? [])].sort()).toEqual(
          r.method === 'POST' ? ['reviewer'] : ['admin', 'auditor', 'reviewer'],
        );
      expect(
        routes
          .filter((r) => r.access.public)
          .map((r) => `${r.method} ${r.path}`)
          .sort(),
      ).toEqual(['GET /health', 'GET /metrics', 'GET /ready', 'POST /api/auth/login']);
    });

    it('lists every route in the OpenAPI document with the same roles', async () => {
      const doc = (await client().get('/api/docs-json')).body;
      expect(doc.components.securitySchemes.hub_session).toMatchObject({
        type: 'apiKey',
        in: 'cookie',
        name: 'hub_session',
      });
      for (const r of routes) {
        const operation = doc.paths[r.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
        expect({ route: `${r.method} ${r.path}`, found: !!operation }).toEqual({
          route: `${r.method} ${r.path}`,
          found: true,
        });
        if (r.access.public) expect(operation['x-public']).toBe(true);
        else {
          expect(operation['x-roles']).toEqual(r.access.roles);
          expect(operation.security).toEqual([{ hub_session: [] }]);
        }
      }
    });

    it('answers each caller as the route declares: allowed is neither 401 nor 403, refused is 403, no session is 401', async () => {
      const sessions = admin.app.get(SessionStore);
      const callers: (Role | 'pending' | 'anonymous')[] = [...ROLES, 'pending', 'anonymous'];
      const outcomes: string[] = [];
      const wrong: string[] = [];
      for (const route of routes) {
        for (const caller of callers) {
          const c = client();
          // A fresh session per call: a walked log-out or password change must not spoil the next call.
          if (caller !== 'anonymous') c.cookie = `hub_session=${(await sessions.create(userIds[caller])).token}`;
          const status = (
            await c.request(route.method, concretePath(route.path), route.method === 'GET' ? undefined : {})
          ).status;
          const role: Role | undefined = caller === 'pending' ? 'admin' : caller === 'anonymous' ? undefined : caller;
          const expected = route.access.public
            ? 'allowed'
            : !role
              ? 401
              : !route.access.roles?.includes(role)
                ? 403
                : caller === 'pending' && !route.access.allowPendingPasswordChange
                  ? 403
                  : 'allowed';
          const ok = expected === 'allowed' ? status !== 401 && status !== 403 : status === expected;
          outcomes.push(`${route.method} ${route.path} ${caller}: ${status}`);
          if (!ok) wrong.push(`${route.method} ${route.path} as ${caller}: expected ${expected}, got ${status}`);
        }
      }
      expect(wrong).toEqual([]);
      // Allowed calls with made-up parameters and empty bodies get 4xx answers, never a crash.
      expect(outcomes.filter((o) => /: 5\d\d$/.test(o))).toEqual([]);
      expect(outcomes.length).toBe(routes.length * callers.length);
      // The Swagger UI and document are public too.
      expect((await client().get('/api/docs')).status).toBe(200);
      expect((await client().get('/api/docs-json')).status).toBe(200);
    });

    it('audits refusals of signed-in users', async () => {
      const rows = await auditRows(
        `action = 'access.refused' AND username = 'walk.auditor' AND target = 'GET /api/users'`,
      );
      expect(rows[0]).toMatchObject({ role: 'auditor', detail: { code: 'ROLE_NOT_ALLOWED' } });
    });
  });

  describe('log-in, log-out and sessions', () => {
    it('logs in with an HttpOnly SameSite=Strict cookie, knows the user, and logs out', async () => {
      const c = client();
      const login = await c.login('walk.health', PASSWORD);
      expect(login.body).toEqual({
        username: 'walk.health',
        role: 'department',
        department: 'health',
        mustChangePassword: false,
      });
      const cookie = login.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^hub_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
      expect((await c.get('/api/auth/me')).body).toMatchObject({ username: 'walk.health', department: 'health' });
      const kept = c.cookie;
      expect((await c.post('/api/auth/logout')).status).toBe(204);
      expect(c.cookie).toBeUndefined();
      c.cookie = kept;
      expect((await c.get('/api/auth/me')).status).toBe(401);
      const token = kept!.split('=')[1];
      // Only a hash of the token is stored.
      expect(
        (
          await db.query(`SELECT count(*)::int AS n FROM admin_session WHERE encode(token_hash, 'escape') LIKE $1`, [
            `%${token}%`,
          ])
        ).rows[0].n,
      ).toBe(0);
      expect(await auditRows(`action IN ('auth.login', 'auth.logout') AND username = 'walk.health'`)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'auth.login', ip: expect.stringMatching(/127\.0\.0\.1/) }),
          expect.objectContaining({ action: 'auth.logout' }),
        ]),
      );
    });

    it('ends a session after the idle time, slides it on each request, and caps it after log-in', async () => {
      const c = await loggedIn('walk.reviewer');
      admin.clock.advanceMinutes(59);
      expect((await c.get('/api/auth/me')).status).toBe(200);
      admin.clock.advanceMinutes(59);
      expect((await c.get('/api/auth/me')).status).toBe(200);
      admin.clock.advanceMinutes(61);
      expect((await c.get('/api/auth/me')).status).toBe(401);

      const busy = await loggedIn('walk.reviewer');
      for (let minutes = 0; minutes < 12 * 60 - 30; minutes += 30) {
        admin.clock.advanceMinutes(30);
        expect((await busy.get('/api/auth/me')).status).toBe(200);
      }
      admin.clock.advanceMinutes(31);
      expect((await busy.get('/api/auth/me')).status).toBe(401);
    });

    it('refuses a wrong password or an unknown user with one answer, and audits both', async () => {
      const wrong = await client().login('walk.auditor', 'not the password at all');
      const unknown = await client().login('nobody.here', 'not the password at all');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(unknown.body.message).toBe(wrong.body.message);
      expect(wrong.headers.get('set-cookie')).toBeNull();
      expect(
        (await auditRows(`action = 'auth.login.failed' AND username IN ('walk.auditor', 'nobody.here')`)).map((r) => [
          r.username,
          r.detail.reason,
        ]),
      ).toEqual([
        ['walk.auditor', 'wrong-password'],
        ['nobody.here', 'unknown-user'],
      ]);
    });

    it('locks a user name out after 5 failed log-ins in 15 minutes, also for the right password, until the window passes', async () => {
      await createUser('lock.me', 'auditor');
      for (let i = 0; i < 5; i++) expect((await client().login('lock.me', `wrong password ${i}`)).status).toBe(401);
      const locked = await client().login('lock.me', PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'LOCKED_OUT', retryAfterSeconds: expect.any(Number) });
      expect((await auditRows(`action = 'auth.login.locked' AND username = 'lock.me'`)).length).toBe(1);
      admin.clock.advanceMinutes(16);
      expect((await client().login('lock.me', PASSWORD)).status).toBe(200);
      // A success clears the count: four failures now do not lock.
      for (let i = 0; i < 4; i++) await client().login('lock.me', `wrong again ${i}`);
      expect((await client().login('lock.me', PASSWORD)).status).toBe(200);
    });

    it('locks an address out across user names, counting parallel guesses exactly, and turns a flood away before scrypt (issue 12)', async () => {
      // An admin of its own on the same database, strict enough to see the limits with a few requests. Same topics
      // (a new namespace's just-created topics can answer 'not hosted here' for a while), a dead-letter group of its own.
      const namespace = admin.settings.TOPIC_NAMESPACE;
      const strict = await startAdmin({
        DATABASE_URL: admin.settings.DATABASE_URL,
        TOPIC_NAMESPACE: namespace,
        ADMIN_DEAD_LETTER_GROUP_ID: `${namespace}admin.dead-letters.strict`,
        ADMIN_LOCKOUT_ADDRESS_FAILURES: '6',
        ADMIN_PASSWORD_CHECKS_AT_ONCE: '1',
      });
      try {
        const port = Number(new URL(strict.url).port);
        // Other loopback addresses stand for other machines (Linux answers all of 127/8 on lo).
        const loginFrom = (address: string, username: string, password: string) =>
          new Promise<number>((resolve, reject) => {
            const body = JSON.stringify({ username, password });
            const req = httpRequest(
              {
                host: '127.0.0.1',
                port,
                localAddress: address,
                method: 'POST',
                path: '/api/auth/login',
                headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
              },
              (res) => {
                res.resume();
                res.on('end', () => resolve(res.statusCode ?? 0));
              },
            );
            req.on('error', reject);
            req.end(body);
          });
        const guesses = (address: string, n: number, prefix: string) =>
          Promise.all(Array.from({ length: n }, (_, i) => loginFrom(address, `${prefix}.${i}`, 'guess guess guess')));
        expect(await guesses('127.0.0.2', 5, 'spray.a')).toEqual([401, 401, 401, 401, 401]);
        // Three at once where one failure is left before the lock-out: exactly one is checked, two are refused.
        expect((await guesses('127.0.0.2', 3, 'spray.b')).sort()).toEqual([401, 429, 429]);
        expect(await loginFrom('127.0.0.2', 'walk.reviewer', PASSWORD)).toBe(429); // the right password, from the locked address
        expect(await loginFrom('127.0.0.4', 'walk.reviewer', PASSWORD)).toBe(200); // another address is not locked
        const failedFrom = async (ip: string) =>
          Number(
            (await db.query(`SELECT count(*) FROM audit_log WHERE action = 'auth.login.failed' AND ip = $1`, [ip]))
              .rows[0].count,
          );
        expect(await failedFrom('127.0.0.2')).toBe(6);
        // A flood from a third address: one attempt at a time and four in line; the rest are turned away at once,
        // never checked and never counted.
        const flood = await guesses('127.0.0.3', 16, 'flood');
        const busy = flood.filter((s) => s === 503).length;
        expect(flood.every((s) => s === 401 || s === 503)).toBe(true);
        expect(busy).toBeGreaterThan(0);
        expect(await failedFrom('127.0.0.3')).toBe(flood.length - busy);
      } finally {
        await strict.app.close();
      }
    });

    it('changes a password: the current one is checked, weak ones refused, other sessions end', async () => {
      await createUser('change.me', 'reviewer');
      const here = await loggedIn('change.me');
      const elsewhere = await loggedIn('change.me');
      expect(
        (
          await here.post('/api/auth/password', {
            currentPassword: 'wrong wrong wrong',
            newPassword: 'another good password',
          })
        ).body.code,
      ).toBe('WRONG_PASSWORD');
      expect(
        (await here.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' })).body.code,
      ).toBe('WEAK_PASSWORD');
      expect(
        (await here.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another good password' }))
          .status,
      ).toBe(200);
      expect((await here.get('/api/auth/me')).status).toBe(200);
      expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
      expect((await client().login('change.me', PASSWORD)).status).toBe(401);
      expect((await client().login('change.me', 'another good password')).status).toBe(200);
      const stored = (await db.query(`SELECT password_hash FROM admin_user WHERE username = 'change.me'`)).rows[0]
        .password_hash;
      expect(stored).toMatch(/^scrypt\$/);
      expect(stored).not.toContain('another good password');
    });
  });

  describe('users API', () => {
    it('creates users with one-time passwords, disables, enables and resets them', async () => {
      const a = await loggedIn('admin');
      expect(
        (await a.post('/api/users', { username: 'dept.nodept', displayName: '无部门', role: 'department' })).status,
      ).toBe(400);
      expect(
        (await a.post('/api/users', { username: 'rev.dept', displayName: 'x', role: 'reviewer', department: 'health' }))
          .status,
      ).toBe(400);
      expect((await a.post('/api/users', { username: 'Bad Name', displayName: 'x', role: 'reviewer' })).status).toBe(
        400,
      );
      const created = await a.post('/api/users', {
        username: 'housing.clerk',
        displayName: '住建 经办',
        role: 'department',
        department: 'housing',
      });
      expect(created.status).toBe(201);
      expect(created.body.user).toMatchObject({
        username: 'housing.clerk',
        role: 'department',
        department: 'housing',
        mustChangePassword: true,
        disabled: false,
      });
      expect(created.body.user.passwordHash).toBeUndefined();
      expect(
        (await a.post('/api/users', { username: 'housing.clerk', displayName: 'again', role: 'auditor' })).status,
      ).toBe(409);

      const clerk = client();
      expect((await clerk.login('housing.clerk', created.body.temporaryPassword)).body.mustChangePassword).toBe(true);
      expect((await a.post('/api/users/housing.clerk/disable')).body.disabled).toBe(true);
      expect((await clerk.get('/api/auth/me')).status).toBe(401);
      expect((await client().login('housing.clerk', created.body.temporaryPassword)).status).toBe(401);
      expect((await a.post('/api/users/housing.clerk/enable')).body.disabled).toBe(false);
      const reset = await a.post('/api/users/housing.clerk/password-reset');
      expect((await client().login('housing.clerk', created.body.temporaryPassword)).status).toBe(401);
      expect((await client().login('housing.clerk', reset.body.temporaryPassword)).status).toBe(200);
      expect((await a.post('/api/users/nobody/disable')).status).toBe(404);

      const list = (await a.get('/api/users')).body as { username: string }[];
      expect(list.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'housing.clerk', 'walk.health']));
      expect(JSON.stringify(list)).not.toContain('scrypt');
      expect((await auditRows(`target = 'housing.clerk' AND username = 'admin'`)).map((r) => r.action)).toEqual([
        'user.created',
        'user.disabled',
        'user.enabled',
        'user.password.reset',
      ]);
    });

    it('refuses to disable the last enabled admin', async () => {
      const a = await loggedIn('admin');
      // walk.pending is an admin too: disable it first, then admin is the last one.
      expect((await a.post('/api/users/walk.pending/disable')).status).toBe(200);
      expect((await a.post('/api/users/admin/disable')).status).toBe(409);
      expect((await a.post('/api/users/walk.pending/enable')).status).toBe(200);
    });
  });

  describe('audit log', () => {
    it('is read by auditors a page at a time, filtered by user, action and time', async () => {
      const auditor = await loggedIn('walk.auditor');
      const all = await auditor.get('/api/audit?limit=3');
      expect(all.status).toBe(200);
      expect(all.body.entries).toHaveLength(3);
      const seqs = all.body.entries.map((e: { seq: string }) => Number(e.seq));
      expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
      const next = await auditor.get(`/api/audit?limit=3&beforeSeq=${all.body.nextBeforeSeq}`);
      expect(Number(next.body.entries[0].seq)).toBeLessThan(seqs[2]);

      const failed = await auditor.get('/api/audit?action=auth.login.failed&username=walk.auditor');
      expect(failed.body.entries.length).toBeGreaterThan(0);
      expect(
        failed.body.entries.every(
          (e: { action: string; username: string }) =>
            e.action === 'auth.login.failed' && e.username === 'walk.auditor',
        ),
      ).toBe(true);
      const future = new Date(admin.clock.now().getTime() + 3600_000).toISOString();
      expect((await auditor.get(`/api/audit?from=${encodeURIComponent(future)}`)).body).toEqual({
        entries: [],
        nextBeforeSeq: null,
      });
      expect((await auditor.get('/api/audit?from=yesterday')).status).toBe(400);
      expect((await auditor.get('/api/audit?action=made.up')).status).toBe(400);
    });

    it('refuses UPDATE, DELETE and TRUNCATE, even to the database owner', async () => {
      await expect(db.query(`UPDATE audit_log SET username = 'someone else'`)).rejects.toThrow(
        /append-only: UPDATE refused/,
      );
      await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only: DELETE refused/);
      await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only: TRUNCATE refused/);
      expect((await db.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n).toBeGreaterThan(10);
    });
  });

  describe('unmask', () => {
    it("records the reviewer's reason before showing the person's records unmasked", async () => {
      const record = {
        source: '/330502/civil-affairs/dibao',
        sourcePersonId: 'MZ-1',
        personId: 'P-0001',
        name: '王小明',
        idNumber: '330502198001011234',
        birthDate: '1980-01-01',
        gender: 'M',
        phone: null,
        region: '330502',
        decision: 'NEW',
        manual: false,
      };
      matcherPersons.set('P-0001', { personId: 'P-0001', householdId: 'H-1', mergedIds: [], records: [record] });
      const reviewer = await loggedIn('walk.reviewer');
      const look = await reviewer.post('/api/people/P-0001/unmask', { reason: '核对重复救助预警 A-1' });
      expect(look.status).toBe(200);
      expect(look.body).toMatchObject({
        personId: 'P-0001',
        householdId: 'H-1',
        records: [{ name: '王小明', idNumber: '330502198001011234' }],
        unmasked: true,
      });
      // Without the unmask, the same person reads masked.
      const view = await reviewer.get('/api/people/P-0001');
      expect(view.body.person.records[0]).toMatchObject({
        name: '王*明',
        idNumber: '330502********1234',
        birthDate: '1980-**-**',
      });
      const [row] = await auditRows(`seq = $1`, [look.body.auditSeq]);
      expect(row).toMatchObject({
        username: 'walk.reviewer',
        role: 'reviewer',
        action: 'person.unmasked',
        target: 'P-0001',
        detail: { reason: '核对重复救助预警 A-1' },
      });

      expect((await reviewer.post('/api/people/P-none/unmask', { reason: 'looking for nobody' })).status).toBe(404);
      expect((await auditRows(`action = 'person.unmasked' AND target = 'P-none'`)).length).toBe(1);

      expect((await reviewer.post('/api/people/P-0001/unmask', {})).status).toBe(400);
      expect((await reviewer.post('/api/people/P-0001/unmask', { reason: 'ok' })).status).toBe(400);
      expect((await auditRows(`action = 'person.unmasked' AND target = 'P-0001'`)).length).toBe(1);
      expect(
        (await (await loggedIn('admin')).post('/api/people/P-0001/unmask', { reason: 'an admin is no reviewer' }))
          .status,
      ).toBe(403);
    });
  });

  describe('browser protections (issue 12)', () => {
    const raw = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
      fetch(`${admin.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
      });

    it('serves the console and the API with a strict content policy, never to be framed', async () => {
      for (const path of ['/console/', '/console/app.js', '/api/auth/me', '/api/docs/']) {
        const response = await raw('GET', path, {});
        const policy = response.headers.get('content-security-policy') ?? '';
        expect(`${path} ${policy.includes("frame-ancestors 'none'")} ${policy.includes("script-src 'self';")}`).toBe(
          `${path} true true`,
        );
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('strict-transport-security')).toBeNull(); // development mode: no TLS
      }
    });

    it("refuses a state change from another site's page, takes it from the console's own origin", async () => {
      const evil = await raw(
        'POST',
        '/api/auth/login',
        { origin: 'https://evil.example' },
        { username: 'admin', password: PASSWORD },
      );
      expect(evil.status).toBe(403);
      expect(await evil.json()).toMatchObject({ code: 'ORIGIN_REFUSED' });
      const reviewer = await loggedIn('walk.reviewer');
      const crossSite = await raw('POST', '/api/auth/logout', {
        origin: 'http://127.0.0.1:1',
        cookie: reviewer.cookie!,
      });
      expect(crossSite.status).toBe(403);
      expect((await reviewer.get('/api/auth/me')).status).toBe(200); // still logged in: the change never ran
      const own = await raw('POST', '/api/auth/logout', { origin: admin.url, cookie: reviewer.cookie! });
      expect(own.status).toBe(204);
      // Reading is not a state change: another site's GET gets its answer (the cookie is SameSite=Strict besides).
      expect((await raw('GET', '/health', { origin: 'https://evil.example' })).status).toBe(200);
    });
  });

  describe('behind an ingress that ends TLS (issue 13: ADMIN_TRUST_PROXY_HOPS)', () => {
    it("takes the user's address and https from the proxy's headers only when told to believe it", async () => {
      const namespace = admin.settings.TOPIC_NAMESPACE;
      const behindProxy = await startAdmin({
        DATABASE_URL: admin.settings.DATABASE_URL,
        TOPIC_NAMESPACE: namespace,
        ADMIN_DEAD_LETTER_GROUP_ID: `${namespace}admin.dead-letters.proxied`,
        ADMIN_TRUST_PROXY_HOPS: '1',
      });
      // fetch keeps Host as the URL's: the browser's origin is that host over https (TLS ended at the proxy).
      const login = (base: string, headers: Record<string, string>) =>
        fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: `https://${new URL(base).host}`,
            'x-forwarded-proto': 'https',
            ...headers,
          },
          body: JSON.stringify({ username: 'proxied.user', password: 'not the password' }),
        });
      try {
        // The browser's origin is https (TLS ended at the ingress): the console's own, so the login is judged (401).
        expect((await login(behindProxy.url, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(401);
        expect(
          (await auditRows(`action = 'auth.login.failed' AND username = 'proxied.user'`)).map((r) => r.ip),
        ).toEqual(['203.0.113.7']);
        // Without the setting the same request is a cross-site one (http://… is the console's origin) and refused.
        expect((await login(admin.url, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(403);
      } finally {
        await behindProxy.app.close();
      }
    });
  });

  describe('health, readiness and metrics', () => {
    it('answers health and readiness, and counts requests by route pattern', async () => {
      expect((await client().get('/health')).body).toMatchObject({ status: 'ok' });
      expect((await client().get('/ready')).body).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up' }, deadLetterConsumer: { status: 'up' } },
      });
      const metrics = await client().get('/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.body).toContain('process_cpu_seconds_total');
      expect(metrics.body).toMatch(
        /admin_http_requests_total\{method="POST",route="\/api\/users\/:username\/disable",status="200",service="admin"\} \d+/,
      );
      expect(metrics.body).toMatch(
        /admin_http_requests_total\{method="GET",route="\/api\/users",status="403",service="admin"\} \d+/,
      );
      expect(metrics.body).not.toContain('housing.clerk');
    });
  });

  describe('first start (main.ts as its own process)', () => {
    const logDir = process.env.ASSIST_HUB_LOG_DIR ?? path.resolve(__dirname, '../../.run/logs');
    const started: ChildProcess[] = [];

    /** Starts apps/admin/src/main.ts; resolves once it is ready or has exited. */
    const start = async (database: string, env: Record<string, string>) => {
      const port = await freePort();
      const logName = uniqueName('admin-first-start');
      // Its own topic namespace and dead-letter group: the shared broker's other topics are not its business.
      const namespace = `${logName}.`;
      const child = spawnService(
        'admin',
        {
          DATABASE_URL: database,
          ADMIN_HTTP_PORT: String(port),
          LOG_LEVEL: 'log',
          TOPIC_NAMESPACE: namespace,
          ADMIN_DEAD_LETTER_GROUP_ID: `${namespace}admin.dead-letters`,
          ...env,
        },
        logName,
      );
      started.push(child);
      const logFile = path.join(logDir, `${logName}.log`);
      const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
      await waitUntil(
        'the admin service ready or stopped',
        async () => {
          if (child.exitCode !== null) return true;
          return fetch(`http://127.0.0.1:${port}/ready`).then(
            (r) => r.ok,
            () => false,
          );
        },
        60_000,
      );
      return { child, url: `http://127.0.0.1:${port}`, log };
    };
    const stop = async (child: ChildProcess) => {
      child.kill('SIGTERM');
      await exited(child);
    };

    afterAll(async () => {
      for (const child of started) if (child.exitCode === null && child.signalCode === null) await stop(child);
    });

    it('development: prints a random password once; it works only to change it', async () => {
      const database = await freshDatabase('admin_first_dev');
      const first = await start(database, { ADMIN_MODE: 'development' });
      const printed = /first start: log in as admin with password (\S+) \(.*\), you must change it/.exec(first.log());
      expect(printed).not.toBeNull();
      const password = printed![1];
      expect(password).toHaveLength(24);
      const c = new ConsoleClient(first.url);
      expect((await c.login('admin', password)).body).toMatchObject({ role: 'admin', mustChangePassword: true });
      expect((await c.get('/api/users')).body).toMatchObject({ statusCode: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
      expect((await c.post('/api/auth/password', { currentPassword: password, newPassword: PASSWORD })).status).toBe(
        200,
      );
      expect((await c.get('/api/users')).status).toBe(200);
      await stop(first.child);

      // Second start: the admin exists, nothing is created or printed, the printed password is dead.
      const second = await start(database, { ADMIN_MODE: 'development' });
      expect(second.log()).not.toContain('first start');
      expect(second.log()).toContain('admin up');
      expect((await new ConsoleClient(second.url).login('admin', password)).status).toBe(401);
      expect((await new ConsoleClient(second.url).login('admin', PASSWORD)).status).toBe(200);
      await stop(second.child);
      const check = new Client({ connectionString: database });
      await check.connect();
      try {
        expect((await check.query(`SELECT count(*)::int AS n FROM admin_user`)).rows[0].n).toBe(1);
        expect(
          (await check.query(`SELECT action, username, target FROM audit_log WHERE action = 'user.created'`)).rows,
        ).toEqual([{ action: 'user.created', username: 'system', target: 'admin' }]);
      } finally {
        await check.end();
      }
    });

    it('production: refuses to start without ADMIN_INITIAL_PASSWORD, naming it', async () => {
      const database = await freshDatabase('admin_first_prod_none');
      const run = await start(database, { ADMIN_MODE: 'production' });
      expect(run.child.exitCode).toBe(1);
      expect(run.log()).toMatch(/admin failed to start: ADMIN_INITIAL_PASSWORD must be set in production mode/);
      const check = new Client({ connectionString: database });
      await check.connect();
      try {
        expect((await check.query(`SELECT count(*)::int AS n FROM admin_user`)).rows[0].n).toBe(0);
      } finally {
        await check.end();
      }
    });

    it('production: takes the first password from ADMIN_INITIAL_PASSWORD, never prints it, and makes it change', async () => {
      const database = await freshDatabase('admin_first_prod');
      const initial = 'the initial production password';
      const run = await start(database, { ADMIN_MODE: 'production', ADMIN_INITIAL_PASSWORD: initial });
      expect(run.log()).toContain('first start: log in as admin with the password from ADMIN_INITIAL_PASSWORD');
      expect(run.log()).not.toContain(initial);
      const c = new ConsoleClient(run.url);
      const login = await c.login('admin', initial);
      expect(login.body).toMatchObject({ mustChangePassword: true });
      expect(login.headers.get('set-cookie')).toMatch(/; Secure$/);
      await stop(run.child);
    });
  });
});
