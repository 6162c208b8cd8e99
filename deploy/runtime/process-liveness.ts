import * as fs from 'node:fs';

/**
 * Whether a process the hub did not spawn (the broker, started in the background by kafka.sh) still
 * runs. A zombie counts as gone: where PID 1 does not reap orphans, a killed broker stays a zombie
 * and `kill -0` would call it alive forever.
 */
export function processRuns(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state follows the command name, which is in parentheses and may itself hold spaces or ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && fs.existsSync('/proc/self/stat')) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** Resolves once the process no longer runs, checking every intervalMs. */
export function whenGone(pid: number, intervalMs = 500): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (processRuns(pid)) return;
      clearInterval(timer);
      resolve();
    }, intervalMs);
  });
}
