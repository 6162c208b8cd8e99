import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AddressInfo } from 'node:net';
import { loadConfig } from '@hub/config';
import { kafkaBrokers, uniqueName } from './e2e-env';
import { AdminModule, configureAdminApp } from '../../apps/admin/src/admin.module';
import { AdminSettings } from '../../apps/admin/src/admin.settings';
import { testServiceToken } from './service-token';
import { testDataKeys } from './data-keys';
import { AdminClock } from '../../apps/admin/src/clock';

/** A clock the test moves by hand: sessions expire and lock-outs end without waiting. */
export class ManualClock extends AdminClock {
  private at = Date.now();
  now(): Date {
    return new Date(this.at);
  }
  advanceMinutes(minutes: number): void {
    this.at += minutes * 60_000;
  }
}

export interface RunningAdmin {
  app: INestApplication;
  url: string;
  clock: ManualClock;
  settings: AdminSettings;
}

/**
 * The admin service in this process, built as main.ts builds it, listening on a free loopback port.
 * Its topics and consumer groups get a namespace of their own unless the test gives one.
 */
export async function startAdmin(env: Record<string, string>): Promise<RunningAdmin> {
  const namespace = env.TOPIC_NAMESPACE ?? `${uniqueName('admin')}.`;
  const settings = loadConfig(AdminSettings, {
    HUB_SERVICE_TOKEN: testServiceToken(),
    ...testDataKeys(),
    LOG_LEVEL: 'warn',
    ADMIN_HTTP_PORT: '0',
    KAFKA_BROKERS: kafkaBrokers().join(','),
    TOPIC_NAMESPACE: namespace,
    ADMIN_DEAD_LETTER_GROUP_ID: `${namespace}admin.dead-letters`,
    ADMIN_FEED_GROUPS: `${namespace}intake`,
    ...env,
  });
  const clock = new ManualClock();
  const moduleRef = await Test.createTestingModule({ imports: [AdminModule.forSettings(settings)] })
    .overrideProvider(AdminClock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureAdminApp(app);
  // A start that fails (a broker not ready) closes what it opened: a consumer left running keeps jest from exiting.
  await app.listen(0, '127.0.0.1').catch(async (e: unknown) => {
    await app.close().catch(() => undefined);
    throw e;
  });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, clock, settings };
}

/** An HTTP client that keeps one session cookie, like a browser tab of the console. */
export class ConsoleClient {
  cookie?: string;

  constructor(private readonly base: string) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = /=$/.test(pair) ? undefined : pair;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (metrics, Swagger UI): the text itself.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body: unknown = {}) => this.request('POST', path, body);

  async login(username: string, password: string) {
    return this.post('/api/auth/login', { username, password });
  }
}
