import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig, CommonSettings, ConfigError } from '@hub/config';
import { connectionSecurity } from '@hub/kafka';
import { kafkaBusOptions } from './kafka-bus-options';

const settings = (env: Record<string, string>) =>
  loadConfig(CommonSettings, { DATABASE_URL: 'postgres://hub@127.0.0.1/hub', ...env });

describe('kafkaBusOptions: the Kafka client as the settings say (issue 12)', () => {
  it('by default: plaintext, no principal, topics created with replication factor 1', () => {
    const options = kafkaBusOptions(settings({}), 'assist-hub-matcher');
    expect(connectionSecurity(options.security)).toEqual({});
    expect(options.topics).toEqual({ manage: true, replicationFactor: 1, minInsyncReplicas: undefined });
  });

  it('a SCRAM principal over TLS with the system CAs; topics of a cluster that provisions its own', () => {
    const options = kafkaBusOptions(
      settings({
        KAFKA_TLS: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'hub-matcher',
        KAFKA_SASL_PASSWORD: 'secret',
        KAFKA_MANAGE_TOPICS: 'false',
        KAFKA_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
      }),
      'assist-hub-matcher',
    );
    expect(connectionSecurity(options.security)).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'hub-matcher', password: 'secret' },
    });
    expect(options.topics).toEqual({ manage: false, replicationFactor: 3, minInsyncReplicas: 2 });
  });

  it('refuses a mechanism without its credentials, naming the setting and hiding the password', () => {
    expect(() => settings({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_PASSWORD: 'secret' })).toThrow(
      /KAFKA_SASL_USERNAME must be set/,
    );
    expect(() =>
      settings({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'x', KAFKA_SASL_PASSWORD: '' }),
    ).toThrow(/KAFKA_SASL_PASSWORD=\(hidden\)/);
    expect(() => settings({ KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(ConfigError);
  });

  it('OAUTHBEARER: the token read from its file at each authentication (a refreshed token needs no restart)', async () => {
    const file = path.join(os.tmpdir(), `hub-token-${process.pid}`);
    fs.writeFileSync(file, 'first.token\n');
    try {
      const options = kafkaBusOptions(
        settings({ KAFKA_SASL_MECHANISM: 'oauthbearer', KAFKA_OAUTH_TOKEN_FILE: file }),
        'c',
      );
      const sasl = connectionSecurity(options.security).sasl as {
        mechanism: string;
        oauthBearerProvider: () => Promise<{ value: string }>;
      };
      expect(sasl.mechanism).toBe('oauthbearer');
      expect(await sasl.oauthBearerProvider()).toEqual({ value: 'first.token' });
      fs.writeFileSync(file, 'second.token');
      expect(await sasl.oauthBearerProvider()).toEqual({ value: 'second.token' });
    } finally {
      fs.rmSync(file, { force: true });
    }
    expect(() => settings({ KAFKA_SASL_MECHANISM: 'oauthbearer' })).toThrow(/KAFKA_OAUTH_TOKEN_FILE must be set/);
  });

  it('refuses PLAIN without TLS, and min.insync.replicas above the replication factor', () => {
    expect(() =>
      kafkaBusOptions(
        settings({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'x', KAFKA_SASL_PASSWORD: 'y' }),
        'c',
      ),
    ).toThrow(/in clear/);
    expect(() => kafkaBusOptions(settings({ KAFKA_MIN_INSYNC_REPLICAS: '2' }), 'c')).toThrow(
      /cannot exceed KAFKA_REPLICATION_FACTOR/,
    );
  });
});
