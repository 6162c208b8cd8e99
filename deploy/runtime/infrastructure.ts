import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import type { HubService } from '@hub/topics';
import { databaseUrl, databaseUrlAs, enableServiceLogins, migrate, startEmbeddedPostgres } from '@hub/persistence';
import { processRuns, whenGone } from './process-liveness';
import { LOG_DIR, REPO, RUN_DIR, databaseRolePasswords, portAnswers, run, say } from './processes';
import { SupervisedProcess, SupervisedRun, Supervisor } from './supervisor';

export interface Infrastructure {
  kafkaBrokers: string;
  /** Server URL without a database; add one with databaseUrl(). Absent when DATABASE_URL was given. */
  postgresServerUrl?: string;
  databaseUrl: string;
  /**
   * The database as each service's own role (issue 12): its tables only, the audit log INSERT-only. Given for the
   * demo's embedded PostgreSQL; elsewhere every service uses databaseUrl (a county's DBA sets the roles' passwords).
   */
  serviceDatabaseUrl(service: HubService): string;
}

const KAFKA_SH = path.join(REPO, 'deploy/kafka/kafka.sh');

/**
 * Kafka and PostgreSQL for the local runtime: KAFKA_BROKERS / DATABASE_URL when set, else a local
 * broker (deploy/kafka/kafka.sh) and an embedded PostgreSQL, both kept running by `supervisor`
 * (restarted when they die, stopped by its stop()). A broker that already answered on the port is
 * someone else's: used, never restarted or stopped.
 */
export async function startInfrastructure(options: {
  purpose: 'demo' | 'test' | 'bench';
  database: string;
  supervisor: Supervisor;
}): Promise<Infrastructure> {
  const { supervisor } = options;
  let kafkaBrokers = process.env.KAFKA_BROKERS;
  if (kafkaBrokers) {
    say(`using Kafka at ${kafkaBrokers} (KAFKA_BROKERS)`);
  } else {
    const port = Number(process.env.KAFKA_PORT ?? 9092);
    kafkaBrokers = `127.0.0.1:${port}`;
    if (await portAnswers('127.0.0.1', port)) await run('bash', [KAFKA_SH, 'start']);
    else await supervisor.add(brokerProcess());
  }

  let url = process.env.DATABASE_URL;
  let serverUrl: string | undefined;
  if (url) {
    say(`using PostgreSQL at ${new URL(url).host} (DATABASE_URL)`);
  } else {
    // Tests get a throw-away server with fsync off; the demo keeps its data between runs.
    const dataDir =
      process.env.PG_DATA_DIR ??
      path.join(RUN_DIR, options.purpose === 'demo' ? 'postgres' : `postgres-${options.purpose}`);
    if (options.purpose !== 'demo') fs.rmSync(dataDir, { recursive: true, force: true });
    const started = Date.now();
    fs.mkdirSync(LOG_DIR, { recursive: true });
    const postgres = postgresProcess({
      dataDir,
      fast: options.purpose !== 'demo',
      logFile: path.join(LOG_DIR, `postgres-${options.purpose}.log`),
    });
    await supervisor.add(postgres);
    serverUrl = postgres.serverUrl!;
    say(
      `embedded PostgreSQL on 127.0.0.1:${postgres.port} (data ${path.relative(REPO, dataDir)}, started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    url = databaseUrl(serverUrl, options.database);
  }
  const ran = await migrate(url);
  if (ran.length) say(`migrations applied: ${ran.join(', ')}`);
  const ownerUrl = url;
  let serviceDatabaseUrl = (_service: HubService) => ownerUrl;
  if (serverUrl && options.purpose === 'demo') {
    const passwords = databaseRolePasswords();
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      await enableServiceLogins((sql, parameters) => owner.query(sql, parameters), passwords);
    } finally {
      await owner.end();
    }
    serviceDatabaseUrl = (service) => databaseUrlAs(ownerUrl, service, passwords[service]);
    say(
      `each service connects to PostgreSQL as its own role (assist_hub_<service>; passwords in ${path.relative(REPO, path.join(RUN_DIR, 'database-roles.json'))})`,
    );
  }
  return { kafkaBrokers, postgresServerUrl: serverUrl, databaseUrl: url, serviceDatabaseUrl };
}

/**
 * The local broker through kafka.sh (start waits until it answers and creates the topics). kafka.sh
 * leaves the broker running in the background, so its end is noticed by polling the pid, and it is
 * stopped here rather than by `kafka.sh stop`, whose `kill -0` takes a zombie for a running broker
 * (where PID 1 does not reap orphans) and waited 30 s for nothing.
 */
export function brokerProcess(env: NodeJS.ProcessEnv = process.env): SupervisedProcess {
  const pidFile = path.join(env.KAFKA_DATA_DIR ?? path.join(REPO, '.run/kafka'), 'broker.pid');
  return {
    name: 'kafka',
    group: 'kafka',
    start: async (abort): Promise<SupervisedRun> => {
      await run('bash', [KAFKA_SH, 'start'], env, abort);
      const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
      const gone = whenGone(pid);
      return {
        pid,
        exited: gone.then(() => ({ code: null, signal: null })),
        stop: async (graceMs) => {
          if (processRuns(pid)) {
            process.kill(pid, 'SIGTERM');
            // A controlled shutdown takes a few seconds; killed, the broker recovers its logs on the next start.
            const kill = setTimeout(() => processRuns(pid) && process.kill(pid, 'SIGKILL'), Math.max(graceMs, 30_000));
            await gone;
            clearTimeout(kill);
            say('broker stopped');
          }
          fs.rmSync(pidFile, { force: true });
        },
      };
    },
  };
}

/**
 * The embedded PostgreSQL: the first start picks a free port; every restart uses the same port and
 * data directory, because the services' DATABASE_URL names that port.
 */
export function postgresProcess(options: {
  dataDir: string;
  fast: boolean;
  logFile: string;
}): SupervisedProcess & { port?: number; serverUrl?: string } {
  const log = fs.createWriteStream(options.logFile, { flags: 'a' });
  const unit: SupervisedProcess & { port?: number; serverUrl?: string } = {
    name: 'postgres',
    group: 'postgres',
    start: async (): Promise<SupervisedRun> => {
      const pg = await startEmbeddedPostgres({
        dataDir: options.dataDir,
        port: unit.port,
        fast: options.fast,
        log: (l) => log.write(`${l}\n`),
      });
      unit.port = pg.port;
      unit.serverUrl = pg.serverUrl;
      return { pid: pg.pid, exited: pg.exited, stop: (graceMs) => pg.stop(graceMs) };
    },
  };
  return unit;
}
