/** Creates the topics of contract sections 1 and 6 plus the hub's internal ones (idempotent). */
import { KafkajsMessageBus } from '@hub/kafka';
import { TopicNames } from '@hub/topics';

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`).split(',');
  const partitions = Number(process.env.INTAKE_PARTITIONS ?? 6);
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`INTAKE_PARTITIONS must be a positive integer, got "${process.env.INTAKE_PARTITIONS}"`);
  const bus = new KafkajsMessageBus({ brokers, clientId: 'assist-hub-topics' });
  try {
    const specs = new TopicNames(process.env.TOPIC_NAMESPACE ?? '').provisioning(partitions);
    await bus.ensureTopics(specs);
    process.stderr.write(`[kafka] topics ready: ${specs.map((s) => `${s.topic}(${s.partitions})`).join(' ')}\n`);
  } finally {
    await bus.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[kafka] creating topics failed: ${(e as Error).message}\n`);
  process.exit(1);
});
