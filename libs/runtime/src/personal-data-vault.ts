import * as fs from 'node:fs';
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
  throw new Error('HUB_DATA_KEYS or HUB_DATA_KEYS_FILE must be set: personal data is stored encrypted (deploy/hub.sh makes .run/data-keys.json; format in README, Security)');
}
