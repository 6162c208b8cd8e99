import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const RUN_DIR = process.env.ASSIST_HUB_RUN_DIR ?? path.join(REPO, '.run');
export const LOG_DIR = process.env.ASSIST_HUB_LOG_DIR ?? path.join(RUN_DIR, 'logs');

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

/** Runs a command to completion, output passed through; rejects on a non-zero exit. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`))));
  });
}

/**
 * Node with TypeScript sources, the same way deploy/hub.sh runs itself. A larger young generation
 * (64 MB semi-spaces) halves the garbage-collection time of the message-heavy services.
 */
export function nodeTs(script: string, args: string[] = []): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--max-semi-space-size=64', '-r', 'ts-node/register', '-r', 'tsconfig-paths/register', path.join(REPO, script), ...args] };
}

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a long-running hub service with its output in LOG_DIR/<name>.log. */
export function startService(name: string, script: string, env: NodeJS.ProcessEnv): ServiceProcess {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const { command, args } = nodeTs(script);
  const child = spawn(command, args, { cwd: REPO, env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true' }, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    logFile,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, service?: ServiceProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    if (service && service.child.exitCode !== null) throw new Error(`${service.name} exited (code ${service.child.exitCode}); see ${service.logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s${service ? `; see ${service.logFile}` : ''}`);
}

export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url);
  return res.ok;
}
