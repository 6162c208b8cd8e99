import { PersonalDataVault, newDataKeys } from '@hub/identity';
import { loadConfig, CommonSettings } from '@hub/config';
import { personalDataVault } from '@hub/runtime';

/**
 * The data keys of the services a test starts (in this process or as children): deploy/hub.sh's file, or a
 * key set made for this test process when jest runs alone. Kept in process.env so every child inherits it.
 */
export function testDataKeys(): Record<string, string> {
  if (process.env.HUB_DATA_KEYS_FILE) return { HUB_DATA_KEYS_FILE: process.env.HUB_DATA_KEYS_FILE };
  process.env.HUB_DATA_KEYS ||= newDataKeys();
  return { HUB_DATA_KEYS: process.env.HUB_DATA_KEYS };
}

/** The vault those services use, for a test or benchmark that writes or reads their tables itself. */
export function testVault(): PersonalDataVault {
  return personalDataVault(loadConfig(CommonSettings, { DATABASE_URL: 'postgres://unused', ...testDataKeys() }));
}
