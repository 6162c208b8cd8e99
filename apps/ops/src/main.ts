/**
 * hub-ops: the operator's jobs on a county's own Kafka and PostgreSQL, from the same image as the services
 * (the Helm chart runs `migrate` and `kafka:provision` as hooks before the services start):
 *   migrate              migrations against DATABASE_URL; with HUB_DB_PASSWORD_<SERVICE> for all four services,
 *                        their roles (assist_hub_<service>) may log in with those passwords
 *   kafka:provision      the hub's topics (partitions INTAKE_PARTITIONS, retention KAFKA_INTAKE_RETENTION_DAYS);
 *                        --acls also grants the ACLs for principals named department-<d> and hub-<service>
 *   kafka:acls           those ACLs as a table, for a cluster whose ACLs another tool manages
 *   data:reseal          personal data brought to the current data key (after a key rotation)
 *   keys:new             a new set of data keys (HUB_DATA_KEYS), printed once, for a new installation's secret
 *   rules:dry-run FILE [--at YYYY-MM-DD]
 *                        what a rule pack would raise over the stored facts (at the end of that county day, else
 *                        now), against the alerts already raised; reads only, publishes nothing
 * Kafka connection settings are the services' own (KAFKA_BROKERS, KAFKA_TLS, KAFKA_SASL_*), as an operator
 * principal allowed to create topics and ACLs.
 */
import 'reflect-metadata';
import { CommonSettings, loadConfig } from '@hub/config';
import { newDataKeys } from '@hub/identity';
import { KafkajsMessageBus } from '@hub/kafka';
import { enableServiceLogins, hubDataSourceOptions, migrate } from '@hub/persistence';
import { WorkingDayCalendar, endOfCountyDay, isCalendarDateText, loadRulePack } from '@hub/rules';
import { DataSource } from 'typeorm';
import { dryRunRulePack } from '../../detector/src/rules/rule-dry-run';
import { kafkaBusOptions, personalDataVault } from '@hub/runtime';
import { HUB_SERVICES, HubService, TopicNames } from '@hub/topics';
import { aclTable, groupIdsFrom, localHubAcls, provisionKafka } from './kafka-provisioning';
import { resealPersonalDataOf } from './reseal-personal-data';
import { databasePasswordSetting } from './ops-settings';
import { Client } from 'pg';

const say = (line: string): void => {
  process.stderr.write(`[hub-ops] ${line}\n`);
};

/** The database setting is the only one a Kafka job does not use: it is not asked for there. */
const kafkaJobSettings = () =>
  loadConfig(CommonSettings, { DATABASE_URL: 'postgres://unused-by-kafka-jobs', ...process.env });

async function migrateDatabase(): Promise<void> {
  const settings = loadConfig(CommonSettings);
  const ran = await migrate(settings.DATABASE_URL);
  say(ran.length ? `applied: ${ran.join(', ')}` : 'schema is current');
  const passwords = Object.fromEntries(HUB_SERVICES.map((s) => [s, process.env[databasePasswordSetting(s)]])) as Record<
    HubService,
    string | undefined
  >;
  const given = HUB_SERVICES.filter((s) => passwords[s]);
  if (given.length === 0)
    return say(
      'no HUB_DB_PASSWORD_<SERVICE> set: service roles left as they are (NOLOGIN until an administrator sets their passwords)',
    );
  if (given.length < HUB_SERVICES.length)
    throw new Error(
      `HUB_DB_PASSWORD_<SERVICE> is set for ${given.join(', ')} only: set it for all of ${HUB_SERVICES.join(', ')}, or for none`,
    );
  const owner = new Client({ connectionString: settings.DATABASE_URL });
  await owner.connect();
  try {
    await enableServiceLogins(
      (sql, parameters) => owner.query(sql, parameters),
      passwords as Record<HubService, string>,
    );
  } finally {
    await owner.end();
  }
  say(`service roles may log in: ${HUB_SERVICES.map((s) => `assist_hub_${s}`).join(', ')}`);
}

async function provision(withAcls: boolean): Promise<void> {
  const settings = kafkaJobSettings();
  // Provisioning is the one client that creates topics, whatever KAFKA_MANAGE_TOPICS tells the services.
  const bus = new KafkajsMessageBus(kafkaBusOptions({ ...settings, KAFKA_MANAGE_TOPICS: true }, 'assist-hub-ops'));
  try {
    const topics = new TopicNames(settings.TOPIC_NAMESPACE);
    const acls = withAcls ? localHubAcls(topics, settings.INTAKE_PARTITIONS, groupIdsFrom(process.env)) : undefined;
    await provisionKafka(bus, {
      topics,
      intakePartitions: settings.INTAKE_PARTITIONS,
      eventRetentionDays: settings.KAFKA_INTAKE_RETENTION_DAYS,
      acls,
    });
    say(
      `topics ready: ${topics
        .provisioning(settings.INTAKE_PARTITIONS)
        .map((s) => `${s.topic}(${s.partitions})`)
        .join(' ')}`,
    );
    if (acls) say(`${acls.length} ACLs granted`);
  } finally {
    await bus.close();
  }
}

async function dryRun(args: string[]): Promise<void> {
  const [file] = args;
  if (!file || file.startsWith('--'))
    throw new Error('name the rule pack file: hub-ops rules:dry-run FILE [--at YYYY-MM-DD]');
  const at = args.includes('--at') ? args[args.indexOf('--at') + 1] : undefined;
  if (at !== undefined && !isCalendarDateText(at))
    throw new Error(`--at must be a date YYYY-MM-DD, not ${JSON.stringify(at)}`);
  const pack = loadRulePack(file);
  const calendar = WorkingDayCalendar.load(pack.calendarFile);
  const now = at ? endOfCountyDay(at) : new Date();
  const settings = loadConfig(CommonSettings);
  const db = new DataSource(
    hubDataSourceOptions(settings.DATABASE_URL, { poolSize: 1, applicationName: 'assist-hub-rules-dry-run' }),
  );
  await db.initialize();
  try {
    let last = 0;
    const report = await dryRunRulePack(db.manager, pack, calendar, now, (done) => {
      if (Date.now() - last < 2000) return;
      last = Date.now();
      say(`dry run: ${done} households so far`);
    });
    say(
      `${pack.file} at ${now.toISOString()}: ${report.households} households${report.notEvaluated ? ` (${report.notEvaluated} could not be evaluated)` : ''}; nothing stored, nothing published`,
    );
    process.stdout.write('| rule | would raise | already raised | windows open |\n| --- | --- | --- | --- |\n');
    for (const line of report.rules)
      process.stdout.write(`| ${line.ruleId} | ${line.wouldRaise} | ${line.alreadyRaised} | ${line.pending} |\n`);
    for (const line of report.rules)
      for (const example of line.examples) process.stdout.write(`  ${line.ruleId}: ${example}\n`);
  } finally {
    await db.destroy();
  }
}

function printAcls(): void {
  const settings = kafkaJobSettings();
  const acls = localHubAcls(
    new TopicNames(settings.TOPIC_NAMESPACE),
    settings.INTAKE_PARTITIONS,
    groupIdsFrom(process.env),
  );
  process.stdout.write(
    `${aclTable(acls)}\n\n${acls.length} rules; the operator principal that provisions topics and ACLs needs Create and Alter on the cluster.\n`,
  );
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'migrate':
      return migrateDatabase();
    case 'kafka:provision':
      return provision(args.includes('--acls'));
    case 'kafka:acls':
      return printAcls();
    case 'data:reseal': {
      const settings = loadConfig(CommonSettings);
      return resealPersonalDataOf(settings.DATABASE_URL, personalDataVault(settings), say);
    }
    case 'rules:dry-run':
      return dryRun(args);
    case 'keys:new':
      process.stdout.write(`${JSON.stringify(JSON.parse(newDataKeys()))}\n`);
      return;
    default:
      process.stderr.write(
        'usage: hub-ops migrate | kafka:provision [--acls] | kafka:acls | data:reseal | keys:new | rules:dry-run FILE [--at YYYY-MM-DD]\n',
      );
      process.exit(2);
  }
}

main().catch((e) => {
  say(`failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
