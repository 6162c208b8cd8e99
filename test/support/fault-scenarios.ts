import { Disturbance, FaultRunResult, RunningHub } from './fault-hub';
import { GeneratedFeed } from '../generator/feed';
import { departmentRecordKey, linkDifference, linkDifferences } from './link-outcome';
import { scorePlanted } from './planted-score';
import { PipelineService } from './supervised-service';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function killService(name: PipelineService): Disturbance {
  return { name: `SIGKILL ${name}`, act: (hub: RunningHub) => hub.service(name).kill() };
}

/** A dependency taken away for `seconds`, then brought back on the same data. */
function outage(
  what: string,
  seconds: number,
  stop: (hub: RunningHub) => Promise<void>,
  start: (hub: RunningHub) => Promise<void>,
): Disturbance {
  return {
    name: `${what} stopped ${seconds} s`,
    act: async (hub) => {
      await stop(hub);
      hub.say(`${what} stopped`);
      await sleep(seconds * 1000);
      await start(hub);
      hub.say(`${what} started again`);
    },
  };
}

export const brokerOutage = (seconds: number): Disturbance =>
  outage(
    'broker',
    seconds,
    (hub) => hub.infra.stopBroker(),
    (hub) => hub.infra.startBroker(),
  );

/** Fast shutdown: every connection is cut. */
export const postgresOutage = (seconds: number): Disturbance =>
  outage(
    'PostgreSQL',
    seconds,
    (hub) => hub.infra.stopPostgres(),
    (hub) => hub.infra.startPostgres(),
  );

/**
 * How a run's outputs differ from the undisturbed run of the same feed, and what is wrong in the run
 * whatever the baseline says. Every figure is 0 when the run is right.
 */
export interface FaultVerdict {
  lostRecords: number;
  clustersDiffering: number;
  possibleDiffering: number;
  alertsMissing: string[];
  alertsExtra: string[];
  raisedMoreThanOnce: number;
  /** Omissions raised and later fulfilled that the feed did not plant late: raised early (ids). */
  omissionsRaisedThenFulfilled: string[];
}

/**
 * Which persons and review proposals differ from the undisturbed run (at most `n` of each), with the generator's
 * person behind each record: to trace an order-dependent decision to its records.
 */
export function differingPersons(
  run: FaultRunResult,
  baseline: FaultRunResult,
  feed: GeneratedFeed,
  n = 5,
): { onlyHere: string[]; onlyInBaseline: string[]; possible: string[] } {
  const truthOf = new Map(
    feed.truth.records.map((r) => [departmentRecordKey(r.source, r.sourcePersonId), r.personId] as const),
  );
  const named = (cluster: string) =>
    cluster
      .split(' + ')
      .map((key) => `${key} (${truthOf.get(key) ?? '?'})`)
      .join(' + ');
  const differences = linkDifferences(run.outcome, baseline.outcome);
  return {
    onlyHere: differences.clustersOnlyHere.slice(0, n).map(named),
    onlyInBaseline: differences.clustersOnlyInBaseline.slice(0, n).map(named),
    possible: differences.possibleDiffering
      .slice(0, n)
      .map(
        (k) =>
          `${named(k)} proposed for ${run.outcome.possible.get(k) ?? 'none'} here, ${baseline.outcome.possible.get(k) ?? 'none'} undisturbed`,
      ),
  };
}

/** `feed`: the generator's truth, to tell an omission fulfilled late by design (planted) from one raised early. */
export function verdictAgainst(run: FaultRunResult, baseline: FaultRunResult, feed: GeneratedFeed): FaultVerdict {
  const links = linkDifference(run.outcome, baseline.outcome);
  return {
    lostRecords: run.lostRecords.length,
    clustersDiffering: links.clustersOnlyHere + links.clustersOnlyInBaseline,
    possibleDiffering: links.possibleDiffering,
    alertsMissing: [...baseline.ledger.raised].filter((id) => !run.ledger.raised.has(id)),
    alertsExtra: [...run.ledger.raised].filter((id) => !baseline.ledger.raised.has(id)),
    raisedMoreThanOnce: run.ledger.raisedMoreThanOnce.length,
    omissionsRaisedThenFulfilled: scorePlanted(feed, run.ledger, run.links).fulfilledEarly,
  };
}

const restarts = (counts: Record<PipelineService, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`)
    .join(' ') || '-';

/** One line per run; the first row is the baseline the others are compared with. */
export function faultTable(rows: { run: FaultRunResult; verdict: FaultVerdict }[]): string {
  const head = [
    'scenario',
    'time s',
    'disturbed at s',
    'records (lost)',
    'persons differing',
    'possible differing',
    'alerts raised',
    'missing',
    'extra',
    'raised twice',
    'omission raised then fulfilled',
    'killed',
    'exited by itself',
    'problems',
  ];
  const lines = rows.map(({ run, verdict }) => [
    run.label,
    run.seconds.toFixed(0),
    run.disturbedAt?.toFixed(0) ?? '-',
    `${run.expectedRecords} (${verdict.lostRecords})`,
    String(verdict.clustersDiffering),
    String(verdict.possibleDiffering),
    String(run.ledger.raised.size),
    String(verdict.alertsMissing.length),
    String(verdict.alertsExtra.length),
    String(verdict.raisedMoreThanOnce),
    String(verdict.omissionsRaisedThenFulfilled.length),
    restarts(run.kills),
    restarts(run.crashes),
    run.problems.join('; ') || '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  return [head, ...lines].map((cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ')).join('\n');
}

/** FNV-1a of a key: the same record always lands on the same partition, as with Kafka's own partitioner. */
function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A skewed placement: `heavyShare` of the records (by key) on partition 0 of every intake topic, the rest
 * spread over the other partitions. Each record's events stay on one partition, in order; partition 0
 * then takes several times longer to get through intake and matcher than the others.
 */
export function skewedPartition(key: string, partitions: number, heavyShare: number): number {
  const h = keyHash(key);
  return (h % 1000) / 1000 < heavyShare ? 0 : 1 + (Math.floor(h / 1000) % (partitions - 1));
}
