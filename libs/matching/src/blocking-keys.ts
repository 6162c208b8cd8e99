import { checkDigit, first17Of } from '@hub/identity';
import { MatchIdentity, birthDatesOf } from './match-identity';

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
  const first17 = first17Of(id);
  if (id && first17) {
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
  if (identity.name.pinyin) for (const date of birthDatesOf(identity)) other.push(`py:${identity.name.pinyin}|${date}`);
  if (identity.phone) other.push(`ph:${identity.phone}`);
  const byName = nameRegionKeys(identity);
  return { stored: [...stored, ...other, ...byName.stored], probe: [...probe, ...other, ...byName.probe] };
}

/**
 * The keys stored records are written under today (person_record.key_scheme): a matcher finds records keyed under an
 * older scheme and keys them again before it links (`rekeyRecords`). 2: name and region keys split by birth date.
 * 3: block keys stored as 64-bit numbers by record number (record_block_key), and a dated record no longer stored
 * under every namesake key (`nr:`). 4: a record whose trusted ID number carries another birth date than the one sent
 * is keyed under both (`birthDatesOf`). 5: the numbers are SipHash-2-4 of the keys instead of cut from their HMAC
 * (libs/identity `blindNumber`; migration SipHashBlockKeys removed the old numbers).
 */
export const KEY_SCHEME = 5;

/** Birth months, under which a record without a birth date looks up its dated namesakes. */
const MONTHS = Array.from({ length: 12 }, (_, m) => String(m + 1).padStart(2, '0'));

/**
 * Name and region find a person whose ID number is missing or mistyped, whose birth date disagrees and whose phone
 * is missing or changed. Probing by name and region alone read every namesake of the region: 7.6 records a key at
 * a million persons against 1.7 at 100,000 (the generator's county), three in four of the index rows read, and
 * more the larger the county. A dated record probes its namesakes of the same birth year (`nry:`) and of the
 * same birth month (`nrm:`): a birth date that disagrees in one part (a year, a month or a day typed wrong) still
 * shares one of the two, and so does one off by a year and a day (a year back across a 29 February) or by a month and
 * a day (a lunar birthday, 30 days on), while other namesakes rarely share either (0.6 a record at a million
 * persons, against 6.6). Only a date wrong in year and month at once escapes both. Records without a birth date are
 * stored under `nru:`, which dated records probe too; they probe `nru:` and the twelve `nrm:` keys of their name,
 * which together hold every namesake, dated or not. (Scheme 2 stored every record under `nr:` for them: a key row
 * more for each dated record, where an undated one is the rare prober.)
 */
function nameRegionKeys(identity: MatchIdentity): RecordKeys {
  if (!identity.name.normalized || !identity.region) return { stored: [], probe: [] };
  const nameRegion = `${identity.name.normalized}|${identity.region}`;
  const undated = `nru:${nameRegion}`;
  // Both dates of a record whose ID number says otherwise than the date sent (高凯刚: 2022-01-24 typed beside an ID
  // number of 2021-12-25, a record without ID number of 2021-12-25 shared neither year nor month with it).
  const dates = birthDatesOf(identity)
    .map((d) => /^(\d{4})-(\d{2})-\d{2}$/.exec(d))
    .filter((d): d is RegExpExecArray => !!d);
  if (!dates.length) return { stored: [undated], probe: [undated, ...MONTHS.map((m) => `nrm:${nameRegion}|${m}`)] };
  const dated = [...new Set(dates.flatMap((d) => [`nry:${nameRegion}|${d[1]}`, `nrm:${nameRegion}|${d[2]}`]))];
  return { stored: dated, probe: [...dated, undated] };
}

/** Every key of a record, for batch blocking where each record is both stored and probing. */
export function blockingKeys(identity: MatchIdentity): string[] {
  const { stored, probe } = recordKeys(identity);
  return [...new Set([...stored, ...probe])];
}
