import { INestApplication } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { databaseUrl, freePort, migrate } from '@hub/persistence';
import { brokerProcess } from '../../deploy/runtime/infrastructure';
import { processRuns } from '../../deploy/runtime/process-liveness';
import { nodeTs, portAnswers, serviceProcess } from '../../deploy/runtime/processes';
import { Supervisor } from '../../deploy/runtime/supervisor';
import { freshDatabase, intakeEnv, startIntake, uniqueName, waitUntil } from '../support/e2e-env';

/** A private broker for this suite (stopping the shared one would break other suites); the controller takes port + 1. */
const BROKER_PORT = Number(process.env.SUPERVISOR_TEST_BROKER_PORT ?? 19192);

async function status(url: string): Promise<number> {
  return (await fetch(url).catch(() => undefined))?.status ?? 0;
}

/**
 * deploy/runtime's supervisor with real processes: a private broker started through kafka.sh and the
 * intake service as its own process, both supervised; killed with SIGKILL, each is started again, and
 * intake's /ready follows the broker (503 while it is away, 200 once it is back) while /health stays
 * 200. Stopping the supervisor while the broker is down leaves no process behind.
 */
describe('supervisor: restarts, readiness and stop with the broker down', () => {
  let work = '';
  const lines: string[] = [];
  // Restarts after 3 s, then 6 s: long enough to see the broker away, short enough for the suite.
  const supervisor = new Supervisor({
    say: (m) => lines.push(m),
    stopGraceMs: 3_000,
    policy: { initialDelayMs: 3_000, maxDelayMs: 30_000, stableMs: 60_000 },
  });
  const seenPids = new Set<number>();
  let intakeUrl = '';

  const current = (name: string) => {
    const run = supervisor.current(name)!;
    if (run.pid) seenPids.add(run.pid);
    return run;
  };

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-supervisor-'));
    if (await portAnswers('127.0.0.1', BROKER_PORT))
      throw new Error(`port ${BROKER_PORT} is taken; set SUPERVISOR_TEST_BROKER_PORT`);
    const brokerEnv = {
      ...process.env,
      KAFKA_PORT: String(BROKER_PORT),
      KAFKA_DATA_DIR: path.join(work, 'kafka'),
      ASSIST_HUB_LOG_DIR: path.join(work, 'logs'),
      TOPIC_NAMESPACE: '',
    };
    await supervisor.add(brokerProcess(brokerEnv));
    current('kafka');
    const port = await freePort();
    intakeUrl = `http://127.0.0.1:${port}`;
    const namespace = `${uniqueName('supervised')}.`;
    const env = intakeEnv(namespace, await freshDatabase('supervised'), {
      KAFKA_BROKERS: `127.0.0.1:${BROKER_PORT}`,
      INTAKE_HTTP_PORT: String(port),
    });
    await supervisor.add(
      serviceProcess('intake', 'apps/intake/src/main.ts', { ...process.env, ...env }, path.join(work, 'logs')),
    );
    current('intake');
    await waitUntil('intake ready', async () => (await status(`${intakeUrl}/ready`)) === 200, 60_000);
  });

  afterAll(async () => {
    await supervisor.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('starts a service killed with SIGKILL again, and it gets ready', async () => {
    const first = current('intake');
    process.kill(first.pid!, 'SIGKILL');
    await first.exited;
    await waitUntil('intake started again', async () => supervisor.current('intake')!.pid !== first.pid, 10_000);
    const second = current('intake');
    expect(lines).toContain('intake exited with SIGKILL; restart 1 in 3 s');
    await waitUntil('intake ready again', async () => (await status(`${intakeUrl}/ready`)) === 200, 60_000);
    expect(processRuns(first.pid!)).toBe(false);
    expect(processRuns(second.pid!)).toBe(true);
    expect(supervisor.restartCounts()).toEqual({ kafka: 0, intake: 1 });
  });

  it('answers /ready 503 while the broker is away and 200 once the supervisor has it back; /health stays 200', async () => {
    const broker = current('kafka');
    const intakePid = current('intake').pid;
    process.kill(broker.pid!, 'SIGKILL');
    await broker.exited;
    await waitUntil('intake not ready', async () => (await status(`${intakeUrl}/ready`)) === 503, 10_000);
    const notReady = (await (await fetch(`${intakeUrl}/ready`)).json()) as {
      error: Record<string, { status: string }>;
    };
    expect(notReady.error.broker.status).toBe('down');
    expect(await status(`${intakeUrl}/health`)).toBe(200);
    await waitUntil('broker started again', async () => supervisor.current('kafka')!.pid !== broker.pid, 60_000);
    current('kafka');
    await waitUntil('intake ready again', async () => (await status(`${intakeUrl}/ready`)) === 200, 30_000);
    // Ready again without a restart of the service.
    expect(current('intake').pid).toBe(intakePid);
    expect(lines).toContain('kafka exited with an unknown status; restart 1 in 3 s');
    expect(supervisor.restartCounts()).toEqual({ kafka: 1, intake: 1 });
  });

  it('stops everything while the broker is down, with no restart and no process left', async () => {
    const broker = current('kafka');
    process.kill(broker.pid!, 'SIGKILL');
    await broker.exited;
    const exitedAt = Date.now();
    // The broker's restart is 6 s away; the service has been without it for a moment.
    await waitUntil('intake not ready', async () => (await status(`${intakeUrl}/ready`)) === 503, 5_000);
    const started = Date.now();
    await supervisor.stop();
    // Grace 3 s for the service, then SIGKILL; nothing else to wait for.
    expect(Date.now() - started).toBeLessThan(8_000);
    for (const pid of seenPids) expect([pid, processRuns(pid)]).toEqual([pid, false]);
    expect(supervisor.restartCounts()).toEqual({ kafka: 2, intake: 1 });
    // Past the moment the restart was due: it did not happen.
    await new Promise((r) => setTimeout(r, exitedAt + 7_000 - Date.now()));
    expect(await portAnswers('127.0.0.1', BROKER_PORT)).toBe(false);
    expect(lines.filter((l) => l.startsWith('kafka started again'))).toHaveLength(1);
  });
});

/**
 * The embedded PostgreSQL under the supervisor (in a process of its own, test/support/supervised-postgres.ts):
 * killed with SIGKILL, it is started again on the same port and data directory, and a service's /ready
 * says 503 meanwhile and 200 after, with no restart of the service (its connection pool reconnects).
 */
describe('supervisor: the embedded PostgreSQL killed and started again', () => {
  let work = '';
  const lines: string[] = [];
  let hub: ChildProcess;
  let intake: INestApplication | undefined;
  let url = '';
  let serverUrl = '';
  let firstPid = 0;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-supervisor-pg-'));
    // As root, PostgreSQL runs as an unprivileged account; a folder it can enter keeps its data here.
    fs.chmodSync(work, 0o755);
    const { command, args } = nodeTs('test/support/supervised-postgres.ts', [
      path.join(work, 'pg'),
      path.join(work, 'postgres.log'),
    ]);
    hub = spawn(command, args, {
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    hub.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const complete = buffered.split('\n');
      buffered = complete.pop()!;
      lines.push(...complete);
    });
    await waitUntil(
      'supervised PostgreSQL ready',
      async () => {
        if (hub.exitCode !== null) throw new Error(`the supervised PostgreSQL process exited with ${hub.exitCode}`);
        return lines.some((l) => l.startsWith('ready '));
      },
      60_000,
    );
    [, serverUrl, firstPid] = lines
      .find((l) => l.startsWith('ready '))!
      .split(' ')
      .map((v, i) => (i === 2 ? Number(v) : v)) as [string, string, number];
    const database = databaseUrl(serverUrl, 'hub_ready');
    await migrate(database);
    intake = await startIntake(intakeEnv(`${uniqueName('pgready')}.`, database));
    await intake.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(intake.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await intake?.close();
    if (hub && hub.exitCode === null) {
      hub.kill('SIGTERM');
      await new Promise((r) => hub.once('exit', r));
    }
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('answers /ready 503 while PostgreSQL is away and 200 once it runs again on the same port', async () => {
    expect(await status(`${url}/ready`)).toBe(200);
    process.kill(firstPid, 'SIGKILL');
    await waitUntil('PostgreSQL gone', async () => !processRuns(firstPid), 5_000);
    const notReady = (await (await fetch(`${url}/ready`)).json()) as { error: Record<string, { status: string }> };
    expect(notReady.error.database.status).toBe('down');
    expect(await status(`${url}/health`)).toBe(200);
    await waitUntil(
      'PostgreSQL started again',
      async () => lines.some((l) => l.startsWith('postgres started again')),
      30_000,
    );
    expect(lines).toContain('postgres exited with SIGKILL; restart 1 in 2 s');
    const secondPid = Number(/pid (\d+)/.exec(lines.find((l) => l.startsWith('postgres started again'))!)![1]);
    expect(processRuns(secondPid)).toBe(true);
    // Same port: the URL the service was given still leads to the database.
    await waitUntil('intake ready again', async () => (await status(`${url}/ready`)) === 200, 30_000);
    hub.kill('SIGTERM');
    await new Promise((r) => hub.once('exit', r));
    expect(processRuns(secondPid)).toBe(false);
  });
});
