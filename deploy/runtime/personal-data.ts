import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommonSettings, loadConfig } from '@hub/config';
import { withNewCurrentKey } from '@hub/identity';
import { personalDataVault } from '@hub/runtime';
import { resealPersonalDataOf } from '../../apps/ops/src/reseal-personal-data';
import { REPO, dataKeysEnv, say } from './processes';

/** `data:reseal` (and the demo's start) with the local key file: see apps/ops reseal-personal-data.ts. */
export async function resealDatabase(databaseUrl: string): Promise<void> {
  await resealPersonalDataOf(
    databaseUrl,
    personalDataVault(loadConfig(CommonSettings, { DATABASE_URL: databaseUrl, ...dataKeysEnv() })),
    say,
  );
}

/** `data:rotate-key`: a new data key, current from now on, in the local key file; the old ones stay until resealed. */
export function rotateDataKey(): void {
  const keys = dataKeysEnv();
  if (!('HUB_DATA_KEYS_FILE' in keys))
    throw new Error(
      'HUB_DATA_KEYS is set in the environment: add the new key there yourself (libs/identity data-keys.ts), then run data:reseal',
    );
  const file = keys.HUB_DATA_KEYS_FILE;
  const rotated = withNewCurrentKey(fs.readFileSync(file, 'utf8'), file);
  const next = `${file}.next`;
  fs.writeFileSync(next, `${rotated}\n`, { mode: 0o600 });
  fs.renameSync(next, file);
  say(
    `${path.relative(REPO, file) || file}: key ${(JSON.parse(rotated) as { current: string }).current} is current now. Restart the hub (demo reseals at start, or run data:reseal),`,
  );
  say('then remove an old key from the file only once data:reseal reports no row under it.');
}
