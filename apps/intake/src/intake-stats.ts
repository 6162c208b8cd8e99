import { Injectable } from '@nestjs/common';

export interface IntakeCounts {
  received: number;
  stored: number;
  duplicates: number;
  redelivered: number;
  deadLettered: number;
  deadLetterCodes: Record<string, number>;
}

/** Counters since start, per department; `received = stored + duplicates + redelivered + deadLettered`. */
@Injectable()
export class IntakeStats {
  readonly startedAt = new Date();
  private readonly byDepartment = new Map<string, IntakeCounts>();

  private counts(department: string): IntakeCounts {
    let c = this.byDepartment.get(department);
    if (!c) {
      c = { received: 0, stored: 0, duplicates: 0, redelivered: 0, deadLettered: 0, deadLetterCodes: {} };
      this.byDepartment.set(department, c);
    }
    return c;
  }

  record(department: string, outcome: 'stored' | 'duplicate' | 'redelivered' | { deadLetter: string }): void {
    const c = this.counts(department);
    c.received++;
    if (outcome === 'stored') c.stored++;
    else if (outcome === 'duplicate') c.duplicates++;
    else if (outcome === 'redelivered') c.redelivered++;
    else {
      c.deadLettered++;
      c.deadLetterCodes[outcome.deadLetter] = (c.deadLetterCodes[outcome.deadLetter] ?? 0) + 1;
    }
  }

  total(): IntakeCounts {
    const t: IntakeCounts = {
      received: 0,
      stored: 0,
      duplicates: 0,
      redelivered: 0,
      deadLettered: 0,
      deadLetterCodes: {},
    };
    for (const c of this.byDepartment.values()) {
      t.received += c.received;
      t.stored += c.stored;
      t.duplicates += c.duplicates;
      t.redelivered += c.redelivered;
      t.deadLettered += c.deadLettered;
      for (const [code, n] of Object.entries(c.deadLetterCodes))
        t.deadLetterCodes[code] = (t.deadLetterCodes[code] ?? 0) + n;
    }
    return t;
  }

  snapshot(): { startedAt: string; total: IntakeCounts; departments: Record<string, IntakeCounts> } {
    return {
      startedAt: this.startedAt.toISOString(),
      total: this.total(),
      departments: Object.fromEntries(this.byDepartment),
    };
  }
}
