import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { Department } from '@hub/contract';
import { MessageBus } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { Role } from '../../apps/admin/src/auth/roles';
import { UsersService } from '../../apps/admin/src/users/users.service';
import { ConsoleClient, RunningAdmin, startAdmin } from './admin-app';
import { freshDatabase, intakeEnv, newBus, startDetector, startIntake, startMatcher, uniqueName } from './e2e-env';

export const CONSOLE_PASSWORD = 'a good password for the console';

/** Intake and the admin service on the real broker and database, in one topic namespace, as the console sees them. */
export interface ConsoleHub {
  namespace: string;
  database: string;
  db: Client;
  bus: MessageBus;
  topics: TopicNames;
  admin: RunningAdmin;
  intake: INestApplication;
  /** A user of the role whose password is CONSOLE_PASSWORD, nothing pending; returns a client logged in as it. */
  user(username: string, role: Role, department?: Department): Promise<ConsoleClient>;
  /** A user who still holds the one-time password it was created with; returns that password. */
  pendingUser(username: string, role: Role, department?: Department): Promise<string>;
  restartIntake(extra: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

/** An app of the hub listening on a free loopback port, for the admin service to call. */
async function listening(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

/**
 * `linking` adds the matcher and the detector (match review, alerts), each reachable by the admin over
 * HTTP as deployed; without it the admin's calls to them fail as they would with those services down.
 */
export async function startConsoleHub(
  label: string,
  intakeExtra: Record<string, string> = {},
  options: { linking?: boolean } = {},
): Promise<ConsoleHub> {
  const namespace = `${uniqueName(label)}.`;
  const database = await freshDatabase(label);
  const db = new Client({ connectionString: database });
  await db.connect();
  const bus = newBus(`${label}-test`);
  const topics = new TopicNames(namespace);
  let intake = await startIntake(intakeEnv(namespace, database, intakeExtra));
  const linking: INestApplication[] = [];
  const serviceUrls: Record<string, string> = {};
  if (options.linking) {
    const env = intakeEnv(namespace, database, { DETECTOR_IDLE_SPAN_SECONDS: '2' });
    linking.push(await startMatcher(env), await startDetector(env));
    serviceUrls.MATCHER_URL = await listening(linking[0]);
    serviceUrls.DETECTOR_URL = await listening(linking[1]);
    // A person's purge asks intake too.
    serviceUrls.INTAKE_URL = await listening(intake);
  }
  const admin = await startAdmin({
    ...serviceUrls,
    DATABASE_URL: database,
    TOPIC_NAMESPACE: namespace,
    ADMIN_DEAD_LETTER_GROUP_ID: `${namespace}admin.dead-letters`,
    ADMIN_FEED_GROUPS: `${namespace}intake`,
    ADMIN_FEED_SAMPLE_SECONDS: '1',
    ADMIN_INITIAL_PASSWORD: 'first admin password 2026',
  });
  const adminClient = new ConsoleClient(admin.url);
  await adminClient.login('admin', 'first admin password 2026');
  await adminClient.post('/api/auth/password', {
    currentPassword: 'first admin password 2026',
    newPassword: CONSOLE_PASSWORD,
  });
  return {
    namespace,
    database,
    db,
    bus,
    topics,
    admin,
    get intake() {
      return intake;
    },
    async user(username, role, department) {
      const c = new ConsoleClient(admin.url);
      if (username !== 'admin') {
        const { temporaryPassword } = await admin.app
          .get(UsersService)
          .create(
            { username, displayName: `测试 ${username}`, role, department },
            { username: 'test', role: null, ip: null },
          );
        await c.login(username, temporaryPassword);
        const changed = await c.post('/api/auth/password', {
          currentPassword: temporaryPassword,
          newPassword: CONSOLE_PASSWORD,
        });
        if (changed.status !== 200) throw new Error(`password change for ${username}: ${changed.status}`);
      } else {
        await c.login('admin', CONSOLE_PASSWORD);
      }
      return c;
    },
    async pendingUser(username, role, department) {
      return (
        await admin.app
          .get(UsersService)
          .create(
            { username, displayName: `测试 ${username}`, role, department },
            { username: 'test', role: null, ip: null },
          )
      ).temporaryPassword;
    },
    async restartIntake(extra) {
      await intake.close();
      intake = await startIntake(intakeEnv(namespace, database, extra));
    },
    async stop() {
      await admin.app.close();
      for (const app of linking.reverse()) await app.close();
      await intake.close();
      await bus.close();
      await db.end();
    },
  };
}
