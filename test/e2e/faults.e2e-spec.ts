import { generateFeed } from '../generator/feed';
import { FaultInfrastructure, privateInfrastructure } from '../support/fault-infrastructure';
import { Disturbance, FaultRunResult, runFaultHub } from '../support/fault-hub';
import { earlyOmissionTrace } from '../support/early-omission-trace';
import {
  FaultVerdict,
  brokerOutage,
  differingPersons,
  faultTable,
  killService,
  postgresOutage,
  skewedPartition,
  verdictAgainst,
} from '../support/fault-scenarios';

/**
 * Issue 10, black-box: the real intake, matcher and detector as OS processes on a broker and a
 * PostgreSQL of this suite's own, a generated county (planted cases included) produced at a steady rate,
 * and one thing going wrong mid-stream (a service SIGKILLed, the broker or the database stopped for a
 * while). Outputs are read from Kafka only (persons.links, alerts.*) and must equal the undisturbed
 * run's: the same records in the same persons, the same alert ids, no alert raised twice, no omission
 * raised and then fulfilled (declared before the event that fulfils it had been processed).
 * The broker port is FAULTS_KAFKA_PORT (29192 by default; the controller takes the next one).
 */
const countBy = (values: (string | undefined)[]) =>
  Object.fromEntries([
    ...values.reduce((m, v) => m.set(String(v), (m.get(String(v)) ?? 0) + 1), new Map<string, number>()),
  ]);
const say = (line: string) => process.stderr.write(`[faults] ${line}\n`);
const feed = generateFeed({ seed: 1010, households: 900, plantedPerRule: 1, resendShare: 0.01 });
const RATE = 150;
/**
 * Persons (and review pairs) that may group records differently from the undisturbed run. Two partitions are
 * linked at once, and records of one person arriving at the same moment on both are linked in whichever order
 * the chunks commit; a restart or an outage changes that order, and so, for a person or two in 1,400, the
 * grouping (seen: 2 persons, 1 review pair; an undisturbed skewed run the same). Traced (the run prints the
 * persons that differ): 扎西·顿珠 T-0000748's insurance record, without ID number or phone, came before his 低保
 * record when the health topic ran ahead after a restart, fitted only a namesake born 1969 (birth date different:
 * review) and went to review with a person of its own; his 低保 record then joined it (MATCH), so the persons are the
 * same, but persons.links last said POSSIBLE_MATCH for it and a review pair was open that feed order never opens.
 * Such a pair now closes by rule when the 低保 record joins (ReviewSettlement, both in one chunk after a restart):
 * every scenario printed 0 persons and 0 pairs differing on 2026-12-07. Other orders may still group a record
 * otherwise (two persons made at once, merged by the second look a moment later), so the bound stays, printed in
 * the table. Records lost, alerts missing or extra, raised twice or raised early stay exactly 0.
 */
const ORDER_DEPENDENT_PERSONS = Math.ceil(feed.truth.records.length * 0.005);
const OUTAGE_SECONDS = 12;
const RUN_TIMEOUT_MS = 240_000;
const TEST_TIMEOUT_MS = RUN_TIMEOUT_MS + 120_000;

describe('outputs through crashes, outages and skew (issue 10)', () => {
  let infra: FaultInfrastructure;
  let baseline: FaultRunResult;
  const rows: { run: FaultRunResult; verdict: FaultVerdict }[] = [];

  const run = (
    label: string,
    disturbance?: Disturbance,
    placement: Pick<Parameters<typeof runFaultHub>[0], 'partitionOf' | 'ratePerSecond' | 'instances'> = {
      ratePerSecond: RATE,
    },
  ) => runFaultHub({ infra, feed, label, disturbance, ...placement, timeoutMs: RUN_TIMEOUT_MS, say });

  const compared = (result: FaultRunResult) => {
    const verdict = verdictAgainst(result, baseline, feed);
    rows.push({ run: result, verdict });
    const early = result.ledger.omissionsRaisedThenFulfilled.map((id) => result.ledger.alerts.get(id)?.ruleId); // planted late ones included
    say(
      `${result.label}: ${JSON.stringify({
        ...verdict,
        alertsMissing: verdict.alertsMissing.slice(0, 5).map((id) => baseline?.ledger.alerts.get(id) ?? id),
        alertsExtra: verdict.alertsExtra.slice(0, 5).map((id) => result.ledger.alerts.get(id) ?? id),
        lostRecordsSample: result.lostRecords.slice(0, 5),
        earlyOmissionsByRule: countBy(early),
        redeliveredAlertEvents: result.ledger.redelivered,
        recordsRedecided: result.outcome.redecided,
      })}`,
    );
    if (verdict.clustersDiffering + verdict.possibleDiffering > 0)
      say(`${result.label}: persons differing ${JSON.stringify(differingPersons(result, baseline, feed))}`);
    for (const id of verdict.omissionsRaisedThenFulfilled)
      say(
        `${result.label}: ${id} raised, then fulfilled; its records' decisions:\n  ${earlyOmissionTrace(id, result.ledger, result.links, feed).join('\n  ')}`,
      );
    return verdict;
  };

  /** What every run must show, its own figures and its difference from the undisturbed run. */
  const expectSameAsUndisturbed = (result: FaultRunResult) => {
    const verdict = compared(result);
    expect(result.problems).toEqual([]);
    expect({
      lostRecords: verdict.lostRecords,
      alertsMissing: verdict.alertsMissing.length,
      alertsExtra: verdict.alertsExtra.length,
      raisedMoreThanOnce: verdict.raisedMoreThanOnce,
      omissionsRaisedThenFulfilled: verdict.omissionsRaisedThenFulfilled,
    }).toEqual({
      lostRecords: 0,
      alertsMissing: 0,
      alertsExtra: 0,
      raisedMoreThanOnce: 0,
      omissionsRaisedThenFulfilled: [],
    });
    expect(verdict.clustersDiffering + verdict.possibleDiffering).toBeLessThanOrEqual(ORDER_DEPENDENT_PERSONS);
  };

  beforeAll(async () => {
    infra = await privateInfrastructure({
      kafkaPort: Number(process.env.FAULTS_KAFKA_PORT ?? 29192),
      label: 'faults',
      log: say,
    });
  }, 180_000);

  afterAll(async () => {
    if (rows.length)
      process.stderr.write(
        `\nfault runs (${feed.messages.length} events, ${feed.truth.planted.length} planted cases, ${RATE} events/s; each row compared with the first):\n${faultTable(rows)}\n\n`,
      );
    await infra?.close();
  }, 120_000);

  it(
    'undisturbed: every record decided, no alert raised twice, no omission raised and then fulfilled',
    async () => {
      baseline = await run('undisturbed');
      const verdict = compared(baseline);
      expect(baseline.problems).toEqual([]);
      expect(baseline.ledger.raised.size).toBeGreaterThan(0);
      expect({
        lostRecords: verdict.lostRecords,
        raisedMoreThanOnce: verdict.raisedMoreThanOnce,
        omissionsRaisedThenFulfilled: verdict.omissionsRaisedThenFulfilled,
      }).toEqual({ lostRecords: 0, raisedMoreThanOnce: 0, omissionsRaisedThenFulfilled: [] });
    },
    TEST_TIMEOUT_MS,
  );

  for (const service of ['intake', 'matcher', 'detector'] as const) {
    it(
      `SIGKILL of the ${service} mid-stream: the same outputs as undisturbed`,
      async () => {
        expect(baseline).toBeDefined();
        expectSameAsUndisturbed(await run(`kill-${service}`, killService(service)));
      },
      TEST_TIMEOUT_MS,
    );
  }

  it(
    `broker stopped ${OUTAGE_SECONDS} s mid-stream: the same outputs as undisturbed`,
    async () => {
      expect(baseline).toBeDefined();
      expectSameAsUndisturbed(await run('broker-outage', brokerOutage(OUTAGE_SECONDS)));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    `PostgreSQL stopped ${OUTAGE_SECONDS} s mid-stream: the same outputs as undisturbed`,
    async () => {
      expect(baseline).toBeDefined();
      expectSameAsUndisturbed(await run('postgres-outage', postgresOutage(OUTAGE_SECONDS)));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'scaled out, two matcher and two detector processes sharing their consumer groups: the same outputs as one of each (issue 11)',
    async () => {
      expect(baseline).toBeDefined();
      const scaled = await run('two-of-each', undefined, {
        ratePerSecond: RATE,
        instances: { matcher: 2, detector: 2 },
      });
      say(`two-of-each: work by process ${JSON.stringify(scaled.workByProcess)}`);
      // Both processes of each service took a share: otherwise this run would show nothing about scaling out.
      for (const service of ['matcher', 'detector'] as const) {
        const shares = scaled.workByProcess.filter((w) => w.service === service);
        expect(shares).toHaveLength(2);
        for (const share of shares) expect(share.done).toBeGreaterThan(0);
      }
      expectSameAsUndisturbed(scaled);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'skewed partitions (85% of the records on partition 0, produced all at once): no omission raised early',
    async () => {
      expect(baseline).toBeDefined();
      // All at once: partition 0 is then a backlog intake and matcher work through long after the others are done.
      const skewed = await run('skew', undefined, {
        partitionOf: (m) => skewedPartition(m.key, 6, 0.85),
        ratePerSecond: 0,
      });
      const verdict = compared(skewed);
      const omissionsBeyondUndisturbed = verdict.alertsExtra.filter(
        (id) => skewed.ledger.alerts.get(id)?.kind === 'OMISSION',
      );
      expect(skewed.problems).toEqual([]);
      expect({
        lostRecords: verdict.lostRecords,
        omissionsRaisedThenFulfilled: verdict.omissionsRaisedThenFulfilled,
        omissionsBeyondUndisturbed: omissionsBeyondUndisturbed.length,
      }).toEqual({ lostRecords: 0, omissionsRaisedThenFulfilled: [], omissionsBeyondUndisturbed: 0 });
    },
    TEST_TIMEOUT_MS,
  );
});
