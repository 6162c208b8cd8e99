import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { SERVICE_ROLES } from '@hub/persistence';
import { newDataKeys } from '@hub/identity';
import type { HubService } from '@hub/topics';
import { localSecretFile } from './local-secrets';
import { ProcessExit, SupervisedProcess, SupervisedRun } from './supervisor';

export const REPO = path.resolve(__dirname, '../..');
export const RUN_DIR = process.env.ASSIST_HUB_RUN_DIR ?? path.join(REPO, '.run');
export const LOG_DIR = process.env.ASSIST_HUB_LOG_DIR ?? path.join(RUN_DIR, 'logs');

/** The shared secret of the services' internal HTTP calls (HUB_SERVICE_TOKEN): the environment's, else .run/service-token's. */
export function serviceToken(): string {
  if (process.env.HUB_SERVICE_TOKEN) return process.env.HUB_SERVICE_TOKEN;
  return fs
    .readFileSync(
      localSecretFile(path.join(RUN_DIR, 'service-token'), () => randomBytes(32).toString('hex')),
      'utf8',
    )
    .trim();
}

/**
 * The keys personal data is stored under (see libs/identity data-keys.ts), as the services' setting: the
 * environment's HUB_DATA_KEYS or HUB_DATA_KEYS_FILE, else the file .run/data-keys.json.
 */
export function dataKeysEnv(): { HUB_DATA_KEYS: string } | { HUB_DATA_KEYS_FILE: string } {
  if (process.env.HUB_DATA_KEYS) return { HUB_DATA_KEYS: process.env.HUB_DATA_KEYS };
  if (process.env.HUB_DATA_KEYS_FILE) return { HUB_DATA_KEYS_FILE: process.env.HUB_DATA_KEYS_FILE };
  return { HUB_DATA_KEYS_FILE: localSecretFile(path.join(RUN_DIR, 'data-keys.json'), newDataKeys) };
}

/** The database password of each service's role in the local runtime (.run/database-roles.json). */
export function databaseRolePasswords(): Record<HubService, string> {
  const file = localSecretFile(path.join(RUN_DIR, 'database-roles.json'), () =>
    JSON.stringify(
      Object.fromEntries(Object.keys(SERVICE_ROLES).map((service) => [service, randomBytes(24).toString('base64url')])),
      null,
      2,
    ),
  );
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<HubService, string>;
}

export function say(message: string): void {
  process.stderr.write(`[hub] ${message}\n`);
}

export function portAnswers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Runs a command to completion, output passed through; rejects on a non-zero exit. Its own process
 * group: Ctrl-C reaches the hub only, which stops things in order; `abort` kills the whole group
 * (a script and whatever it started in the background).
 */
export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  abort?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    const kill = () => child.pid && killGroup(child.pid, 'SIGKILL');
    abort?.addEventListener('abort', kill, { once: true });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      abort?.removeEventListener('abort', kill);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            abort?.aborted
              ? `${path.basename(args[0] ?? command)} stopped: the hub is stopping`
              : `${command} ${args.join(' ')} exited with ${code ?? signal}`,
          ),
        );
    });
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Node with TypeScript sources, the same way deploy/hub.sh runs itself. A larger young generation
 * (64 MB semi-spaces) halves the garbage-collection time of the message-heavy services.
 */
export function nodeTs(script: string, args: string[] = []): { command: string; args: string[] } {
  return {
    command: process.execPath,
    args: [
      '--max-semi-space-size=64',
      '-r',
      'ts-node/register',
      '-r',
      'tsconfig-paths/register',
      path.join(REPO, script),
      ...args,
    ],
  };
}

/** A child's exit as a promise that also resolves when it has already exited. */
export function exitOf(child: ChildProcess): Promise<ProcessExit> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** SIGTERM, then SIGKILL after graceMs; resolves once the child is gone. */
export async function stopChild(
  child: ChildProcess,
  graceMs: number,
  first: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  const exited = exitOf(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(first);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface ServiceProcess extends SupervisedProcess {
  logFile: string;
}

/**
 * A long-running hub service, output appended to LOG_DIR/<name>.log. In its own process group, so a
 * Ctrl-C in the terminal reaches the hub alone, which stops the services before their database and broker.
 */
export function serviceProcess(name: string, script: string, env: NodeJS.ProcessEnv, logDir = LOG_DIR): ServiceProcess {
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  return {
    name,
    group: 'services',
    logFile,
    // async with nothing to await: a throw (openSync, spawn) becomes the rejection the Supervisor handles.
    // eslint-disable-next-line @typescript-eslint/require-await
    start: async (): Promise<SupervisedRun> => {
      const out = fs.openSync(logFile, 'a');
      const { command, args } = nodeTs(script);
      const child = spawn(command, args, {
        cwd: REPO,
        env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true' },
        stdio: ['ignore', out, out],
        detached: true,
      });
      fs.closeSync(out);
      return { pid: child.pid, exited: exitOf(child), stop: (graceMs) => stopChild(child, graceMs) };
    },
  };
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  logFile?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s${logFile ? `; see ${logFile}` : ''}`);
}

export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url);
  return res.ok;
}
