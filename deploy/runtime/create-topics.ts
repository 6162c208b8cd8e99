/**
 * Creates the topics of contract sections 1 and 6 plus the hub's internal ones (idempotent). With
 * KAFKA_PRINCIPALS_FILE (kafka.sh on a secure broker) it connects as the operator, over TLS trusting the
 * broker's CA, and grants the hub's ACLs.
 */
import { KafkajsMessageBus } from '@hub/kafka';
import { LOCAL_PRINCIPALS, TopicNames } from '@hub/topics';
import { secureBrokerClient } from './kafka-principals';
import { groupIdsFrom, localHubAcls, provisionKafka } from '../../apps/ops/src/kafka-provisioning';

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`).split(',');
  const partitions = Number(process.env.INTAKE_PARTITIONS ?? 6);
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error(`INTAKE_PARTITIONS must be a positive integer, got "${process.env.INTAKE_PARTITIONS}"`);
  const principalsFile = process.env.KAFKA_PRINCIPALS_FILE;
  const bus = new KafkajsMessageBus({
    brokers,
    clientId: 'assist-hub-topics',
    security: principalsFile ? secureBrokerClient(principalsFile, LOCAL_PRINCIPALS.operator) : undefined,
  });
  try {
    const topics = new TopicNames(process.env.TOPIC_NAMESPACE ?? '');
    const acls = principalsFile ? localHubAcls(topics, partitions, groupIdsFrom(process.env)) : undefined;
    const retention = process.env.KAFKA_INTAKE_RETENTION_DAYS
      ? Number(process.env.KAFKA_INTAKE_RETENTION_DAYS)
      : undefined;
    if (retention !== undefined && !(Number.isInteger(retention) && retention > 0))
      throw new Error(
        `KAFKA_INTAKE_RETENTION_DAYS must be a whole number of days, got "${process.env.KAFKA_INTAKE_RETENTION_DAYS}"`,
      );
    await provisionKafka(bus, { topics, intakePartitions: partitions, eventRetentionDays: retention, acls });
    const specs = topics.provisioning(partitions);
    process.stderr.write(`[kafka] topics ready: ${specs.map((s) => `${s.topic}(${s.partitions})`).join(' ')}\n`);
    if (acls)
      process.stderr.write(`[kafka] ${acls.length} ACLs granted to the departments' and services' principals\n`);
  } finally {
    await bus.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[kafka] creating topics failed: ${(e as Error).message}\n`);
  process.exit(1);
});
