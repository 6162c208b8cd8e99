import { parseIdNumber } from '@hub/identity';
import { ID_TYPES, KNOWN_CAUSE_KINDS, KNOWN_PROGRAMS, KNOWN_STATUSES } from './catalogues';

/**
 * Data-quality flags: what intake noticed but did not reject, because the matcher and the rules
 * must still see the record. Stored with the event and shown to reviewers.
 */
export type QualityFlag = string;

const KNOWN_ID_TYPES: ReadonlySet<string> = new Set(ID_TYPES);
const RESIDENT_FORMS: ReadonlySet<string | undefined> = new Set([undefined, 'RESIDENT_ID', 'HMT_PERMIT']);

interface PersonLike {
  idType?: string;
  idNumber?: string;
  birthDate?: string;
  gender?: string;
}

export function identityFlags(person: PersonLike, today?: Date): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (person.idType !== undefined && !KNOWN_ID_TYPES.has(person.idType)) flags.push('UNKNOWN_ID_TYPE');
  if (!person.idNumber || person.idType === 'NONE') {
    flags.push('ID_MISSING');
    return flags;
  }
  // Passports and foreign permanent-residence cards have no GB 11643 structure to check.
  if (!RESIDENT_FORMS.has(person.idType)) return flags;
  const id = parseIdNumber(person.idNumber, today);
  flags.push(...id.flags);
  if (person.idType === 'HMT_PERMIT' && id.kind === 'RESIDENT_ID') flags.push('ID_TYPE_DISAGREES_WITH_NUMBER');
  if (id.birthDate && person.birthDate && person.birthDate !== id.birthDate) flags.push('BIRTHDATE_DISAGREES_WITH_ID');
  if (id.gender && (person.gender === 'M' || person.gender === 'F') && person.gender !== id.gender) flags.push('GENDER_DISAGREES_WITH_ID');
  return flags;
}

export function payloadFlags(payload: Record<string, unknown>, today?: Date): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (payload.person && typeof payload.person === 'object') flags.push(...identityFlags(payload.person, today));
  if (typeof payload.program === 'string' && !KNOWN_PROGRAMS.has(payload.program)) flags.push('UNKNOWN_PROGRAM');
  if (typeof payload.status === 'string' && !KNOWN_STATUSES.has(payload.status)) flags.push('UNKNOWN_STATUS');
  const cause = payload.cause as { kind?: string } | undefined;
  if (cause?.kind && !KNOWN_CAUSE_KINDS.has(cause.kind)) flags.push('UNKNOWN_CAUSE_KIND');
  return flags;
}
