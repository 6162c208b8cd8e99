import { Kafka, logLevel } from 'kafkajs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CommonSettings, loadConfig } from '@hub/config';
import { kafkaBusOptions } from '@hub/runtime';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DEPARTMENTS } from '@hub/contract';
import { KafkajsMessageBus } from '@hub/kafka';
import { HUB_SERVICES, HubService, LOCAL_PRINCIPALS, TopicNames, hubClientId } from '@hub/topics';
import { databaseUrlAs, enableServiceLogins } from '@hub/persistence';
import { groupIdsFrom, localHubAcls, provisionKafka } from '../../apps/ops/src/kafka-provisioning';
import { servicePrincipalEnv } from '../../deploy/runtime/kafka-principals';
import { generateFeed } from '../generator/feed';
import { departmentPublisher, publishFeed } from '../generator/publish';
import { runCounty } from '../support/county-run';
import { uniqueName } from '../support/e2e-env';
import { SecureBroker, startSecureBroker } from '../support/secure-broker';

/**
 * What the broker's refusal was, from a kafkajs error: the protocol error's type wherever kafkajs wrapped it.
 * A refused group (FindCoordinator needs the group's DESCRIBE right) reaches kafkajs as "no coordinator found",
 * its reason dropped: NO_GROUP_ACCESS, which the tests tell from a broker that is away by a principal that
 * joins its own group on the same broker.
 */
function refusal(e: unknown): string {
  for (
    let cause = e as { type?: string; name?: string; cause?: unknown; originalError?: unknown } | undefined;
    cause;
    cause = (cause.cause ?? cause.originalError) as typeof cause
  ) {
    if (cause.type) return cause.type;
    if (cause.name === 'KafkaJSGroupCoordinatorNotFound') return 'NO_GROUP_ACCESS';
  }
  return (e as Error).message;
}

/** Groups as the e2e harness names them for a namespace (startIntake, startMatcher, startDetector). */
function harnessGroups(namespace: string) {
  return groupIdsFrom({
    INTAKE_GROUP_ID: `${namespace}intake`,
    MATCHER_GROUP_ID: `${namespace}matcher`,
    DETECTOR_GROUP_ID: `${namespace}detector`,
    ADMIN_DEAD_LETTER_GROUP_ID: `${namespace}admin.dead-letters`,
  });
}

/**
 * Issue 12: the local broker run as `demo --secure` runs it (SASL/SCRAM-SHA-512, StandardAuthorizer, nothing
 * allowed that no ACL allows), with the ACLs the hub grants. Every refusal here is the broker's.
 * The broker port is SECURE_KAFKA_PORT (29292 by default; the controller takes the next one).
 */
describe('a secured broker: one principal per department and per service, least privilege (issue 12)', () => {
  let broker: SecureBroker;
  let operator: KafkajsMessageBus;
  const namespace = `${uniqueName('acl')}.`;
  const topics = new TopicNames(namespace);

  /** The refusal a principal's attempt to consume `topic` ends with, or 'read' once the broker answered a fetch. */
  async function readAttempt(principal: string, topic: string, groupId: string): Promise<string> {
    const kafka = new Kafka({
      clientId: `probe-${principal}`,
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
      ssl: { ca: [broker.ca] },
      sasl: { mechanism: 'scram-sha-512', username: principal, password: broker.passwords[principal] },
    });
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        // Joining needs the group right; a fetch, the topic's READ right.
        consumer.on(consumer.events.FETCH, () => resolve());
        // A retriable error (a fresh broker's GROUP_LOAD_IN_PROGRESS) restarts the consumer; a refusal does not.
        consumer.on(consumer.events.CRASH, (e) => !e.payload.restart && reject(e.payload.error));
        setTimeout(() => reject(new Error('neither read nor refused within 30 s')), 30_000).unref();
        consumer.run({ eachMessage: async () => undefined }).catch(reject);
      });
      return 'read';
    } catch (e) {
      return refusal(e);
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }

  /** The error type a principal's produce to `topic` ends with, or 'written'. */
  async function writeAttempt(bus: KafkajsMessageBus, topic: string): Promise<string> {
    try {
      await bus.publish([{ topic, key: 'k', value: JSON.stringify({ probe: true }) }]);
      return 'written';
    } catch (e) {
      return refusal(e);
    }
  }

  beforeAll(async () => {
    broker = await startSecureBroker({
      port: Number(process.env.SECURE_KAFKA_PORT ?? 29292),
      label: 'secure',
      oauthUnsecured: true,
    });
    operator = broker.busAs(LOCAL_PRINCIPALS.operator);
    await provisionKafka(operator, {
      topics,
      intakePartitions: 6,
      acls: localHubAcls(topics, 6, harnessGroups(namespace)),
    });
  }, 180_000);

  afterAll(async () => {
    await broker?.close();
  });

  it('refuses a client without TLS, a client without a principal, a broker not signed by the CA trusted, and a wrong password', async () => {
    const anonymous = new KafkajsMessageBus({ brokers: broker.brokers, clientId: 'anonymous', log: () => undefined });
    const tlsOnly = new KafkajsMessageBus({
      brokers: broker.brokers,
      clientId: 'tls-only',
      security: { tls: { ca: broker.ca } },
      log: () => undefined,
    });
    // The system's CAs do not know the broker's: a client that trusts them refuses to talk to it.
    const untrusting = new KafkajsMessageBus({
      brokers: broker.brokers,
      clientId: 'untrusting',
      security: {
        tls: {},
        sasl: {
          mechanism: 'scram-sha-512',
          username: LOCAL_PRINCIPALS.operator,
          password: broker.passwords[LOCAL_PRINCIPALS.operator],
        },
      },
      log: () => undefined,
    });
    try {
      expect(await anonymous.brokerReachable(5_000)).toBe(false);
      expect(await tlsOnly.brokerReachable(5_000)).toBe(false);
      expect(await untrusting.brokerReachable(5_000)).toBe(false);
    } finally {
      await anonymous.close();
      await tlsOnly.close();
      await untrusting.close();
    }
    const impostor = broker.busAs(LOCAL_PRINCIPALS.department('health'), { password: 'not-the-password' });
    await expect(impostor.publish([{ topic: topics.intake('health'), key: 'k', value: '{}' }])).rejects.toThrow(
      /SASL SCRAM SHA512 authentication failed|authentication/i,
    );
  });

  it('takes an OAUTHBEARER token from the file the settings name as the principal it names, under the same ACLs', async () => {
    // An unsecured token (alg none), which only this test broker believes; a county's identity provider signs real ones.
    const claims = {
      sub: LOCAL_PRINCIPALS.department('health'),
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 3600,
    };
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const tokenFile = path.join(os.tmpdir(), `${uniqueName('token')}.jwt`);
    fs.writeFileSync(tokenFile, `${b64({ alg: 'none' })}.${b64(claims)}.\n`, { mode: 0o600 });
    const settings = loadConfig(CommonSettings, {
      DATABASE_URL: 'postgres://unused',
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_SASL_MECHANISM: 'oauthbearer',
      KAFKA_OAUTH_TOKEN_FILE: tokenFile,
      ...broker.tlsEnv,
    });
    const bus = new KafkajsMessageBus({ ...kafkaBusOptions(settings, 'oauth-test'), log: () => undefined });
    try {
      expect(await writeAttempt(bus, topics.intake('health'))).toBe('written');
      expect(await writeAttempt(bus, topics.intake('housing'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await bus.close();
      fs.rmSync(tokenFile, { force: true });
    }
  });

  it("lets a department write its own intake topic and no other department's", async () => {
    for (const department of DEPARTMENTS) {
      const bus = broker.busAs(LOCAL_PRINCIPALS.department(department));
      expect(await writeAttempt(bus, topics.intake(department))).toBe('written');
      const other = DEPARTMENTS.find((d) => d !== department)!;
      expect(await writeAttempt(bus, topics.intake(other))).toBe('TOPIC_AUTHORIZATION_FAILED');
      expect(await writeAttempt(bus, topics.deadLetter)).toBe('TOPIC_AUTHORIZATION_FAILED');
    }
  });

  it("lets a department read nothing: not the hub's topics, not the alerts, not even its own intake topic", async () => {
    const health = LOCAL_PRINCIPALS.department('health');
    // Topics it may not even see are refused at once; its own topic, which it may write, when it asks for a group.
    for (const topic of [
      topics.acceptedEvents,
      topics.linkedEvents,
      topics.personLinks,
      topics.duplicateAlerts,
      topics.deadLetter,
    ]) {
      expect([topic, await readAttempt(health, topic, `${namespace}health-reader`)]).toEqual([
        topic,
        'TOPIC_AUTHORIZATION_FAILED',
      ]);
    }
    expect(await readAttempt(health, topics.intake('health'), `${namespace}health-reader`)).toBe('NO_GROUP_ACCESS');
    // The same broker lets a principal with a group right join: the refusal above is the department's.
    expect(await readAttempt(LOCAL_PRINCIPALS.service('intake'), topics.intake('health'), `${namespace}intake`)).toBe(
      'read',
    );
  });

  it('gives each service its own topics only', async () => {
    const service = (s: 'intake' | 'matcher' | 'detector' | 'admin') => LOCAL_PRINCIPALS.service(s);
    // Reads as its own group are allowed; another service's topic or group is not.
    expect(await readAttempt(service('matcher'), topics.acceptedEvents, `${namespace}matcher`)).toBe('read');
    expect(await readAttempt(service('matcher'), topics.acceptedEvents, `${namespace}detector`)).toBe(
      'NO_GROUP_ACCESS',
    );
    expect(await readAttempt(service('intake'), topics.linkedEvents, `${namespace}intake`)).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    expect(await readAttempt(service('detector'), topics.intake('health'), `${namespace}detector`)).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    expect(await writeAttempt(broker.busAs(service('matcher')), topics.duplicateAlerts)).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    expect(await writeAttempt(broker.busAs(service('detector')), topics.personLinks)).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    expect(await writeAttempt(broker.busAs(service('intake')), topics.intake('health'))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    // The admin replays dead letters to an intake topic and browses any hub topic, but produces nothing else.
    // Its topic browser reads through groups named after its client id (peek groups), the only groups it may read as.
    const admin = broker.busAs(service('admin'), { clientId: hubClientId('admin') });
    expect(await writeAttempt(admin, topics.intake('health'))).toBe('written');
    expect(await writeAttempt(admin, topics.acceptedEvents)).toBe('TOPIC_AUTHORIZATION_FAILED');
    const [health0] = (await admin.topicOffsets(topics.intake('health'))).filter((p) => BigInt(p.high) > 0n);
    const peeked = await admin.fetchMessages([
      { topic: topics.intake('health'), partition: health0.partition, offset: String(BigInt(health0.high) - 1n) },
    ]);
    expect(peeked).toHaveLength(1);
    // The same principal under another client id has no peek group: the message does not come.
    const elsewhere = await broker
      .busAs(service('admin'))
      .fetchMessages([{ topic: topics.intake('health'), partition: health0.partition, offset: '0' }], 3_000)
      .then((m) => `${m.length} messages`, refusal);
    expect(elsewhere).not.toBe('1 messages');
    // A topic is not created by a service: only the operator provisions (services run with KAFKA_MANAGE_TOPICS=false).
    await expect(
      broker.busAs(service('intake')).ensureTopics([{ topic: `${namespace}intake.unplanned`, partitions: 1 }]),
    ).rejects.toThrow();
  });

  it('runs the whole hub with every client as its own principal and every service as its own database role: every planted case found, nothing else', async () => {
    const rolePasswords = Object.fromEntries(
      HUB_SERVICES.map((s) => [s, randomBytes(18).toString('base64url')]),
    ) as Record<HubService, string>;
    const owner = new Client({ connectionString: process.env.TEST_PG_SERVER_URL || process.env.DATABASE_URL });
    await owner.connect();
    try {
      await enableServiceLogins((sql, parameters) => owner.query(sql, parameters), rolePasswords);
    } finally {
      await owner.end();
    }
    const feed = generateFeed({ seed: 23, households: 150, plantedPerRule: 1, resendShare: 0.01 });
    const result = await runCounty(feed, feed.messages, {
      beforeStart: (countyTopics, countyNamespace) =>
        provisionKafka(operator, {
          topics: countyTopics,
          intakePartitions: 6,
          acls: localHubAcls(countyTopics, 6, harnessGroups(countyNamespace)),
        }),
      serviceEnv: (service, _namespace, databaseUrl) => ({
        KAFKA_BROKERS: broker.brokers.join(','),
        KAFKA_MANAGE_TOPICS: 'false',
        ...servicePrincipalEnv(broker.passwords, service),
        ...broker.tlsEnv,
        // And each service as its own database role (issue 12): least privilege on both sides is enough to run the hub.
        DATABASE_URL: databaseUrlAs(databaseUrl, service, rolePasswords[service]),
      }),
      publish: async (countyTopics, messages, clock) => {
        const departments = departmentPublisher(countyTopics, (d) => broker.busAs(LOCAL_PRINCIPALS.department(d)));
        await publishFeed(departments, countyTopics, messages, { progress: false });
        await departments.publish(clock);
      },
    });
    expect(result.missed.map((c) => c.ruleId)).toEqual([]);
    expect(result.unplanted.map((a) => `${a.ruleId} ${a.status}`)).toEqual([]);
    expect(result.found).toHaveLength(11);
  });
});
