import { Disturbance, RunningHub } from './fault-hub';
import { FaultRunResult } from './fault-hub';
import { linkDifference } from './link-outcome';
import { PipelineService } from './supervised-service';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function killService(name: PipelineService): Disturbance {
  return { name: `SIGKILL ${name}`, act: (hub: RunningHub) => hub.service(name).kill() };
}

/** Broker stopped for `seconds`, then started again on the same data. */
export function brokerOutage(seconds: number): Disturbance {
  return {
    name: `broker stopped ${seconds} s`,
    act: async (hub) => {
      await hub.infra.stopBroker();
      hub.say('broker stopped');
      await sleep(seconds * 1000);
      await hub.infra.startBroker();
      hub.say('broker started again');
    },
  };
}

/** PostgreSQL stopped (fast shutdown: every connection cut) for `seconds`, then started again. */
export function postgresOutage(seconds: number): Disturbance {
  return {
    name: `PostgreSQL stopped ${seconds} s`,
    act: async (hub) => {
      await hub.infra.stopPostgres();
      hub.say('PostgreSQL stopped');
      await sleep(seconds * 1000);
      await hub.infra.startPostgres();
      hub.say('PostgreSQL started again');
    },
  };
}

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
  omissionsRaisedThenFulfilled: number;
}

export function verdictAgainst(run: FaultRunResult, baseline: FaultRunResult): FaultVerdict {
  const links = linkDifference(run.outcome, baseline.outcome);
  return {
    lostRecords: run.lostRecords.length,
    clustersDiffering: links.clustersOnlyHere + links.clustersOnlyInBaseline,
    possibleDiffering: links.possibleDiffering,
    alertsMissing: [...baseline.ledger.raised].filter((id) => !run.ledger.raised.has(id)),
    alertsExtra: [...run.ledger.raised].filter((id) => !baseline.ledger.raised.has(id)),
    raisedMoreThanOnce: run.ledger.raisedMoreThanOnce.length,
    omissionsRaisedThenFulfilled: run.ledger.omissionsRaisedThenFulfilled.length,
  };
}

const restarts = (counts: Record<PipelineService, number>) => Object.entries(counts).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(' ') || '-';

/** One line per run; the first row is the baseline the others are compared with. */
export function faultTable(rows: { run: FaultRunResult; verdict: FaultVerdict }[]): string {
  const head = ['scenario', 'time s', 'disturbed at s', 'records (lost)', 'persons differing', 'possible differing', 'alerts raised', 'missing', 'extra', 'raised twice', 'omission raised then fulfilled', 'killed', 'exited by itself', 'problems'];
  const lines = rows.map(({ run, verdict }) => [
    run.label, run.seconds.toFixed(0), run.disturbedAt?.toFixed(0) ?? '-', `${run.expectedRecords} (${verdict.lostRecords})`, String(verdict.clustersDiffering), String(verdict.possibleDiffering),
    String(run.ledger.raised.size), String(verdict.alertsMissing.length), String(verdict.alertsExtra.length), String(verdict.raisedMoreThanOnce),
    String(verdict.omissionsRaisedThenFulfilled), restarts(run.kills), restarts(run.crashes), run.problems.join('; ') || '-',
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
