import { DEFAULT_RESTART_POLICY, RestartPolicy, nextRestart } from './restart-policy';

export interface ProcessExit {
  code: number | null;
  signal: string | null;
  /** Set when the process never ran (its start failed). */
  failedStart?: string;
}

/** One run of a supervised process. */
export interface SupervisedRun {
  pid?: number;
  exited: Promise<ProcessExit>;
  /** Asks the process to stop, kills it if it is still there after graceMs; resolves once it is gone. */
  stop(graceMs: number): Promise<void>;
}

export interface SupervisedProcess {
  name: string;
  /** Processes of one group are stopped together; groups in the reverse order of their first process's add(). */
  group: string;
  /** Resolves once the process runs; `abort` fires when the hub stops during a slow start. */
  start(abort: AbortSignal): Promise<SupervisedRun>;
}

/** `matcher exited with SIGKILL`, `kafka did not start (…)`: the first half of a restart line. */
export function describeExit(name: string, exit: ProcessExit): string {
  if (exit.failedStart !== undefined) return `${name} did not start (${exit.failedStart})`;
  // A process the hub did not spawn itself (the broker, started by kafka.sh) exits with no status it can read.
  return `${name} exited with ${exit.signal ?? (exit.code !== null ? `code ${exit.code}` : 'an unknown status')}`;
}

interface Entry {
  process: SupervisedProcess;
  run: SupervisedRun;
  /** A restart under way: stop() must wait for it and stop what it started. */
  starting?: Promise<SupervisedRun>;
  startedAt: number;
  attempt: number;
  restarts: number;
}

export interface SupervisorOptions {
  policy?: RestartPolicy;
  /** How long a process may take to stop after SIGTERM before it is killed (10 s). */
  stopGraceMs?: number;
  say?: (message: string) => void;
}

/**
 * Keeps the local runtime's processes running: one that dies is started again with backoff (logged and
 * counted) instead of ending the hub, and stop() stops every one of them, restarts and slow starts
 * included, whatever the state of the broker or database they wait on.
 */
export class Supervisor {
  private readonly entries: Entry[] = [];
  private readonly aborts = new AbortController();
  private readonly policy: RestartPolicy;
  private readonly stopGraceMs: number;
  private readonly say: (message: string) => void;
  private readonly wakers = new Set<() => void>();
  private stopped?: Promise<void>;

  constructor(options: SupervisorOptions = {}) {
    this.policy = options.policy ?? DEFAULT_RESTART_POLICY;
    this.stopGraceMs = options.stopGraceMs ?? 10_000;
    this.say = options.say ?? (() => undefined);
  }

  get stopping(): boolean {
    return this.aborts.signal.aborted;
  }

  /** Starts a process and keeps it running until stop(). A first start that fails is not retried: it rejects. */
  async add(process: SupervisedProcess): Promise<SupervisedRun> {
    if (this.stopping) throw new Error(`not starting ${process.name}: the hub is stopping`);
    const run = await process.start(this.aborts.signal);
    const entry: Entry = { process, run, startedAt: Date.now(), attempt: 0, restarts: 0 };
    this.entries.push(entry);
    if (this.stopping) await run.stop(this.stopGraceMs);
    else void this.watch(entry);
    return run;
  }

  /** The current run of a process (its pid changes with each restart). */
  current(name: string): SupervisedRun | undefined {
    return this.entries.find((e) => e.process.name === name)?.run;
  }

  restartCounts(): Record<string, number> {
    return Object.fromEntries(this.entries.map((e) => [e.process.name, e.restarts]));
  }

  summary(): string {
    return `restarts: ${this.entries.map((e) => `${e.process.name} ${e.restarts}`).join(', ') || 'nothing supervised'}`;
  }

  /** Pids of the processes running now (for a last-resort kill when the hub itself exits). */
  pids(): number[] {
    return this.entries.map((e) => e.run.pid).filter((pid): pid is number => pid !== undefined);
  }

  /** Stops everything, group by group (latest first); no restart happens once this is called. */
  stop(): Promise<void> {
    this.stopped ??= this.stopAll();
    return this.stopped;
  }

  private async stopAll(): Promise<void> {
    this.aborts.abort();
    for (const wake of this.wakers) wake();
    const groups: string[] = [];
    for (const e of this.entries) if (!groups.includes(e.process.group)) groups.push(e.process.group);
    for (const group of groups.reverse()) {
      await Promise.all(this.entries.filter((e) => e.process.group === group).map((e) => this.stopEntry(e)));
    }
  }

  private async stopEntry(entry: Entry): Promise<void> {
    const run = entry.starting ? await entry.starting.catch(() => undefined) : entry.run;
    await run
      ?.stop(this.stopGraceMs)
      .catch((e) => this.say(`while stopping ${entry.process.name}: ${(e as Error).message}`));
  }

  private async watch(entry: Entry): Promise<void> {
    for (;;) {
      const exit = await entry.run.exited;
      if (this.stopping) return;
      const decision = nextRestart(entry.attempt, Date.now() - entry.startedAt, this.policy);
      entry.attempt = decision.attempt;
      entry.restarts++;
      this.say(
        `${describeExit(entry.process.name, exit)}; restart ${decision.attempt} in ${formatSeconds(decision.delayMs)}`,
      );
      if (!(await this.pause(decision.delayMs)) || this.stopping) return;
      entry.starting = entry.process.start(this.aborts.signal);
      try {
        entry.run = await entry.starting;
        if (!this.stopping)
          this.say(`${entry.process.name} started again${entry.run.pid ? ` (pid ${entry.run.pid})` : ''}`);
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        entry.run = {
          exited: Promise.resolve({ code: null, signal: null, failedStart: reason }),
          stop: () => Promise.resolve(),
        };
      } finally {
        entry.starting = undefined;
        entry.startedAt = Date.now();
      }
      if (this.stopping) return;
    }
  }

  /** Resolves true after ms, or false at once when the hub stops meanwhile. */
  private pause(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.wakers.delete(wake);
        resolve(!this.stopping);
      }, ms);
      this.wakers.add(wake);
    });
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
