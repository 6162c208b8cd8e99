import { PersonalDataVault } from '@hub/identity';
import { recordKeyOf } from '@hub/contract';
import { MatchIdentity } from '@hub/matching';
import { StoredIdentity, openIdentity } from './identity-at-rest';

/**
 * Identities deciphered lately, by record. Namesakes and a family's members are candidates of chunk after chunk,
 * and deciphering them (AES-GCM, then JSON) was a quarter of the matcher's CPU at a million persons (bench:match
 * profile). An entry serves only a row whose sealed bytes and key are the very ones it was opened from: a record
 * written since is opened anew. Bounded: the least recently used go first. The identities are never changed by
 * linking (a record's new identity is a new object), so workspaces may share them.
 */
export class OpenedIdentities {
  private readonly opened = new Map<string, { keyId: string; sealed: Buffer; identity: MatchIdentity }>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly vault: PersonalDataVault,
    private readonly capacity: number,
  ) {}

  open(row: StoredIdentity): MatchIdentity {
    if (!row.identity_sealed || !row.key_id) return openIdentity(this.vault, row);
    const key = recordKeyOf(row.source, row.source_person_id);
    const known = this.opened.get(key);
    this.opened.delete(key);
    if (known && known.keyId === row.key_id && known.sealed.equals(row.identity_sealed)) {
      this.hits++;
      this.opened.set(key, known);
      return known.identity;
    }
    this.misses++;
    const identity = openIdentity(this.vault, row);
    this.opened.set(key, { keyId: row.key_id, sealed: row.identity_sealed, identity });
    if (this.opened.size > this.capacity) this.opened.delete(this.opened.keys().next().value!);
    return identity;
  }
}
