import * as fs from 'node:fs';
import { CommonSettings } from '@hub/config';
import { KafkajsOptions } from '@hub/kafka';

/** The Kafka client of a hub service, as its settings say: brokers, TLS, its SASL principal, how topics are provisioned. */
export function kafkaBusOptions(settings: CommonSettings, clientId: string): KafkajsOptions {
  if (settings.KAFKA_SASL_MECHANISM === 'plain' && !settings.KAFKA_TLS) {
    throw new Error('KAFKA_SASL_MECHANISM=plain sends the password in clear: set KAFKA_TLS=true, or use scram-sha-512');
  }
  if (settings.KAFKA_MIN_INSYNC_REPLICAS && settings.KAFKA_MIN_INSYNC_REPLICAS > settings.KAFKA_REPLICATION_FACTOR) {
    throw new Error(`KAFKA_MIN_INSYNC_REPLICAS (${settings.KAFKA_MIN_INSYNC_REPLICAS}) cannot exceed KAFKA_REPLICATION_FACTOR (${settings.KAFKA_REPLICATION_FACTOR}): nothing could be written`);
  }
  return {
    brokers: settings.KAFKA_BROKERS,
    clientId,
    security: {
      tls: settings.KAFKA_TLS ? { ca: settings.KAFKA_TLS_CA_FILE ? fs.readFileSync(settings.KAFKA_TLS_CA_FILE, 'utf8') : undefined } : undefined,
      sasl: settings.KAFKA_SASL_MECHANISM === 'none' ? undefined : { mechanism: settings.KAFKA_SASL_MECHANISM, username: settings.KAFKA_SASL_USERNAME!, password: settings.KAFKA_SASL_PASSWORD! },
    },
    topics: { manage: settings.KAFKA_MANAGE_TOPICS, replicationFactor: settings.KAFKA_REPLICATION_FACTOR, minInsyncReplicas: settings.KAFKA_MIN_INSYNC_REPLICAS },
  };
}
