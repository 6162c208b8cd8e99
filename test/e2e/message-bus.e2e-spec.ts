import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { KafkajsMessageBus, MessageBus } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { kafkaBrokers, newBus, readTopic, uniqueName, waitUntil } from '../support/e2e-env';

/** The kafkajs adapter against the real broker, where its limits are the broker's. */
describe('KafkajsMessageBus on the real broker', () => {
  let bus: MessageBus;

  beforeAll(() => {
    bus = newBus('bus-test');
  });

  afterAll(async () => {
    await bus?.close();
  });

  it('publishes more than one record batch can hold (1 MiB by default) in order, in several requests', async () => {
    const topic = uniqueName('bus.large');
    // No max.message.bytes of its own: the broker's 1 MiB limit on one partition's record batch applies.
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    const value = (i: number) => JSON.stringify({ seq: i, padding: 'x'.repeat(600) });
    const messages = Array.from({ length: 5000 }, (_, i) => ({ topic, key: 'same-partition', value: value(i) }));
    await bus.publish(messages);
    const read = await readTopic(bus, topic, messages.length, 60_000);
    expect(read).toHaveLength(messages.length);
    expect(read.map((m) => JSON.parse(m.value!.toString()).seq)).toEqual(messages.map((_, i) => i));
  });

  it('reads single messages by position without committing, and reports the groups that committed on a topic', async () => {
    const topic = uniqueName('bus.peek');
    await bus.ensureTopics([{ topic, partitions: 2 }]);
    await bus.publish(
      Array.from({ length: 10 }, (_, i) => ({ topic, partition: i % 2, key: `k${i}`, value: `v${i}` })),
    );
    expect(await bus.listTopics()).toContain(topic);
    const found = await bus.fetchMessages([
      { topic, partition: 1, offset: '3' },
      { topic, partition: 0, offset: '0' },
    ]);
    expect(found.map((m) => [m.partition, m.offset, m.value!.toString()])).toEqual([
      [1, '3', 'v7'],
      [0, '0', 'v0'],
    ]);
    // Past the end: nothing arrives, the answer is empty once the wait is over.
    expect(await bus.fetchMessages([{ topic, partition: 0, offset: '99' }], 1500)).toEqual([]);

    const groupId = uniqueName('bus.group');
    await readTopic(bus, topic, 10, 30_000).then(() => undefined);
    const consumer = await bus.consume(
      { groupId, topics: [topic], partitionConcurrency: 2, fromBeginning: true },
      async () => undefined,
    );
    const committed = async () =>
      (await bus.groupOffsets([topic], (g) => g === groupId)).sort((a, b) => a.partition - b.partition);
    const deadline = Date.now() + 30_000;
    while ((await committed()).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
    await consumer.stop();
    expect(await committed()).toEqual([
      { groupId, topic, partition: 0, offset: '5' },
      { groupId, topic, partition: 1, offset: '5' },
    ]);
    // The peeks left no group with offsets behind.
    expect((await bus.groupOffsets([topic], (g) => g.includes('.peek.'))).length).toBe(0);
  });

  it('provisions topics as the settings say: min.insync.replicas on creation, and with KAFKA_MANAGE_TOPICS=false never creates one (issue 12)', async () => {
    const created = uniqueName('bus.insync');
    const managing = new KafkajsMessageBus({
      brokers: kafkaBrokers(),
      clientId: 'bus-test-policy',
      topics: { manage: true, replicationFactor: 1, minInsyncReplicas: 1 },
    });
    const provisioned = new KafkajsMessageBus({
      brokers: kafkaBrokers(),
      clientId: 'bus-test-provisioned',
      topics: { manage: false, replicationFactor: 1 },
    });
    const admin = new Kafka({
      brokers: kafkaBrokers(),
      clientId: 'bus-test-admin',
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      await managing.ensureTopics([{ topic: created, partitions: 2, config: { 'retention.ms': '3600000' } }]);
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: created }],
      });
      const entries = Object.fromEntries(
        described.resources[0].configEntries.map((c) => [c.configName, c.configValue]),
      );
      expect({ insync: entries['min.insync.replicas'], retention: entries['retention.ms'] }).toEqual({
        insync: '1',
        retention: '3600000',
      });

      const absent = uniqueName('bus.absent');
      await expect(
        provisioned.ensureTopics([
          { topic: created, partitions: 2 },
          { topic: absent, partitions: 3 },
        ]),
      ).rejects.toThrow(new RegExp(`KAFKA_MANAGE_TOPICS=false.*${absent.replace(/\./g, '\\.')} \\(3 partitions\\)`));
      expect(await admin.listTopics()).not.toContain(absent);
      await provisioned.ensureTopics([{ topic: created, partitions: 2 }]); // present: nothing to do, nothing altered

      // KAFKA_INTAKE_RETENTION_DAYS: the topics that carry departments' events keep them that long, set on topics
      // that exist already too; topics of alerts and links keep the broker's default.
      const topics = new TopicNames(`${uniqueName('bus.retention')}.`);
      await managing.ensureTopics(topics.provisioning(1));
      await managing.ensureTopics(topics.provisioning(1, 30));
      const retentionOf = async (topic: string) => {
        const d = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
        });
        return d.resources[0].configEntries.find((c) => c.configName === 'retention.ms')?.configValue;
      };
      const month = String(30 * 24 * 3600 * 1000);
      // The broker applies altered settings through its metadata log, a moment after it answers.
      const kept = [topics.intake('health'), topics.deadLetter, topics.acceptedEvents, topics.linkedEvents];
      await waitUntil(
        'retention set on the topics that exist',
        async () => (await Promise.all(kept.map(retentionOf))).every((r) => r === month),
        15_000,
      ).catch(() => undefined); // the assertion below names the topic
      for (const topic of kept) expect([topic, await retentionOf(topic)]).toEqual([topic, month]);
      expect(await retentionOf(topics.duplicateAlerts)).not.toBe(month);
      // The feed's other setting stays when retention is added.
      const accepted = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topics.acceptedEvents }],
      });
      expect(accepted.resources[0].configEntries.find((c) => c.configName === 'max.message.bytes')?.configValue).toBe(
        String(16 * 1024 * 1024),
      );
    } finally {
      await admin.disconnect();
      await managing.close();
      await provisioned.close();
    }
  });
});
