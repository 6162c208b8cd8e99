import { checkDigit } from '@hub/identity';
import { MatchIdentity } from './match-identity';

/**
 * Keys under which a record is stored (`stored`) and keys it looks candidates up with (`probe`).
 * Records sharing a stored and a probe key are compared; nothing else is scanned.
 *
 * ID numbers with one typing error: an earlier version stored 17 "one digit unknown" keys per record,
 * 21 key rows a person, which made the key table the bulk of the database at a million persons. Now a
 * number whose check digit fails stores, besides itself, the numbers it could have been meant as (one
 * digit changed or two neighbours swapped, with the check digit the department typed) under `idc:`,
 * and probes them under `id:`. A number whose check digit holds stores only itself and probes `idc:` to
 * find the typos of it already stored. That catches every typo the check digit exposes (10 in 11); the
 * rest are found by name, birth date and phone keys like any record without an ID number.
 */
export interface RecordKeys {
  stored: string[];
  probe: string[];
}

/** The first-17-digit strings that differ from `first17` by one digit or one adjacent swap and carry `typedCheck`. */
export function idCorrections(first17: string, typedCheck: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i < 17; i++) {
    for (let d = 0; d <= 9; d++) {
      const digit = String(d);
      if (digit === first17[i]) continue;
      const candidate = first17.slice(0, i) + digit + first17.slice(i + 1);
      if (checkDigit(candidate) === typedCheck) found.add(candidate);
    }
  }
  for (let i = 0; i < 16; i++) {
    if (first17[i] === first17[i + 1]) continue;
    const candidate = first17.slice(0, i) + first17[i + 1] + first17[i] + first17.slice(i + 2);
    if (checkDigit(candidate) === typedCheck) found.add(candidate);
  }
  return [...found];
}

export function recordKeys(identity: MatchIdentity): RecordKeys {
  const stored: string[] = [];
  const probe: string[] = [];
  const id = identity.id;
  if (id && id.kind !== 'MALFORMED') {
    const first17 = id.normalized.slice(0, 17);
    stored.push(`id:${first17}`);
    probe.push(`id:${first17}`);
    if (id.flags.includes('ID_CHECKSUM_INVALID')) {
      for (const corrected of idCorrections(first17, id.normalized[17])) {
        stored.push(`idc:${corrected}`);
        probe.push(`id:${corrected}`, `idc:${corrected}`);
      }
    } else {
      probe.push(`idc:${first17}`);
    }
  }
  const other: string[] = [];
  if (identity.name.pinyin && identity.birthDate) other.push(`py:${identity.name.pinyin}|${identity.birthDate}`);
  if (identity.phone) other.push(`ph:${identity.phone}`);
  if (identity.name.normalized && identity.region) other.push(`nr:${identity.name.normalized}|${identity.region}`);
  return { stored: [...stored, ...other], probe: [...probe, ...other] };
}

/** Every key of a record, for batch blocking where each record is both stored and probing. */
export function blockingKeys(identity: MatchIdentity): string[] {
  const { stored, probe } = recordKeys(identity);
  return [...new Set([...stored, ...probe])];
}
