import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { CommonSettings, loadConfig } from '@hub/config';
import { withNewCurrentKey } from '@hub/identity';
import { hubDataSourceOptions } from '@hub/persistence';
import { personalDataVault } from '@hub/runtime';
import { resealPersonalData } from '../../apps/matcher/src/at-rest/personal-data-reseal';
import { blindLegacyIdNumbers } from '../../apps/detector/src/facts/legacy-id-numbers';
import { REPO, dataKeysEnv, say } from './processes';

/**
 * `data:reseal` (and the demo's start): the matcher's personal data brought to the current keys, with progress,
 * then which keys values are still sealed under, so an operator knows when an old key may go.
 */
export async function resealDatabase(databaseUrl: string): Promise<void> {
  const vault = personalDataVault(loadConfig(CommonSettings, { DATABASE_URL: databaseUrl, ...dataKeysEnv() }));
  const db = new DataSource(hubDataSourceOptions(databaseUrl, { poolSize: 2, applicationName: 'assist-hub-reseal' }));
  await db.initialize();
  try {
    let last = 0;
    const counts = await resealPersonalData(db.manager, vault, (c) => {
      if (Date.now() - last < 2000) return;
      last = Date.now();
      say(`resealing: ${c.identities} identities, ${c.blockKeys} block keys so far`);
    });
    const accounts = await blindLegacyIdNumbers(db.manager, vault);
    if (accounts) say(`hashed the ID numbers of ${accounts} detector accounts written in clear`);
    const changed = counts.identities + counts.blockKeys + counts.idNumbers + counts.names;
    if (changed) say(`resealed under key ${vault.currentKeyId}: ${counts.identities} identities; blinded ${counts.blockKeys} block keys, ${counts.idNumbers} ID numbers, ${counts.names} name counts`);
    // The event store, dead letters and quarantine keep the key they were written under: a key still named here is still needed.
    const inUse: { key_id: string | null; n: number; tables: string }[] = await db.query(
      `SELECT key_id, sum(n)::int AS n, string_agg(t, ', ' ORDER BY t) AS tables FROM (
         SELECT 'person_record' AS t, key_id, count(*) AS n FROM person_record GROUP BY key_id
         UNION ALL SELECT 'intake_event', key_id, count(*) FROM intake_event GROUP BY key_id
         UNION ALL SELECT 'admin_dead_letter', key_id, count(*) FROM admin_dead_letter GROUP BY key_id
         UNION ALL SELECT 'quarantined_record', key_id, count(*) FROM quarantined_record GROUP BY key_id) k
       GROUP BY key_id ORDER BY key_id`,
    );
    if (changed || inUse.some((k) => k.key_id !== vault.currentKeyId)) {
      say(`rows by key: ${inUse.map((k) => `${k.key_id ?? 'in clear'}: ${k.n} (${k.tables})`).join('; ') || 'none stored yet'}; a key named here must stay in the key set`);
    }
  } finally {
    await db.destroy();
  }
}

/** `data:rotate-key`: a new data key, current from now on, in the local key file; the old ones stay until resealed. */
export function rotateDataKey(): void {
  const keys = dataKeysEnv();
  if (!('HUB_DATA_KEYS_FILE' in keys)) throw new Error('HUB_DATA_KEYS is set in the environment: add the new key there yourself (libs/identity data-keys.ts), then run data:reseal');
  const file = keys.HUB_DATA_KEYS_FILE;
  const rotated = withNewCurrentKey(fs.readFileSync(file, 'utf8'), file);
  const next = `${file}.next`;
  fs.writeFileSync(next, `${rotated}\n`, { mode: 0o600 });
  fs.renameSync(next, file);
  say(`${path.relative(REPO, file) || file}: key ${JSON.parse(rotated).current} is current now. Restart the hub (demo reseals at start, or run data:reseal),`);
  say('then remove an old key from the file only once data:reseal reports no row under it.');
}
