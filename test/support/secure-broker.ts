import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KafkajsMessageBus } from '@hub/kafka';
import {
  PrincipalPasswords,
  readPrincipals,
  secureBrokerCaFile,
  secureBrokerTlsEnv,
} from '../../deploy/runtime/kafka-principals';
import { kafkaScript } from './fault-infrastructure';

/** A broker of a suite's own run the way `demo --secure` runs it: SASL/SCRAM, StandardAuthorizer, the hub's principals. */
export interface SecureBroker {
  brokers: string[];
  passwords: PrincipalPasswords;
  /** The CA the broker's certificate is signed by, and the clients' TLS settings that trust it. */
  ca: string;
  tlsEnv: Record<string, string>;
  /** A client authenticated as `principal` (with `password`, its own unless given; client id as a service's may be). */
  busAs(principal: string, options?: { password?: string; clientId?: string }): KafkajsMessageBus;
  close(): Promise<void>;
}

/**
 * `oauthUnsecured`: the broker also takes OAUTHBEARER with Kafka's unsecured-token validator, to test the clients'
 * token path (it believes any token's subject: a test broker's only).
 */
export async function startSecureBroker(options: {
  port: number;
  label: string;
  oauthUnsecured?: boolean;
}): Promise<SecureBroker> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `assist-hub-${options.label}-`));
  const logDir = process.env.ASSIST_HUB_LOG_DIR ?? path.resolve(__dirname, '../../.run/logs');
  const env = {
    ...process.env,
    KAFKA_SECURE: 'true',
    KAFKA_OAUTH_UNSECURED: options.oauthUnsecured ? 'true' : 'false',
    KAFKA_PORT: String(options.port),
    KAFKA_CONTROLLER_PORT: String(options.port + 1),
    KAFKA_DATA_DIR: path.join(root, 'kafka'),
    ASSIST_HUB_LOG_DIR: path.join(logDir, `${options.label}-kafka`),
    KAFKA_JVM_OPTS: '-Xms384m -Xmx384m -XX:+UseParallelGC -XX:ParallelGCThreads=1',
  };
  let up = false;
  const buses: KafkajsMessageBus[] = [];
  const close = async () => {
    for (const bus of buses) await bus.close().catch(() => undefined);
    if (up) await kafkaScript('stop', env);
    up = false;
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    await kafkaScript('start', env);
    up = true;
  } catch (e) {
    await close();
    throw e;
  }
  const principalsFile = path.join(root, 'kafka', 'principals.json');
  const passwords = readPrincipals(principalsFile);
  const ca = fs.readFileSync(secureBrokerCaFile(principalsFile), 'utf8');
  const brokers = [`127.0.0.1:${options.port}`];
  return {
    brokers,
    passwords,
    ca,
    tlsEnv: secureBrokerTlsEnv(principalsFile),
    busAs: (principal, options = {}) => {
      const bus = new KafkajsMessageBus({
        brokers,
        clientId: options.clientId ?? `test-${principal}`,
        security: {
          tls: { ca },
          sasl: { mechanism: 'scram-sha-512', username: principal, password: options.password ?? passwords[principal] },
        },
        // Refusals are what these tests provoke: kafkajs' own error lines would only repeat them.
        log: () => undefined,
      });
      buses.push(bus);
      return bus;
    },
    close,
  };
}
