import { ChildProcess } from 'node:child_process';
import { exited, lastLogLine, spawnService } from './service-process';

export type PipelineService = 'intake' | 'matcher' | 'detector';

/** Pause before starting a service that exited by itself again: doubles per quick exit, up to 8 s. */
export function restartDelayMs(quickExitsInARow: number): number {
  return Math.min(8000, 500 * 2 ** Math.max(0, quickExitsInARow));
}

/**
 * A hub service as an OS process, started again whenever it exits (the harness plays the supervisor
 * the hub does not have yet): a SIGKILL the harness sends is counted as a kill, any other exit as a
 * crash. Each start logs to a file of its own.
 */
export class SupervisedService {
  private child?: ChildProcess;
  private stopping = false;
  private starts = 0;
  private quickExits = 0;
  private pendingRestart?: NodeJS.Timeout;
  private intendedKill = false;
  /** Exits nobody asked for (a service that threw, or gave up on a broker or database). */
  crashes = 0;
  kills = 0;

  constructor(
    readonly name: PipelineService,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logPrefix: string,
    private readonly say: (line: string) => void,
    /** Run from a build (spawnService's `installation`) instead of the sources. */
    private readonly installation?: string,
  ) {}

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.running ? this.child!.pid : undefined;
  }

  start(): void {
    this.starts++;
    const startedAt = Date.now();
    const logName = `${this.logPrefix}${this.name}-${this.starts}`;
    const child = spawnService(this.name, this.env, logName, this.installation);
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      const killed = this.intendedKill;
      this.intendedKill = false;
      if (!killed) {
        this.crashes++;
        this.quickExits = Date.now() - startedAt < 30_000 ? this.quickExits + 1 : 0;
      }
      const delay = killed ? 1000 : restartDelayMs(this.quickExits - 1);
      this.say(
        `${this.name} ${killed ? 'killed' : `exited by itself (${code ?? signal}; last log line: ${lastLogLine(logName)})`}; starting it again in ${delay} ms`,
      );
      this.pendingRestart = setTimeout(() => {
        this.pendingRestart = undefined;
        if (!this.stopping) this.start();
      }, delay);
    });
  }

  /** SIGKILL now; the supervisor starts it again a second later. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.kills++;
    this.intendedKill = true;
    this.child!.kill('SIGKILL');
    await exited(this.child!);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.pendingRestart);
    if (!this.child || !this.running) return;
    const child = this.child;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited(child);
    clearTimeout(timer);
  }

  async ready(): Promise<boolean> {
    if (!this.running) return false;
    const answer = await fetch(`http://127.0.0.1:${this.port}/ready`, { signal: AbortSignal.timeout(2000) }).catch(
      () => undefined,
    );
    return answer?.ok === true;
  }
}
