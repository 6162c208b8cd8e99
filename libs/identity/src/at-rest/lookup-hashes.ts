import { compositeKey } from '../composite-key';
import { PersonalDataVault } from './personal-data-vault';

/**
 * The keyed hashes the hub stores and looks people up by (issue 12), a tag per kind of value (block keys carry
 * theirs: `id:`, `idc:`, `py:`, `ph:`, `nr:`), so one table's hashes never answer another's lookups; a claimed ID
 * number hashes alike in the matcher's claims and the detector's accounts, so both find a person by it.
 */
export const lookupHash = {
  /** A 64-bit number (record_block_key.block_key): the key table is the matcher's largest. */
  blockKey: (vault: PersonalDataVault, key: string) => vault.blindNumber(key),
  idFirst17: (vault: PersonalDataVault, first17: string) => vault.blind(`id17:${first17}`),
  idNumber: (vault: PersonalDataVault, normalized: string) => vault.blind(`idn:${normalized}`),
  name: (vault: PersonalDataVault, normalized: string) => vault.blind(`name:${normalized}`),
  nameCount: (vault: PersonalDataVault, normalized: string) => vault.blind(`nf:${normalized}`),
  /** A department record (source and its own person id): how the event store finds a person's events to purge. */
  departmentRecord: (vault: PersonalDataVault, source: string, sourcePersonId: string) =>
    vault.blind(`rec:${compositeKey(source, sourcePersonId)}`),
};
