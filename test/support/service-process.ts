import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testServiceToken } from './service-token';
import { testDataKeys } from './data-keys';

const REPO = path.resolve(__dirname, '../..');
/** Same V8 flags as deploy/runtime: a larger young generation halves intake's garbage-collection time. */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * A hub service as its own OS process (so a test can SIGKILL it, a benchmark measure it), logging to .run/logs (or
 * ASSIST_HUB_LOG_DIR). From the sources under ts-node, or with `installation` (a folder holding the build's dist/
 * and node_modules installed without dev dependencies) as the image runs it: node dist/apps/<service>/src/main.js.
 */
export function spawnService(
  service: 'intake' | 'matcher' | 'detector' | 'admin',
  env: Record<string, string>,
  logName: string,
  installation?: string,
): ChildProcess {
  const logFile = serviceLogFile(logName);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  // HUB_PROFILE_DIR: write a V8 CPU profile of each service there when it exits (benchmark tuning).
  const profile = process.env.HUB_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HUB_PROFILE_DIR}`] : [];
  const entry = installation
    ? [path.join(installation, `dist/apps/${service}/src/main.js`)]
    : ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', path.join(REPO, `apps/${service}/src/main.ts`)];
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...profile, ...entry], {
    cwd: installation ?? REPO,
    env: {
      ...process.env,
      HUB_SERVICE_TOKEN: testServiceToken(),
      ...testDataKeys(),
      ...env,
      TS_NODE_TRANSPILE_ONLY: 'true',
    },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  return child;
}

export function serviceLogFile(logName: string): string {
  return path.join(process.env.ASSIST_HUB_LOG_DIR ?? path.join(REPO, '.run/logs'), `${logName}.log`);
}

/** The last line a service wrote (its reason, when it stopped by itself), shortened for a test's progress line. */
export function lastLogLine(logName: string): string {
  try {
    const lines = fs.readFileSync(serviceLogFile(logName), 'utf8').trimEnd().split('\n');
    return lines[lines.length - 1].slice(0, 300);
  } catch {
    return '(no log)';
  }
}

export const spawnIntake = (env: Record<string, string>, logName: string): ChildProcess =>
  spawnService('intake', env, logName);

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Peak resident memory of a running process (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** CPU seconds (user + system) each process has used so far, by pid; processes gone are left out. */
function cpuSecondsByPid(): Map<number, { comm: string; seconds: number }> {
  const ticks = 100; // USER_HZ on Linux
  const out = new Map<number, { comm: string; seconds: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      out.set(Number(entry), { comm, seconds: (Number(fields[11]) + Number(fields[12])) / ticks });
    } catch {
      // Gone between listing and reading.
    }
  }
  return out;
}

/**
 * Where a run's CPU went: the seconds each named service process used between `start()` and `stop()`,
 * and the rest by program (postgres: every backend; java: the broker). A process started and ended
 * in between is not seen; backends live as long as their pools, so few are lost.
 */
export function cpuAccount(services: () => { name: string; pid: number }[]): { stop(): Record<string, number> } {
  const before = cpuSecondsByPid();
  return {
    stop: () => {
      const after = cpuSecondsByPid();
      const named = new Map(services().map((s) => [s.pid, s.name]));
      const totals: Record<string, number> = {};
      for (const [pid, { comm, seconds }] of after) {
        const used = seconds - (before.get(pid)?.comm === comm ? before.get(pid)!.seconds : 0);
        if (used <= 0) continue;
        const name = named.get(pid) ?? (comm.startsWith('postgres') ? 'postgres' : comm === 'java' ? 'kafka' : 'other');
        totals[name] = (totals[name] ?? 0) + used;
      }
      return totals;
    },
  };
}
