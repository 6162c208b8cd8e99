import { spawn } from 'node:child_process';
import { processRuns, whenGone } from './process-liveness';

describe('processRuns', () => {
  it('is true for a running process and false once it was killed and reaped', async () => {
    const child = spawn('sleep', ['30']);
    expect(processRuns(child.pid!)).toBe(true);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(processRuns(child.pid!)).toBe(false);
  });

  it('counts a zombie (killed, not yet reaped) as gone', async () => {
    // A shell that backgrounds sleep and then waits on something else: sleep, once killed, stays a zombie child of the shell.
    const shell = spawn('sh', ['-c', 'sleep 30 & echo $!; exec sleep 30']);
    const pid = Number(await new Promise<string>((r) => shell.stdout.once('data', (d) => r(String(d)))));
    expect(processRuns(pid)).toBe(true);
    process.kill(pid, 'SIGKILL');
    await whenGone(pid, 50);
    expect(processRuns(pid)).toBe(false);
    shell.kill('SIGKILL');
  });
});
