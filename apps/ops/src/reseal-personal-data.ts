import { DataSource } from 'typeorm';
import { PersonalDataVault } from '@hub/identity';
import { hubDataSourceOptions } from '@hub/persistence';
import { resealPersonalData } from '../../matcher/src/at-rest/personal-data-reseal';
import { blindLegacyIdNumbers } from '../../detector/src/facts/legacy-id-numbers';

/**
 * `data:reseal` (and the demo's start): the matcher's personal data brought to the current keys, with progress,
 * then which keys values are still sealed under, so an operator knows when an old key may go.
 */
export async function resealPersonalDataOf(
  databaseUrl: string,
  vault: PersonalDataVault,
  say: (line: string) => void,
): Promise<void> {
  const db = new DataSource(hubDataSourceOptions(databaseUrl, { poolSize: 2, applicationName: 'assist-hub-reseal' }));
  await db.initialize();
  try {
    let last = 0;
    const counts = await resealPersonalData(db.manager, vault, (c) => {
      if (Date.now() - last < 2000) return;
      last = Date.now();
      say(`resealing: ${c.identities} identities so far`);
    });
    const accounts = await blindLegacyIdNumbers(db.manager, vault);
    if (accounts) say(`hashed the ID numbers of ${accounts} detector accounts written in clear`);
    const changed = counts.identities + counts.idNumbers + counts.names;
    if (changed)
      say(
        `resealed under key ${vault.currentKeyId}: ${counts.identities} identities; blinded ${counts.idNumbers} ID numbers, ${counts.names} name counts`,
      );
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
      say(
        `rows by key: ${inUse.map((k) => `${k.key_id ?? 'in clear'}: ${k.n} (${k.tables})`).join('; ') || 'none stored yet'}; a key named here must stay in the key set`,
      );
    }
  } finally {
    await db.destroy();
  }
}
