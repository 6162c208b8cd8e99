import * as fs from 'node:fs';
import { Logger } from '@nestjs/common';
import { CommonSettings } from '@hub/config';
import { KafkajsOptions } from '@hub/kafka';

/** The Kafka client of a hub service, as its settings say: brokers, TLS, its SASL principal, how topics are provisioned. */
export function kafkaBusOptions(settings: CommonSettings, clientId: string): KafkajsOptions {
  if (settings.KAFKA_SASL_MECHANISM === 'plain' && !settings.KAFKA_TLS) {
    throw new Error('KAFKA_SASL_MECHANISM=plain sends the password in clear: set KAFKA_TLS=true, or use scram-sha-512');
  }
  if (settings.KAFKA_MIN_INSYNC_REPLICAS && settings.KAFKA_MIN_INSYNC_REPLICAS > settings.KAFKA_REPLICATION_FACTOR) {
    throw new Error(
      `KAFKA_MIN_INSYNC_REPLICAS (${settings.KAFKA_MIN_INSYNC_REPLICAS}) cannot exceed KAFKA_REPLICATION_FACTOR (${settings.KAFKA_REPLICATION_FACTOR}): nothing could be written`,
    );
  }
  return {
    brokers: settings.KAFKA_BROKERS,
    clientId,
    security: {
      tls: settings.KAFKA_TLS
        ? { ca: settings.KAFKA_TLS_CA_FILE ? fs.readFileSync(settings.KAFKA_TLS_CA_FILE, 'utf8') : undefined }
        : undefined,
      sasl: saslOf(settings),
    },
    topics: {
      manage: settings.KAFKA_MANAGE_TOPICS,
      replicationFactor: settings.KAFKA_REPLICATION_FACTOR,
      minInsyncReplicas: settings.KAFKA_MIN_INSYNC_REPLICAS,
    },
    // Through the service's logger (LOG_FORMAT applies): a rebalance notice is a JSON line like any other.
    log: (level, message) =>
      level === 'error'
        ? kafkaLogger.error(message)
        : level === 'warn'
          ? kafkaLogger.warn(message)
          : kafkaLogger.log(message),
  };
}

const kafkaLogger = new Logger('kafkajs');

/** The SASL part of the client's security: a password principal, or a token read from its file at each authentication. */
function saslOf(settings: CommonSettings): NonNullable<KafkajsOptions['security']>['sasl'] {
  const mechanism = settings.KAFKA_SASL_MECHANISM;
  if (mechanism === 'none') return undefined;
  if (mechanism === 'oauthbearer') {
    const file = settings.KAFKA_OAUTH_TOKEN_FILE!;
    return { mechanism, token: async () => (await fs.promises.readFile(file, 'utf8')).trim() };
  }
  return { mechanism, username: settings.KAFKA_SASL_USERNAME!, password: settings.KAFKA_SASL_PASSWORD! };
}
