/**
 * Local runtime of the hub (no Docker). Called by deploy/hub.sh:
 *   demo [--empty] [--households N] [--secure]   Kafka + PostgreSQL + every service; a demo feed unless --empty;
 *                                      --secure: the broker with SASL/SCRAM principals and ACLs (issue 12)
 *   kafka:acls                         the ACLs the hub needs on a secured cluster, as a table
 *   data:reseal                        personal data in DATABASE_URL brought to the current keys (after a rotation)
 *   data:rotate-key                    a new current data key in .run/data-keys.json (or HUB_DATA_KEYS_FILE)
 *   test [jest args]                   type check, lint, format check, then the whole test suite against a real
 *                                      broker and database (with jest args: type check and those tests only)
 *   bench:intake [--events N]          intake throughput benchmark
 *   bench:match [--known N] [--records N]   streaming match rate with N persons already known
 *   bench:e2e [--events N] [--rate R]  the whole pipeline: throughput, alert latency, alert precision/recall
 *   eval:stream [households]           the matcher's linking, record by record, in two orders
 *   migrate                            migrations against DATABASE_URL
 *   asyncapi                           docs/asyncapi.yaml written anew from proto/ and libs/topics
 *   image:check [image]                the image (deploy/container/build-local.sh) run against a real broker and database
 *   rules:check [file]                 a rule pack loaded as the detector loads it: every problem, or its rules
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrate } from '@hub/persistence';
import { DEFAULT_RULE_PACK_FILE, loadRulePack } from '@hub/rules';
import { ensureBrowser } from './browser-setup';
import { startInfrastructure } from './infrastructure';
import { detectorIdleSpanEnv } from './detector-idle-span';
import { processRuns } from './process-liveness';
import { serviceTokenHeaders } from '../../libs/runtime/src/service-auth/service-token';
import {
  LOG_DIR,
  REPO,
  RUN_DIR,
  dataKeysEnv,
  httpOk,
  nodeTs,
  run,
  say,
  serviceProcess,
  serviceToken,
  waitFor,
} from './processes';
import { readPrincipals, secureBrokerCaFile, secureBrokerTlsEnv, servicePrincipalEnv } from './kafka-principals';
import { aclTable, groupIdsFrom, localHubAcls } from '../../apps/ops/src/kafka-provisioning';
import { ASYNCAPI_FILE, HubService, TopicNames, asyncApiYaml } from '@hub/topics';
import { Supervisor } from './supervisor';
import { demoAdminMode } from './demo-admin-mode';
import { instanceCount, instancePorts } from './service-instances';
import { resealDatabase, rotateDataKey } from './personal-data';
import { Client } from 'pg';
import { ANY_ADMIN_SQL } from '../../apps/admin/src/users/user-store';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

/**
 * The hub's processes under one supervisor: Ctrl-C and SIGTERM stop them all (services, then
 * PostgreSQL, then the broker), SIGUSR2 prints the restart counts, and whatever ends the hub, the
 * processes still running are killed on the way out.
 */
function supervised(onSignal: () => void): Supervisor {
  const supervisor = new Supervisor({ say, stopGraceMs: stopGraceMs() });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGUSR2', () => say(supervisor.summary()));
  process.on('exit', () => {
    for (const pid of supervisor.pids().filter(processRuns)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  });
  return supervisor;
}

function stopGraceMs(): number {
  const seconds = Number(process.env.HUB_STOP_GRACE_SECONDS ?? 10);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error(
      `HUB_STOP_GRACE_SECONDS must be a number of seconds ≥ 0, not ${process.env.HUB_STOP_GRACE_SECONDS}`,
    );
  return seconds * 1000;
}

/** Where the demo's services listen: `<SERVICE>_HTTP_PORT`, else the defaults (the first instance's port). */
interface DemoPorts {
  intake: number;
  matcher: number;
  detector: number;
  admin: number;
}

function demoPorts(env: NodeJS.ProcessEnv): DemoPorts {
  return {
    intake: Number(env.INTAKE_HTTP_PORT ?? 3101),
    matcher: Number(env.MATCHER_HTTP_PORT ?? 3102),
    detector: Number(env.DETECTOR_HTTP_PORT ?? 3103),
    admin: Number(env.ADMIN_HTTP_PORT ?? 3100),
  };
}

async function demo(args: string[]): Promise<void> {
  let stopping = false;
  // The demo feed's publisher is not supervised (it ends by itself), but it is stopped with the hub.
  const feedPublisher = new AbortController();
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping...');
    feedPublisher.abort();
    await supervisor.stop();
    say(supervisor.summary());
    say('stopped');
    process.exit(code);
  };
  const supervisor = supervised(() => void shutdown(0));
  say(`hub pid ${process.pid}: Ctrl-C stops everything; kill -USR2 ${process.pid} prints the restart counts`);

  try {
    const secure = args.includes('--secure');
    const principalsFile = secure ? secureBrokerEnv() : undefined;
    const infra = await startInfrastructure({ purpose: 'demo', database: 'assist_hub', supervisor });
    const env = {
      ...process.env,
      KAFKA_BROKERS: infra.kafkaBrokers,
      DATABASE_URL: infra.databaseUrl,
      HUB_SERVICE_TOKEN: serviceToken(),
      ...dataKeysEnv(),
    };
    const passwords = principalsFile ? readPrincipals(principalsFile) : undefined;
    // On the secured broker each service is its own principal, and topics are the operator's (kafka.sh made them).
    const kafkaAs = (service: HubService): Record<string, string> =>
      passwords && principalsFile
        ? {
            ...servicePrincipalEnv(passwords, service),
            ...secureBrokerTlsEnv(principalsFile),
            KAFKA_MANAGE_TOPICS: 'false',
          }
        : {};
    // Each service as its own principal on the broker (--secure) and its own role in the database.
    const as = (service: HubService): NodeJS.ProcessEnv => ({
      ...env,
      ...kafkaAs(service),
      DATABASE_URL: infra.serviceDatabaseUrl(service),
    });
    if (principalsFile)
      say(
        `secured broker: TLS (CA ${path.relative(REPO, secureBrokerCaFile(principalsFile))}), SASL/SCRAM-SHA-512, one principal per department and per service, ACLs granted; passwords in ${path.relative(REPO, principalsFile)}`,
      );
    const feed = !args.includes('--empty');
    // Rows written before sealing, or under a key rotated out since, are sealed anew before the matcher reads them.
    await resealDatabase(infra.databaseUrl);
    // Checked before any service starts: a refusal names what to set and leaves nothing running.
    const adminMode = demoAdminMode(feed, process.env, await adminExists(infra.databaseUrl));
    if (adminMode.refusal) throw new Error(adminMode.refusal);
    say(
      `admin mode: ${adminMode.ADMIN_MODE}${process.env.ADMIN_MODE ? ' (ADMIN_MODE)' : feed ? ' (demo feed)' : ' (the default of --empty)'}`,
    );
    const ports = demoPorts(process.env);
    await startDemoServices(supervisor, ports, as, { feed, adminMode: adminMode.ADMIN_MODE });
    if (feed) {
      await run(
        ...publishDemoFeed(option(args, 'households', '2000'), principalsFile),
        { ...env, TS_NODE_TRANSPILE_ONLY: 'true' },
        feedPublisher.signal,
      );
      await new Promise((r) => setTimeout(r, 3000));
      await reportDemoFeed(ports);
    }
    printWhereToLook(ports, infra);
    // Up until a signal: the supervisor keeps the processes running meanwhile.
  } catch (e) {
    if (stopping) return;
    say(`demo failed: ${(e as Error).message}`);
    await shutdown(1);
  }
}

/**
 * Intake, matcher, detector (each as `<SERVICE>_INSTANCES` processes in one consumer group), then the admin, each
 * ready before the next starts. A service that dies is started again by the supervisor; at start-up each gets a
 * minute to be ready.
 */
async function startDemoServices(
  supervisor: Supervisor,
  ports: DemoPorts,
  envOf: (service: HubService) => NodeJS.ProcessEnv,
  demoRun: { feed: boolean; adminMode: string },
): Promise<void> {
  const startReady = async (name: string, script: string, port: number, serviceEnv: NodeJS.ProcessEnv) => {
    const service = serviceProcess(name, script, serviceEnv);
    await supervisor.add(service);
    await waitFor(`${name} ready`, () => httpOk(`http://127.0.0.1:${port}/ready`), 60_000, service.logFile);
    say(`${name} is running (log ${path.relative(REPO, service.logFile)})`);
  };
  // Further instances of a service take the ports after its first.
  const startAll = async (service: 'intake' | 'matcher' | 'detector', serviceEnv: NodeJS.ProcessEnv) => {
    const instances = instancePorts(ports[service], instanceCount(process.env, service));
    for (const [i, port] of instances.entries()) {
      await startReady(i === 0 ? service : `${service}-${i + 1}`, `apps/${service}/src/main.ts`, port, {
        ...serviceEnv,
        [`${service.toUpperCase()}_HTTP_PORT`]: String(port),
      });
    }
    if (instances.length > 1)
      say(`${service}: ${instances.length} processes in one consumer group, on ports ${instances.join(', ')}`);
  };
  await startAll('intake', envOf('intake'));
  await startAll('matcher', envOf('matcher'));
  const idleSpan = detectorIdleSpanEnv(demoRun.feed, process.env);
  say(
    `detector idle span: ${idleSpan.DETECTOR_IDLE_SPAN_SECONDS ? `${idleSpan.DETECTOR_IDLE_SPAN_SECONDS} s${process.env.DETECTOR_IDLE_SPAN_SECONDS ? ' (DETECTOR_IDLE_SPAN_SECONDS)' : ' (demo feed)'}` : "the rule pack's (eventTime.idleSpanMinutes)"}`,
  );
  await startAll('detector', { ...envOf('detector'), ...idleSpan });
  const adminLog = path.join(LOG_DIR, 'admin.log');
  const adminLogBefore = fs.existsSync(adminLog) ? fs.statSync(adminLog).size : 0;
  // The admin reads the other services over HTTP, wherever their ports were put.
  await startReady('admin', 'apps/admin/src/main.ts', ports.admin, {
    ...envOf('admin'),
    ADMIN_MODE: demoRun.adminMode,
    ADMIN_HTTP_PORT: String(ports.admin),
    INTAKE_URL: `http://127.0.0.1:${ports.intake}`,
    MATCHER_URL: `http://127.0.0.1:${ports.matcher}`,
    DETECTOR_URL: `http://127.0.0.1:${ports.detector}`,
  });
  // The admin service's first start (no admin user yet) logs how to log in; repeat it here once.
  const firstStart = fs
    .readFileSync(adminLog)
    .subarray(adminLogBefore)
    .toString('utf8')
    .split('\n')
    .filter((l) => l.includes('first start:'))
    .pop();
  if (firstStart) say(firstStart.slice(firstStart.indexOf('first start:')).replace(/ \+\d+ms$/, ''));
}

/** What the demo feed came to: intake's and the matcher's counters, then the alerts once event time has settled. */
async function reportDemoFeed(ports: DemoPorts): Promise<void> {
  const stats = (await (await fetch(`http://127.0.0.1:${ports.intake}/intake/stats`)).json()) as {
    total: Record<string, unknown>;
  };
  say(`intake so far: ${JSON.stringify(stats.total)}`);
  const links = (await (await fetch(`http://127.0.0.1:${ports.matcher}/matcher/stats`)).json()) as {
    counts: Record<string, unknown>;
  };
  say(`matcher so far: ${JSON.stringify(links.counts)}`);
  await showAlerts(ports.detector);
}

function printWhereToLook(ports: DemoPorts, infra: { databaseUrl: string; kafkaBrokers: string }): void {
  say('the hub is up. Where to look:');
  say(`  intake health     http://127.0.0.1:${ports.intake}/health`);
  say(`  intake counters   http://127.0.0.1:${ports.intake}/intake/stats`);
  say(`  matcher counters  http://127.0.0.1:${ports.matcher}/matcher/stats`);
  say(`  detector          http://127.0.0.1:${ports.detector}/detector/stats (event time per department)`);
  say(
    `  service token     ${path.relative(REPO, path.join(RUN_DIR, 'service-token'))}: the routes below with personal data need "Authorization: Bearer <it>" (people use the console)`,
  );
  say(
    `  alerts            http://127.0.0.1:${ports.detector}/alerts?status=OPEN  (Kafka: alerts.duplicate, alerts.omission)`,
  );
  say(
    `  accounts          http://127.0.0.1:${ports.detector}/accounts/persons/<personId>, /accounts/households/<householdId>`,
  );
  say(`  pre-payment check POST http://127.0.0.1:${ports.detector}/prepayment/checks`);
  say(`  admin API         http://127.0.0.1:${ports.admin}/api/docs (Swagger UI; log in with POST /api/auth/login)`);
  say(`  logs              ${LOG_DIR}`);
  say(
    `  database          ${infra.databaseUrl.replace(/:[^:@/]+@/, ':***@')} (tables intake_event, person, person_record, alert, alert_history)`,
  );
  say(
    `  Kafka             ${infra.kafkaBrokers} (topics intake.*, intake.dead-letter, hub.intake.accepted, persons.links)`,
  );
  say(
    `  console           http://127.0.0.1:${ports.admin}/  (feeds, topics, dead letters, match review, alerts, people, audit log; 中文, English)`,
  );
  say(
    '  more users        as admin: POST /api/users {"username":"li","displayName":"李审核","role":"reviewer"} in the Swagger UI prints a one-time password',
  );
  say(
    `press Ctrl-C to stop everything this command started; a service, the broker or the database that dies is restarted (kill -USR2 ${process.pid}: restart counts)`,
  );
}

/** Whether the admin's first start has happened in this database (asked as the owner, before the admin runs). */
async function adminExists(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(ANY_ADMIN_SQL)).rows.length > 0;
  } finally {
    await client.end();
  }
}

/** The generator's command line for the demo county; on a secured broker each department publishes as itself. */
function publishDemoFeed(households: string, principalsFile: string | undefined): [string, string[]] {
  const { command, args } = nodeTs('test/generator/cli.ts', [
    'publish',
    '--seed',
    '2026',
    '--households',
    households,
    '--planted',
    '2',
    '--resend',
    '0.01',
    '--out',
    path.join(LOG_DIR, '..', 'demo-feed'),
    ...(principalsFile ? ['--principals', principalsFile] : []),
  ]);
  return [command, args];
}

/**
 * `demo --secure`: kafka.sh runs its broker secured, on a port and in a folder of its own (a data folder
 * formatted for plaintext is never started secured, nor the other way round). Returns the principals file.
 */
function secureBrokerEnv(): string {
  process.env.KAFKA_SECURE = 'true';
  process.env.KAFKA_PORT ??= '9094';
  process.env.KAFKA_DATA_DIR ??= path.join(RUN_DIR, 'kafka-secure');
  return path.join(process.env.KAFKA_DATA_DIR, 'principals.json');
}

/** The ACL list for a cluster's operators (README, Security): what the hub's principals need, with the default names. */
function printAcls(): void {
  const partitions = Number(process.env.INTAKE_PARTITIONS ?? 6);
  const acls = localHubAcls(new TopicNames(process.env.TOPIC_NAMESPACE ?? ''), partitions, groupIdsFrom(process.env));
  process.stdout.write(
    `${aclTable(acls)}\n\n${acls.length} rules; super users: User:hub-broker (the broker itself), User:hub-ops (provisions topics and ACLs).\n`,
  );
}

/** Waits until the detector has caught up and event time has closed the demo year's windows, then prints the alerts. */
async function showAlerts(port: number): Promise<void> {
  const headers = serviceTokenHeaders(serviceToken());
  const get = async <T>(p: string): Promise<T> =>
    (await (await fetch(`http://127.0.0.1:${port}${p}`, { headers })).json()) as T;
  let last = '';
  for (let quiet = 0, waited = 0; quiet < 3 && waited < 120; waited += 5) {
    await new Promise((r) => setTimeout(r, 5000));
    const s = await get<{
      counts: Record<'events' | 'raised' | 'fulfilled' | 'retracted', number>;
      eventTime?: string | null;
    }>('/detector/stats');
    const now = JSON.stringify([s.counts.events, s.counts.raised, s.counts.fulfilled, s.counts.retracted]);
    quiet = now === last ? quiet + 1 : 0;
    last = now;
    say(`detector: ${s.counts.events} events, ${s.counts.raised} alerts raised, event time ${s.eventTime ?? '-'}`);
  }
  const alerts = await get<{ ruleId: string; status: string; alert: { explanation: string } }[]>('/alerts?limit=5000');
  const byRule = new Map<string, number>();
  for (const a of alerts) byRule.set(`${a.ruleId} ${a.status}`, (byRule.get(`${a.ruleId} ${a.status}`) ?? 0) + 1);
  say(`alerts by rule and status:`);
  for (const [k, n] of [...byRule].sort()) say(`  ${k.padEnd(40)} ${n}`);
  const example = alerts.find((a) => a.status === 'OPEN');
  if (example) say(`for example: ${example.alert.explanation}`);
}

async function withInfrastructure(
  purpose: 'test' | 'bench',
  script: { command: string; args: string[] },
): Promise<number> {
  const started = Date.now();
  let child: ChildProcess | undefined;
  const supervisor = supervised(() => {
    // The script (jest, a benchmark) stops first and the infrastructure after it, as on a normal end.
    if (child && child.exitCode === null) child.kill('SIGTERM');
    else void supervisor.stop().then(() => process.exit(1));
  });
  try {
    const infra = await startInfrastructure({ purpose, database: `assist_hub_${purpose}`, supervisor });
    say(`broker and database ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const env = {
      ...process.env,
      KAFKA_BROKERS: infra.kafkaBrokers,
      DATABASE_URL: infra.databaseUrl,
      // Test suites create their own databases on this server, migrated once each.
      TEST_PG_SERVER_URL: infra.postgresServerUrl ?? '',
      HUB_SERVICE_TOKEN: serviceToken(),
      ...dataKeysEnv(),
      TS_NODE_TRANSPILE_ONLY: 'true',
    };
    return await new Promise<number>((resolve) => {
      child = spawn(script.command, script.args, { cwd: REPO, env, stdio: ['ignore', 'inherit', 'inherit'] });
      child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
  } finally {
    await supervisor.stop();
    if (Object.values(supervisor.restartCounts()).some((n) => n > 0)) say(supervisor.summary());
  }
}

/** A check of the whole tree before the tests: a tool of node_modules run with node, passing when it exits 0. */
interface TreeCheck {
  doing: string;
  bin: string;
  args: string[];
  failed: string;
}

const TYPE_CHECK: TreeCheck = {
  doing: 'type-checking (tsc --noEmit)...',
  bin: 'typescript/bin/tsc',
  args: ['--noEmit', '-p', 'tsconfig.json'],
  failed: 'type check failed',
};
const LINT: TreeCheck = {
  doing: 'linting (eslint)...',
  bin: 'eslint/bin/eslint.js',
  args: ['.'],
  failed: 'lint failed: fix what eslint reports above (npm run lint)',
};
const FORMAT_CHECK: TreeCheck = {
  doing: 'checking the formatting (prettier --check)...',
  bin: 'prettier/bin/prettier.cjs',
  args: ['--check', '.'],
  failed:
    'format check failed: the files above are not formatted as Prettier formats them (npm run format writes them)',
};

/**
 * Type check, lint and format check, then every unit and end-to-end test; ends with a plain "N passed, N failed"
 * line. A run of some tests only (jest arguments) type-checks but skips the lint and the format check, which are
 * about the whole tree and not about the tests picked; the whole suite (CI) runs all three.
 */
async function test(args: string[]): Promise<number> {
  const checks = args.length ? [TYPE_CHECK] : [TYPE_CHECK, LINT, FORMAT_CHECK];
  for (const check of checks) {
    say(check.doing);
    const ran = spawnSync(process.execPath, [path.join(REPO, 'node_modules', check.bin), ...check.args], {
      cwd: REPO,
      stdio: 'inherit',
    });
    if (ran.status !== 0) {
      say(check.failed);
      process.stdout.write('0 passed, 1 failed\n');
      return 1;
    }
  }
  if (args.length) say('some tests only: lint and format check skipped (npm run lint, npm run format:check)');
  ensureBrowser();
  const results = path.join(RUN_DIR, 'jest-results.json');
  fs.rmSync(results, { force: true });
  const jest = path.join(REPO, 'node_modules/jest/bin/jest.js');
  // --forceExit: a test that fails half-way may leave a client open; the run must still end and say so, not hang.
  const code = await withInfrastructure('test', {
    command: process.execPath,
    args: [jest, '--runInBand', '--forceExit', '--json', `--outputFile=${results}`, ...args],
  });
  if (fs.existsSync(results)) {
    const r = JSON.parse(fs.readFileSync(results, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numFailedTestSuites: number;
      numRuntimeErrorTestSuites: number;
    };
    const broken = r.numRuntimeErrorTestSuites;
    process.stdout.write(
      `${r.numPassedTests} passed, ${r.numFailedTests + broken} failed, ${r.numPendingTests} skipped\n`,
    );
  } else {
    process.stdout.write('0 passed, 1 failed\n');
  }
  return code;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'demo':
      return demo(args);
    case 'test':
      process.exit(await test(args));
      break;
    case 'kafka:acls':
      printAcls();
      break;
    case 'data:reseal': {
      if (!process.env.DATABASE_URL)
        throw new Error('DATABASE_URL is not set (the demo reseals its own database at start)');
      await resealDatabase(process.env.DATABASE_URL);
      break;
    }
    case 'data:rotate-key':
      rotateDataKey();
      break;
    case 'bench:intake':
      process.exit(await withInfrastructure('bench', nodeTs('test/bench/intake.bench.ts', args)));
      break;
    case 'bench:e2e':
      process.exit(await withInfrastructure('bench', nodeTs('test/bench/e2e.bench.ts', args)));
      break;
    case 'bench:faults':
      process.exit(await withInfrastructure('bench', nodeTs('test/bench/faults.bench.ts', args)));
      break;
    case 'bench:match': {
      // The benchmark holds the known persons twice (the feed, and the in-memory linker it compares with).
      const run = nodeTs('test/bench/match.bench.ts', args);
      process.exit(await withInfrastructure('bench', { ...run, args: ['--max-old-space-size=16000', ...run.args] }));
      break;
    }
    case 'rules:check': {
      const pack = loadRulePack(args[0] ?? DEFAULT_RULE_PACK_FILE);
      for (const rule of pack.rules)
        process.stdout.write(
          `${rule.enabled ? 'enabled ' : 'disabled'}  ${rule.id.padEnd(30)} ${rule.template.padEnd(20)} ${rule.title}\n`,
        );
      say(
        `${pack.file}: ${pack.rules.length} rules, ${pack.rules.filter((r) => r.enabled).length} enabled; calendar ${path.relative(REPO, pack.calendarFile)}`,
      );
      break;
    }
    case 'image:check':
      process.exit(await withInfrastructure('bench', nodeTs('test/bench/image.check.ts', args)));
      break;
    case 'eval:stream':
      process.exit(await withInfrastructure('bench', nodeTs('test/eval/streaming.eval.ts', args)));
      break;
    case 'asyncapi': {
      const file = path.join(REPO, ASYNCAPI_FILE);
      fs.writeFileSync(file, asyncApiYaml());
      say(`${ASYNCAPI_FILE} written`);
      break;
    }
    case 'migrate': {
      if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set');
      const ran = await migrate(process.env.DATABASE_URL);
      say(ran.length ? `applied: ${ran.join(', ')}` : 'schema is current');
      break;
    }
    default:
      process.stderr.write(
        'usage: deploy/hub.sh demo [--empty] [--households N] [--secure] | kafka:acls | data:reseal | data:rotate-key | test [jest args] | bench:intake [--events N] [--instances N] | bench:match [--known N] [--records N] | bench:e2e [--events N] [--phase throughput|latency] [--rate R] [--seconds S] [--warmup S] | eval:stream [households] | migrate | asyncapi | image:check [image] | rules:check [file]\n',
      );
      process.exit(2);
  }
}

main().catch((e) => {
  say(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
