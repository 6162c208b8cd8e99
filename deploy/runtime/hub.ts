/**
 * Local runtime of the hub (no Docker). Called by deploy/hub.sh:
 *   demo [--empty] [--households N]   Kafka + PostgreSQL + every service; a demo feed unless --empty
 *   test [jest args]                   the whole test suite against a real broker and database
 *   bench:intake [--events N]          intake throughput benchmark
 *   bench:match [--known N] [--records N]   streaming match rate with N persons already known
 *   bench:e2e [--events N] [--rate R]  the whole pipeline: throughput, alert latency, alert precision/recall
 *   eval:stream [households]           the matcher's linking, record by record, in two orders
 *   migrate                            migrations against DATABASE_URL
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrate } from '@hub/persistence';
import { ensureBrowser } from './browser-setup';
import { startInfrastructure } from './infrastructure';
import { LOG_DIR, REPO, RUN_DIR, ServiceProcess, httpOk, nodeTs, say, startService, waitFor } from './processes';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

async function demo(args: string[]): Promise<void> {
  const infra = await startInfrastructure({ purpose: 'demo', database: 'assist_hub' });
  const services: ServiceProcess[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping...');
    for (const s of services.reverse()) await s.stop();
    await infra.stop();
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const env = { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl };
    const intakePort = Number(process.env.INTAKE_HTTP_PORT ?? 3101);
    const intake = startService('intake', 'apps/intake/src/main.ts', { ...env, INTAKE_HTTP_PORT: String(intakePort) });
    services.push(intake);
    await waitFor('intake ready', () => httpOk(`http://127.0.0.1:${intakePort}/ready`), 60_000, intake);
    say(`intake is running (log ${path.relative(REPO, intake.logFile)})`);
    const matcherPort = Number(process.env.MATCHER_HTTP_PORT ?? 3102);
    const matcher = startService('matcher', 'apps/matcher/src/main.ts', { ...env, MATCHER_HTTP_PORT: String(matcherPort) });
    services.push(matcher);
    await waitFor('matcher ready', () => httpOk(`http://127.0.0.1:${matcherPort}/ready`), 60_000, matcher);
    say(`matcher is running (log ${path.relative(REPO, matcher.logFile)})`);
    const detectorPort = Number(process.env.DETECTOR_HTTP_PORT ?? 3103);
    // A demo feed ends within a minute: its quiet departments stop holding event time back after 10 s
    // instead of the rule pack's hour, so the omissions of the demo year are due while you watch.
    const detector = startService('detector', 'apps/detector/src/main.ts', { ...env, DETECTOR_HTTP_PORT: String(detectorPort), DETECTOR_IDLE_SPAN_SECONDS: process.env.DETECTOR_IDLE_SPAN_SECONDS ?? '10' });
    services.push(detector);
    await waitFor('detector ready', () => httpOk(`http://127.0.0.1:${detectorPort}/ready`), 60_000, detector);
    say(`detector is running (log ${path.relative(REPO, detector.logFile)})`);
    const adminPort = Number(process.env.ADMIN_HTTP_PORT ?? 3100);
    const adminLogBefore = fs.existsSync(path.join(LOG_DIR, 'admin.log')) ? fs.statSync(path.join(LOG_DIR, 'admin.log')).size : 0;
    // The admin reads the other services over HTTP, wherever their ports were put.
    const admin = startService('admin', 'apps/admin/src/main.ts', {
      ...env, ADMIN_HTTP_PORT: String(adminPort),
      INTAKE_URL: `http://127.0.0.1:${intakePort}`, MATCHER_URL: `http://127.0.0.1:${matcherPort}`, DETECTOR_URL: `http://127.0.0.1:${detectorPort}`,
    });
    services.push(admin);
    await waitFor('admin ready', () => httpOk(`http://127.0.0.1:${adminPort}/ready`), 60_000, admin);
    say(`admin is running (log ${path.relative(REPO, admin.logFile)})`);
    // The admin service's first start (no admin user yet) logs how to log in; repeat it here once.
    const firstStart = fs.readFileSync(admin.logFile).subarray(adminLogBefore).toString('utf8').split('\n').filter((l) => l.includes('first start:')).pop();
    if (firstStart) say(firstStart.slice(firstStart.indexOf('first start:')).replace(/ \+\d+ms$/, ''));

    if (!args.includes('--empty')) {
      const households = option(args, 'households', '2000');
      const { command, args: cli } = nodeTs('test/generator/cli.ts', ['publish', '--seed', '2026', '--households', households, '--planted', '2', '--resend', '0.01', '--out', path.join(LOG_DIR, '..', 'demo-feed')]);
      await new Promise<void>((resolve, reject) => {
        const child = spawn(command, cli, { cwd: REPO, env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true' }, stdio: ['ignore', 'inherit', 'inherit'] });
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`demo feed publisher exited with ${code}`))));
      });
      await new Promise((r) => setTimeout(r, 3000));
      const stats = (await (await fetch(`http://127.0.0.1:${intakePort}/intake/stats`)).json()) as { total: Record<string, unknown> };
      say(`intake so far: ${JSON.stringify(stats.total)}`);
      const links = (await (await fetch(`http://127.0.0.1:${matcherPort}/matcher/stats`)).json()) as { counts: Record<string, unknown> };
      say(`matcher so far: ${JSON.stringify(links.counts)}`);
      await showAlerts(detectorPort);
    }

    say('the hub is up. Where to look:');
    say(`  intake health     http://127.0.0.1:${intakePort}/health`);
    say(`  intake counters   http://127.0.0.1:${intakePort}/intake/stats`);
    say(`  matcher counters  http://127.0.0.1:${matcherPort}/matcher/stats`);
    say(`  detector          http://127.0.0.1:${detectorPort}/detector/stats (event time per department)`);
    say(`  alerts            http://127.0.0.1:${detectorPort}/alerts?status=OPEN  (Kafka: alerts.duplicate, alerts.omission)`);
    say(`  accounts          http://127.0.0.1:${detectorPort}/accounts/persons/<personId>, /accounts/households/<householdId>`);
    say(`  pre-payment check POST http://127.0.0.1:${detectorPort}/prepayment/checks`);
    say(`  admin API         http://127.0.0.1:${adminPort}/api/docs (Swagger UI; log in with POST /api/auth/login)`);
    say(`  logs              ${LOG_DIR}`);
    say(`  database          ${infra.databaseUrl.replace(/:[^:@/]+@/, ':***@')} (tables intake_event, person, person_record, alert, alert_history)`);
    say(`  Kafka             ${infra.kafkaBrokers} (topics intake.*, intake.dead-letter, hub.intake.accepted, persons.links)`);
    say(`  console           http://127.0.0.1:${adminPort}/  (feeds, topics, dead letters, match review, alerts, people, audit log; 中文, English)`);
    say('  more users        as admin: POST /api/users {"username":"li","displayName":"李审核","role":"reviewer"} in the Swagger UI prints a one-time password');
    say('press Ctrl-C to stop everything this command started');
    // Stay up until a signal, or until a service dies (then stop the rest and say so).
    await Promise.race(services.map((s) => new Promise<void>((resolve) => s.child.once('exit', () => resolve()))));
    if (!stopping) {
      say(`a service exited unexpectedly; see ${LOG_DIR}`);
      await shutdown(1);
    }
  } catch (e) {
    say(`demo failed: ${(e as Error).message}`);
    await shutdown(1);
  }
}

/** Waits until the detector has caught up and event time has closed the demo year's windows, then prints the alerts. */
async function showAlerts(port: number): Promise<void> {
  const get = async (p: string) => (await fetch(`http://127.0.0.1:${port}${p}`)).json() as Promise<any>;
  let last = '';
  for (let quiet = 0, waited = 0; quiet < 3 && waited < 120; waited += 5) {
    await new Promise((r) => setTimeout(r, 5000));
    const s = await get('/detector/stats');
    const now = JSON.stringify([s.counts.events, s.counts.raised, s.counts.fulfilled, s.counts.retracted]);
    quiet = now === last ? quiet + 1 : 0;
    last = now;
    say(`detector: ${s.counts.events} events, ${s.counts.raised} alerts raised, event time ${s.eventTime ?? '-'}`);
  }
  const alerts = (await get('/alerts?limit=5000')) as { ruleId: string; status: string; alert: { explanation: string } }[];
  const byRule = new Map<string, number>();
  for (const a of alerts) byRule.set(`${a.ruleId} ${a.status}`, (byRule.get(`${a.ruleId} ${a.status}`) ?? 0) + 1);
  say(`alerts by rule and status:`);
  for (const [k, n] of [...byRule].sort()) say(`  ${k.padEnd(40)} ${n}`);
  const example = alerts.find((a) => a.status === 'OPEN');
  if (example) say(`for example: ${example.alert.explanation}`);
}

async function withInfrastructure(purpose: 'test' | 'bench', script: { command: string; args: string[] }): Promise<number> {
  const started = Date.now();
  const infra = await startInfrastructure({ purpose, database: `assist_hub_${purpose}` });
  say(`broker and database ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const env = {
    ...process.env,
    KAFKA_BROKERS: infra.kafkaBrokers,
    DATABASE_URL: infra.databaseUrl,
    // Test suites create their own databases on this server, migrated once each.
    TEST_PG_SERVER_URL: infra.postgresServerUrl ?? '',
    TS_NODE_TRANSPILE_ONLY: 'true',
  };
  const code = await new Promise<number>((resolve) => {
    const child = spawn(script.command, script.args, { cwd: REPO, env, stdio: ['ignore', 'inherit', 'inherit'] });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  await infra.stop();
  return code;
}

/** Type check, then every unit and end-to-end test; ends with a plain "N passed, N failed" line. */
async function test(args: string[]): Promise<number> {
  say('type-checking (tsc --noEmit)...');
  const tsc = spawnSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: REPO, stdio: 'inherit' });
  if (tsc.status !== 0) {
    say('type check failed');
    process.stdout.write('0 passed, 1 failed\n');
    return 1;
  }
  ensureBrowser();
  const results = path.join(RUN_DIR, 'jest-results.json');
  fs.rmSync(results, { force: true });
  const jest = path.join(REPO, 'node_modules/jest/bin/jest.js');
  const code = await withInfrastructure('test', { command: process.execPath, args: [jest, '--runInBand', '--json', `--outputFile=${results}`, ...args] });
  if (fs.existsSync(results)) {
    const r = JSON.parse(fs.readFileSync(results, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numFailedTestSuites: number; numRuntimeErrorTestSuites: number };
    const broken = r.numRuntimeErrorTestSuites;
    process.stdout.write(`${r.numPassedTests} passed, ${r.numFailedTests + broken} failed, ${r.numPendingTests} skipped\n`);
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
    case 'bench:intake':
      process.exit(await withInfrastructure('bench', nodeTs('test/bench/intake.bench.ts', args)));
      break;
    case 'bench:e2e':
      process.exit(await withInfrastructure('bench', nodeTs('test/bench/e2e.bench.ts', args)));
      break;
    case 'bench:faults':
      process.exit(await withInfrastructure('bench', nodeTs('test/bench/faults.bench.ts', args)));
      break;
    case 'bench:match':
      process.exit(await withInfrastructure('bench', nodeTs('test/bench/match.bench.ts', args)));
      break;
    case 'eval:stream':
      process.exit(await withInfrastructure('bench', nodeTs('test/eval/streaming.eval.ts', args)));
      break;
    case 'migrate': {
      if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set');
      const ran = await migrate(process.env.DATABASE_URL);
      say(ran.length ? `applied: ${ran.join(', ')}` : 'schema is current');
      break;
    }
    default:
      process.stderr.write('usage: deploy/hub.sh demo [--empty] [--households N] | test [jest args] | bench:intake [--events N] [--instances N] | bench:match [--known N] [--records N] | bench:e2e [--events N] [--rate R] [--seconds S] | eval:stream [households] | migrate\n');
      process.exit(2);
  }
}

main().catch((e) => {
  say(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
