import { PersonalDataVault, lookupHash } from '@hub/identity';
import { recordKeyOf } from '@hub/contract';
import { MatchIdentity } from '@hub/matching';

// How the matcher keeps identities at rest (issue 12): sealed per record (the record key is the associated data),
// and looked up by keyed hashes only (`lookupHash`, libs/identity).

/** person_record's identity columns (prefixed with a table alias where joined). */
export const identityColumns = (alias?: string): string =>
  ['identity', 'identity_sealed', 'key_id'].map((c) => (alias ? `${alias}.${c}` : c)).join(', ');

/** A row as identityColumns selects it, with the record key it is sealed for. */
export interface StoredIdentity {
  source: string;
  source_person_id: string;
  identity: MatchIdentity | null;
  identity_sealed: Buffer | null;
  key_id: string | null;
}

export function openIdentity(vault: PersonalDataVault, row: StoredIdentity): MatchIdentity {
  if (row.identity_sealed && row.key_id)
    return vault.open<MatchIdentity>(
      { keyId: row.key_id, sealed: row.identity_sealed },
      recordKeyOf(row.source, row.source_person_id),
    );
  // Written before identities were sealed; `data:reseal` seals it.
  if (row.identity) return row.identity;
  throw new Error(`person_record ${row.source}/${row.source_person_id} has no identity`);
}

/** The columns a record's identity is written to: sealed, its key, and the hashes search asks by. */
export function sealIdentity(
  vault: PersonalDataVault,
  source: string,
  sourcePersonId: string,
  identity: MatchIdentity,
) {
  const sealed = vault.seal(identity, recordKeyOf(source, sourcePersonId));
  return {
    identity_sealed: sealed.sealed.toString('base64'),
    key_id: sealed.keyId,
    name_hash: identity.name.normalized ? lookupHash.name(vault, identity.name.normalized) : null,
    id_hash: identity.id ? lookupHash.idNumber(vault, identity.id.normalized) : null,
  };
}
