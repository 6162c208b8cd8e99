import * as fs from 'node:fs';
import { Client } from 'pg';
import { CommonSettings } from '@hub/config';
import { PersonalDataVault, parseDataKeys } from '@hub/identity';

/** The vault of a service that stores personal data, from HUB_DATA_KEYS or HUB_DATA_KEYS_FILE; a service without either does not start. */
export function personalDataVault(settings: CommonSettings): PersonalDataVault {
  if (settings.HUB_DATA_KEYS) return new PersonalDataVault(parseDataKeys(settings.HUB_DATA_KEYS, 'HUB_DATA_KEYS'));
  if (settings.HUB_DATA_KEYS_FILE) {
    let json: string;
    try {
      json = fs.readFileSync(settings.HUB_DATA_KEYS_FILE, 'utf8');
    } catch (e) {
      throw new Error(`HUB_DATA_KEYS_FILE ${settings.HUB_DATA_KEYS_FILE} cannot be read: ${(e as Error).message}`);
    }
    return new PersonalDataVault(parseDataKeys(json, `HUB_DATA_KEYS_FILE ${settings.HUB_DATA_KEYS_FILE}`));
  }
  throw new Error(
    'HUB_DATA_KEYS or HUB_DATA_KEYS_FILE must be set: personal data is stored encrypted (deploy/hub.sh makes .run/data-keys.json; format in README, Security)',
  );
}

/**
 * Refuses keys that are not the ones this database's personal data was written under (issue 12): a lost key file
 * made anew, or another county's keys, would find no one by hash (everyone linked again as new) and open nothing.
 * A key no service has used with this database yet is recorded. Run at every service's start.
 */
export async function assertDataKeysMatch(databaseUrl: string, vault: PersonalDataVault): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'assist-hub-key-check' });
  await client.connect();
  try {
    const mine = vault.fingerprints();
    await client.query(
      `INSERT INTO data_key_check (kind, key_id, fingerprint) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [mine.map((k) => k.kind), mine.map((k) => k.keyId), mine.map((k) => k.fingerprint)],
    );
    const stored = (
      await client.query<{ kind: string; key_id: string; fingerprint: string }>(
        'SELECT kind, key_id, fingerprint FROM data_key_check',
      )
    ).rows;
    const differ = mine.filter((k) =>
      stored.some((s) => s.kind === k.kind && s.key_id === k.keyId && s.fingerprint !== k.fingerprint),
    );
    if (differ.length) {
      const named = differ.map((k) => (k.kind === 'blinding' ? 'the blinding key' : `data key ${k.keyId}`)).join(', ');
      throw new Error(
        `${named}: not the key this database's personal data was written under (HUB_DATA_KEYS / HUB_DATA_KEYS_FILE). Restore the key set it was written with; a new one cannot read it`,
      );
    }
  } finally {
    await client.end();
  }
}
