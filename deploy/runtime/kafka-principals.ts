/**
 * The local secure broker's principals (KAFKA_SECURE, `demo --secure`): names from the hub's one list
 * (`localPrincipalNames`), a random password each, kept in the broker's data folder (mode 0600) as
 * { name: password }. kafka.sh formats the broker's storage with them as SCRAM-SHA-512 credentials.
 *   kafka-principals.ts lines <file>   makes the file when missing; prints "name password" per line
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HubService, LOCAL_PRINCIPALS, localPrincipalNames } from '@hub/topics';
import type { KafkaSecurity } from '@hub/kafka';
import { localSecretFile } from './local-secrets';

export type PrincipalPasswords = Record<string, string>;

/** The passwords of `file`, made (and written, readable by its owner only) when it does not exist yet. */
export function localPrincipals(file: string): PrincipalPasswords {
  // base64url: no character that JAAS or the storage tool's SCRAM argument would take for syntax.
  localSecretFile(file, () =>
    JSON.stringify(
      Object.fromEntries(localPrincipalNames().map((name) => [name, randomBytes(24).toString('base64url')])),
      null,
      2,
    ),
  );
  return readPrincipals(file);
}

/** The passwords of a secured broker started before (kafka.sh made the file when it formatted the broker). */
export function readPrincipals(file: string): PrincipalPasswords {
  if (!fs.existsSync(file))
    throw new Error(
      `${file} is missing: the secured broker's principals are made when kafka.sh (KAFKA_SECURE=true) formats its storage`,
    );
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PrincipalPasswords;
}

/** A client's SASL settings (CommonSettings' KAFKA_SASL_*) as one principal of the local secure broker. */
export function principalEnv(passwords: PrincipalPasswords, name: string): Record<string, string> {
  const password = passwords[name];
  if (!password) throw new Error(`no principal ${name} in the broker's principals file`);
  return { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: name, KAFKA_SASL_PASSWORD: password };
}

/** The CA the local secure broker's certificate is signed by (kafka.sh makes it beside the principals file). */
export function secureBrokerCaFile(principalsFile: string): string {
  return path.join(path.dirname(principalsFile), 'tls', 'ca.pem');
}

/** A client of the local secure broker as `name` (the operator, a department in the demo feed, a test): TLS trusting its CA, SCRAM. */
export function secureBrokerClient(principalsFile: string, name: string): KafkaSecurity {
  const sasl = principalEnv(readPrincipals(principalsFile), name);
  return {
    tls: { ca: fs.readFileSync(secureBrokerCaFile(principalsFile), 'utf8') },
    sasl: { mechanism: 'scram-sha-512', username: sasl.KAFKA_SASL_USERNAME, password: sasl.KAFKA_SASL_PASSWORD },
  };
}

/** A client's TLS settings (KAFKA_TLS, KAFKA_TLS_CA_FILE) for the local secure broker. */
export function secureBrokerTlsEnv(principalsFile: string): Record<string, string> {
  return { KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: secureBrokerCaFile(principalsFile) };
}

export const servicePrincipalEnv = (passwords: PrincipalPasswords, service: HubService) =>
  principalEnv(passwords, LOCAL_PRINCIPALS.service(service));

if (require.main === module) {
  const [command, file] = process.argv.slice(2);
  if (command !== 'lines' || !file) {
    process.stderr.write('usage: kafka-principals.ts lines <file>\n');
    process.exit(2);
  }
  for (const [name, password] of Object.entries(localPrincipals(file))) process.stdout.write(`${name} ${password}\n`);
}
