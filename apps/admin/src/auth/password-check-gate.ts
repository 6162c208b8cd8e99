/**
 * At most `running` log-in attempts (each one password check, scrypt: 32 MiB and 50-100 ms of a core) at once,
 * and at most `waiting` more in line; an attempt beyond that is turned away at once, before any scrypt, database
 * connection or lock (issue 12): a flood
 * of log-ins then costs the 2 cores a bounded share, and the console's other requests keep their answers.
 */
export class PasswordCheckGate {
  private active = 0;
  private readonly line: (() => void)[] = [];

  constructor(private readonly limits: { running: number; waiting: number }) {}

  /** Runs `check` in its turn; undefined, without running it, when the line is full. */
  async run<T>(check: () => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.active >= this.limits.running) {
      if (this.line.length >= this.limits.waiting) return undefined;
      await new Promise<void>((resolve) => this.line.push(resolve));
    } else {
      this.active++;
    }
    try {
      return { value: await check() };
    } finally {
      // The turn passes straight to the next in line (active stays the same), or is given back.
      const next = this.line.shift();
      if (next) next();
      else this.active--;
    }
  }
}
