import { MessageBus } from '@hub/kafka';
import { newBus, readTopic, uniqueName } from '../support/e2e-env';

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
});
