import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmbeddedPostgresHandle, databaseUrl, migrate, startEmbeddedPostgres } from '@hub/persistence';
import { LOG_DIR, REPO, RUN_DIR, portAnswers, run, say } from './processes';

export interface Infrastructure {
  kafkaBrokers: string;
  /** Server URL without a database; add one with databaseUrl(). Absent when DATABASE_URL was given. */
  postgresServerUrl?: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * Kafka and PostgreSQL for the local runtime: KAFKA_BROKERS / DATABASE_URL when set, else a local
 * broker (deploy/kafka/kafka.sh) and an embedded PostgreSQL. Stops only what it started.
 */
export async function startInfrastructure(options: { purpose: 'demo' | 'test' | 'bench'; database: string }): Promise<Infrastructure> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops) await stop().catch((e) => say(`while stopping: ${(e as Error).message}`));
  };
  try {
    return await start(options, stops, stopAll);
  } catch (e) {
    await stopAll();
    throw e;
  }
}

async function start(options: { purpose: 'demo' | 'test' | 'bench'; database: string }, stops: (() => Promise<void>)[], stopAll: () => Promise<void>): Promise<Infrastructure> {
  let kafkaBrokers = process.env.KAFKA_BROKERS;
  if (kafkaBrokers) {
    say(`using Kafka at ${kafkaBrokers} (KAFKA_BROKERS)`);
  } else {
    const port = Number(process.env.KAFKA_PORT ?? 9092);
    kafkaBrokers = `127.0.0.1:${port}`;
    const running = await portAnswers('127.0.0.1', port);
    await run('bash', [path.join(REPO, 'deploy/kafka/kafka.sh'), 'start']);
    if (!running) stops.push(() => run('bash', [path.join(REPO, 'deploy/kafka/kafka.sh'), 'stop']));
  }

  let url = process.env.DATABASE_URL;
  let pg: EmbeddedPostgresHandle | undefined;
  if (url) {
    say(`using PostgreSQL at ${new URL(url).host} (DATABASE_URL)`);
  } else {
    // Tests get a throw-away server with fsync off; the demo keeps its data between runs.
    const dataDir = process.env.PG_DATA_DIR ?? path.join(RUN_DIR, options.purpose === 'demo' ? 'postgres' : `postgres-${options.purpose}`);
    if (options.purpose !== 'demo') fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(LOG_DIR, { recursive: true });
    const log = fs.createWriteStream(path.join(LOG_DIR, `postgres-${options.purpose}.log`), { flags: 'a' });
    const started = Date.now();
    pg = await startEmbeddedPostgres({ dataDir, fast: options.purpose !== 'demo', log: (l) => log.write(`${l}\n`) });
    say(`embedded PostgreSQL on 127.0.0.1:${pg.port} (data ${path.relative(REPO, dataDir)}, started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    url = databaseUrl(pg.serverUrl, options.database);
    const handle = pg;
    stops.unshift(async () => {
      await handle.stop();
      log.end();
    });
  }
  const ran = await migrate(url);
  if (ran.length) say(`migrations applied: ${ran.join(', ')}`);

  return {
    kafkaBrokers,
    postgresServerUrl: pg?.serverUrl,
    databaseUrl: url,
    stop: stopAll,
  };
}
