import * as OpenCC from 'opencc-js';
import { checkDigit } from '@hub/identity';
import { HOMOPHONES, MINORITY_SEPARATORS } from './names';
import { SeededRandom } from './random';

/** Contract section 4's kinds of identity noise; each has its own rate. */
export const NOISE_KINDS = [
  'ID_TYPO',
  'ID_TRANSPOSITION',
  'ID_LEGACY_15',
  'ID_LOWERCASE_X',
  'ID_FULLWIDTH',
  'ID_SEPARATORS',
  'ID_MISSING',
  'NAME_TRADITIONAL',
  'NAME_HOMOPHONE',
  'NAME_MINORITY_SEPARATOR',
  'BIRTHDATE_DISAGREES',
  'PHONE_MISSING',
] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];
export type NoiseRates = Record<NoiseKind, number>;

export const DEFAULT_NOISE: NoiseRates = {
  ID_TYPO: 0.02,
  ID_TRANSPOSITION: 0.01,
  ID_LEGACY_15: 0.03,
  ID_LOWERCASE_X: 0.5,
  ID_FULLWIDTH: 0.02,
  ID_SEPARATORS: 0.02,
  ID_MISSING: 0.03,
  NAME_TRADITIONAL: 0.05,
  NAME_HOMOPHONE: 0.02,
  NAME_MINORITY_SEPARATOR: 0.5,
  BIRTHDATE_DISAGREES: 0.02,
  PHONE_MISSING: 0.2,
};

export const NO_NOISE: NoiseRates = Object.fromEntries(NOISE_KINDS.map((k) => [k, 0])) as NoiseRates;

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });

export interface TrueIdentity {
  name: string;
  idNumber: string;
  gender: 'M' | 'F';
  birthDate: string;
  phone: string;
  region: string;
  minority: boolean;
}

export interface NoisyIdentity {
  idType: string;
  idNumber?: string;
  name: string;
  gender: 'M' | 'F';
  birthDate?: string;
  phone?: string;
  hukouRegion: string;
  noise: NoiseKind[];
}

function fullWidth(s: string): string {
  return s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * How one department's system holds a person: the truth with some noise applied, chosen per record
 * (a department keeps its typo for every event it sends about that person).
 */
export function noisyIdentity(
  truth: TrueIdentity,
  rates: NoiseRates,
  rnd: SeededRandom,
  allowMissingId: boolean,
): NoisyIdentity {
  const noise: NoiseKind[] = [];
  let idNumber: string | undefined = truth.idNumber;
  if (allowMissingId && rnd.chance(rates.ID_MISSING)) {
    idNumber = undefined;
    noise.push('ID_MISSING');
  } else if (rnd.chance(rates.ID_LEGACY_15) && truth.idNumber.slice(6, 8) === '19') {
    idNumber = truth.idNumber.slice(0, 6) + truth.idNumber.slice(8, 17);
    noise.push('ID_LEGACY_15');
  } else if (rnd.chance(rates.ID_TYPO)) {
    const pos = rnd.int(0, 16);
    const digit = String((Number(truth.idNumber[pos]) + rnd.int(1, 9)) % 10);
    idNumber = truth.idNumber.slice(0, pos) + digit + truth.idNumber.slice(pos + 1);
    // A typo that happens to keep the check digit right is no longer detectable as a typo.
    if (checkDigit(idNumber.slice(0, 17)) !== idNumber[17]) noise.push('ID_TYPO');
    else idNumber = truth.idNumber;
  } else if (rnd.chance(rates.ID_TRANSPOSITION)) {
    const pos = rnd.int(6, 15);
    if (truth.idNumber[pos] !== truth.idNumber[pos + 1]) {
      idNumber =
        truth.idNumber.slice(0, pos) + truth.idNumber[pos + 1] + truth.idNumber[pos] + truth.idNumber.slice(pos + 2);
      noise.push('ID_TRANSPOSITION');
    }
  }
  if (idNumber) {
    if (idNumber.endsWith('X') && rnd.chance(rates.ID_LOWERCASE_X)) {
      idNumber = idNumber.slice(0, -1) + 'x';
      noise.push('ID_LOWERCASE_X');
    }
    if (rnd.chance(rates.ID_FULLWIDTH)) {
      idNumber = fullWidth(idNumber);
      noise.push('ID_FULLWIDTH');
    } else if (rnd.chance(rates.ID_SEPARATORS)) {
      idNumber = `${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)}-${idNumber.slice(14)}`;
      noise.push('ID_SEPARATORS');
    }
  }

  let name = truth.name;
  if (truth.minority && rnd.chance(rates.NAME_MINORITY_SEPARATOR)) {
    name = name.replace('·', rnd.pick(MINORITY_SEPARATORS));
    noise.push('NAME_MINORITY_SEPARATOR');
  } else if (!truth.minority && rnd.chance(rates.NAME_HOMOPHONE)) {
    const chars = Array.from(name);
    const i = chars.length - 1;
    const homophone = HOMOPHONES[chars[i]];
    if (homophone && homophone !== chars[i]) {
      chars[i] = homophone;
      name = chars.join('');
      noise.push('NAME_HOMOPHONE');
    }
  }
  if (rnd.chance(rates.NAME_TRADITIONAL)) {
    const traditional = toTraditional(name);
    if (traditional !== name) {
      name = traditional;
      noise.push('NAME_TRADITIONAL');
    }
  }

  let birthDate: string | undefined = truth.birthDate;
  if (rnd.chance(rates.BIRTHDATE_DISAGREES)) {
    birthDate = shiftDate(truth.birthDate, rnd.pick([-1, 1, 30, -365]));
    noise.push('BIRTHDATE_DISAGREES');
  }
  let phone: string | undefined = truth.phone;
  if (rnd.chance(rates.PHONE_MISSING)) {
    phone = undefined;
    noise.push('PHONE_MISSING');
  }
  return {
    idType: idNumber ? 'RESIDENT_ID' : 'NONE',
    idNumber,
    name,
    gender: truth.gender,
    birthDate,
    phone,
    hukouRegion: truth.region,
    noise,
  };
}
