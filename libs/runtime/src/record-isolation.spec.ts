import fc from 'fast-check';
import { KafkaJSConnectionError, KafkaJSProtocolError } from 'kafkajs';
import { RecordFailure, isolateRecordFailures, retryWhileInfrastructureDown } from './record-isolation';

const noSleep = async () => undefined;

/** Work that fails whole, as one transaction does, when any of its records is poison; records what committed. */
function transactional(poison: (r: number) => boolean) {
  const committed: number[] = [];
  let runs = 0;
  return {
    committed,
    get runs() {
      return runs;
    },
    work: async (records: number[]) => {
      runs++;
      const bad = records.find(poison);
      if (bad !== undefined) throw new RangeError(`Invalid count value: ${bad}`);
      committed.push(...records);
    },
  };
}

describe('isolateRecordFailures', () => {
  it('runs a clean batch once', async () => {
    const t = transactional(() => false);
    const outcome = await isolateRecordFailures([1, 2, 3], {
      work: t.work,
      quarantine: async () => fail('nothing to quarantine'),
    });
    expect(outcome).toEqual({ processed: [1, 2, 3], quarantined: [], attempts: 1 });
  });

  it('quarantines exactly the poison records, processes the rest in order, for any batch', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 0, maxLength: 200 }), async (poisonAt) => {
        const records = poisonAt.map((_, i) => i);
        const t = transactional((r) => poisonAt[r]);
        const stored: RecordFailure<number>[] = [];
        const outcome = await isolateRecordFailures(records, {
          work: t.work,
          quarantine: async (f) => void stored.push(...f),
          sleep: noSleep,
        });
        const poison = records.filter((r) => poisonAt[r]);
        expect(outcome.quarantined.map((q) => q.record)).toEqual(poison);
        expect(stored.map((q) => q.record)).toEqual(poison);
        expect(
          outcome.quarantined.every((q) => q.code === 'PROCESSING_FAILED' && q.detail.startsWith('RangeError')),
        ).toBe(true);
        expect(t.committed).toEqual(records.filter((r) => !poisonAt[r]));
        // k poison records among n: about 2·k·log2(n) runs, and one more each to see the failure repeat; not n.
        expect(outcome.attempts).toBeLessThanOrEqual(
          1 + poison.length * (1 + 2 * Math.max(1, Math.ceil(Math.log2(Math.max(2, records.length))))),
        );
      }),
      { seed: 20251202, numRuns: 300 },
    );
  });

  it('quarantines a record only when its failure repeats after a pause: a failure of the moment is not its own', async () => {
    // A unique violation once (e.g. a commit in flight as the database went away), then the record links.
    const uniqueViolation = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
    });
    const failedOnce = new Set<number>();
    const pauses: number[] = [];
    const t = transactional((r) => r === 9);
    const stored: RecordFailure<number>[] = [];
    const outcome = await isolateRecordFailures([1, 2, 3, 9, 4], {
      work: async (records) => {
        if (records.includes(3) && !failedOnce.has(3)) {
          if (records.length === 1) failedOnce.add(3);
          throw uniqueViolation;
        }
        await t.work(records);
      },
      quarantine: async (f) => void stored.push(...f),
      sleep: async (ms) => void pauses.push(ms),
      backoff: { initialMs: 200, maxMs: 1_000 },
    });
    expect(outcome.quarantined.map((q) => q.record)).toEqual([9]);
    expect(stored.map((q) => q.record)).toEqual([9]);
    expect(outcome.processed).toEqual([1, 2, 3, 4]);
    expect(t.committed).toEqual([1, 2, 3, 4]);
    // One pause before each record's second run: 3 (which then succeeded) and 9 (which failed again).
    expect(pauses).toEqual([200, 200]);
  });

  it('pauses on infrastructure failures and never blames a record for them', async () => {
    let down = 3;
    const pauses: number[] = [];
    const t = transactional((r) => r === 7);
    const outcome = await isolateRecordFailures([5, 6, 7, 8], {
      work: async (records) => {
        if (down-- > 0) throw new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
        await t.work(records);
      },
      quarantine: async () => undefined,
      sleep: noSleep,
      onPause: (_e, _attempt, delayMs) => pauses.push(delayMs),
      backoff: { initialMs: 100, maxMs: 250 },
    });
    expect(pauses).toEqual([100, 200, 250]);
    expect(outcome.quarantined.map((q) => q.record)).toEqual([7]);
    expect(t.committed).toEqual([5, 6, 8]);
  });

  it('throws a rebalance at once, and a failure of an empty batch, rather than retrying or blaming', async () => {
    const rebalance = new KafkaJSProtocolError({
      message: 'rebalancing',
      type: 'REBALANCE_IN_PROGRESS',
      code: 27,
      retriable: false,
    } as never);
    await expect(
      isolateRecordFailures([1], {
        work: async () => Promise.reject(rebalance),
        quarantine: async () => undefined,
        sleep: noSleep,
      }),
    ).rejects.toBe(rebalance);
    const bug = new TypeError('no records');
    await expect(
      isolateRecordFailures([], { work: async () => Promise.reject(bug), quarantine: async () => undefined }),
    ).rejects.toBe(bug);
  });

  it('stops pausing when the consumer stops', async () => {
    const down = new Error('Connection terminated unexpectedly');
    let stopping = false;
    await expect(
      retryWhileInfrastructureDown(async () => Promise.reject(down), {
        sleep: async () => void (stopping = true),
        shouldStop: () => stopping,
      }),
    ).rejects.toBe(down);
  });

  it('keeps heartbeating while it waits, and gives up the batch when the group has moved on', async () => {
    const heartbeats: number[] = [];
    let n = 0;
    const rebalance = new KafkaJSProtocolError({
      message: 'rebalancing',
      type: 'REBALANCE_IN_PROGRESS',
      code: 27,
      retriable: false,
    } as never);
    await expect(
      retryWhileInfrastructureDown(async () => Promise.reject(new Error('Connection terminated')), {
        sleep: noSleep,
        heartbeat: async () => {
          heartbeats.push(++n);
          if (n === 1) throw new KafkaJSConnectionError('broker down');
          if (n === 2) throw rebalance;
        },
      }),
    ).rejects.toBe(rebalance);
    expect(heartbeats).toEqual([1, 2]);
  });
});
