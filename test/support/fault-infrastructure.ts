import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '@hub/persistence';
import { exited } from './service-process';

const REPO = path.resolve(__dirname, '../..');

/** The broker and the PostgreSQL server a fault run uses; stoppable ones can be taken away mid-stream. */
export interface FaultInfrastructure {
  kafkaBrokers: string;
  /** postgres:// URL of the server (no database): each run makes a database of its own there. */
  postgresServerUrl: string;
  stoppable: boolean;
  stopBroker(): Promise<void>;
  startBroker(): Promise<void>;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  /** Stops what it started and removes its data. */
  close(): Promise<void>;
}

export function kafkaScript(command: 'start' | 'stop', env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(REPO, 'deploy/kafka/kafka.sh'), command], {
      cwd: REPO,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`kafka.sh ${command} exited with ${code}: ${errors.slice(-2000)}`)),
    );
  });
}

/** PostgreSQL in a child process (test/support/postgres-server.ts); resolves once it answers. */
function startPostgresProcess(
  dataDir: string,
  port: number,
  log: fs.WriteStream,
): Promise<{ child: ChildProcess; serverUrl: string }> {
  // 256 MB of shared buffers: the suite's server holds one small county per run.
  const env = { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', PG_SHARED_BUFFERS: '256MB' };
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register',
      '-r',
      'tsconfig-paths/register',
      path.join(REPO, 'test/support/postgres-server.ts'),
      dataDir,
      String(port),
    ],
    { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr.on('data', (d: Buffer) => log.write(d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const ready = /ready (\S+)/.exec(out);
      if (ready) resolve({ child, serverUrl: ready[1] });
    });
    child.once('exit', (code) =>
      reject(new Error(`PostgreSQL process exited with ${code} before it answered (log ${String(log.path)})`)),
    );
  });
}

async function stopPostgresProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await exited(child);
}

/**
 * A broker and an embedded PostgreSQL of the suite's own (own ports, own temporary data dirs), so that
 * stopping them mid-stream disturbs no one else's tests. PostgreSQL keeps a fixed port across restarts:
 * the services were started with its URL.
 */
export async function privateInfrastructure(options: {
  kafkaPort: number;
  label: string;
  log?: (line: string) => void;
}): Promise<FaultInfrastructure> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `assist-hub-${options.label}-`));
  // As root, PostgreSQL runs as an unprivileged account; a folder it can enter keeps its data here
  // instead of in the stage folder (postgres-account.ts).
  fs.chmodSync(root, 0o755);
  const logDir = process.env.ASSIST_HUB_LOG_DIR ?? path.join(REPO, '.run/logs');
  const kafkaEnv = {
    ...process.env,
    KAFKA_PORT: String(options.kafkaPort),
    KAFKA_CONTROLLER_PORT: String(options.kafkaPort + 1),
    KAFKA_DATA_DIR: path.join(root, 'kafka'),
    ASSIST_HUB_LOG_DIR: path.join(logDir, `${options.label}-kafka`),
    // The suite's broker carries one small county at a time.
    KAFKA_JVM_OPTS: '-Xms384m -Xmx384m -XX:+UseParallelGC -XX:ParallelGCThreads=1',
  };
  const pgLog = fs.createWriteStream(path.join(logDir, `${options.label}-postgres.log`), { flags: 'a' });
  const pgDir = path.join(root, 'postgres');
  const pgPort = await freePort();
  let brokerUp = false;
  let pg: ChildProcess | undefined;
  const close = async () => {
    if (brokerUp)
      await kafkaScript('stop', kafkaEnv).catch((e) =>
        options.log?.(`stopping the private broker: ${(e as Error).message}`),
      );
    brokerUp = false;
    await stopPostgresProcess(pg);
    pgLog.end();
    fs.rmSync(root, { recursive: true, force: true });
  };
  let serverUrl: string;
  try {
    await kafkaScript('start', kafkaEnv);
    brokerUp = true;
    const started = await startPostgresProcess(pgDir, pgPort, pgLog);
    pg = started.child;
    serverUrl = started.serverUrl;
  } catch (e) {
    await close();
    throw e;
  }
  options.log?.(`private broker on 127.0.0.1:${options.kafkaPort}, PostgreSQL on 127.0.0.1:${pgPort}, data in ${root}`);

  return {
    kafkaBrokers: `127.0.0.1:${options.kafkaPort}`,
    postgresServerUrl: serverUrl,
    stoppable: true,
    stopBroker: async () => {
      await kafkaScript('stop', kafkaEnv);
      brokerUp = false;
    },
    startBroker: async () => {
      await kafkaScript('start', kafkaEnv);
      brokerUp = true;
    },
    stopPostgres: () => stopPostgresProcess(pg),
    startPostgres: async () => {
      pg = (await startPostgresProcess(pgDir, pgPort, pgLog)).child;
    },
    close,
  };
}

/** The broker and server deploy/hub.sh started (benchmarks of service crashes): never stopped from here. */
export function sharedInfrastructure(): FaultInfrastructure {
  const server = process.env.TEST_PG_SERVER_URL || process.env.DATABASE_URL;
  if (!server) throw new Error('no PostgreSQL: run through deploy/hub.sh, which starts one');
  const refuse = async () => {
    throw new Error('the shared broker and database are not stopped by a fault run');
  };
  return {
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    postgresServerUrl: server,
    stoppable: false,
    stopBroker: refuse,
    startBroker: refuse,
    stopPostgres: refuse,
    startPostgres: refuse,
    close: async () => undefined,
  };
}
