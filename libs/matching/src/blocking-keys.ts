import { MatchIdentity } from './match-identity';

/**
 * Keys under which a record is found as a candidate (issue #3): the ID number, the ID number with any
 * one of its first 17 digits unknown (a typo), name pinyin with birth date (homophones, 繁體),
 * phone, and name with region. Records sharing any key are compared; nothing else is scanned.
 */
export function blockingKeys(identity: MatchIdentity): string[] {
  const keys: string[] = [];
  const id = identity.id;
  if (id && id.kind !== 'MALFORMED') {
    const first17 = id.normalized.slice(0, 17);
    keys.push(`id:${first17}`);
    for (let i = 0; i < 17; i++) keys.push(`id1:${i}:${first17.slice(0, i)}${first17.slice(i + 1)}`);
  }
  if (identity.name.pinyin && identity.birthDate) keys.push(`py:${identity.name.pinyin}|${identity.birthDate}`);
  if (identity.phone) keys.push(`ph:${identity.phone}`);
  if (identity.name.normalized && identity.region) keys.push(`nr:${identity.name.normalized}|${identity.region}`);
  return keys;
}
