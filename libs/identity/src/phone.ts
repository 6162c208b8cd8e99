export type PhoneFlag = 'PHONE_REFORMATTED' | 'PHONE_INVALID';

export interface NormalizedPhone {
  raw: string;
  /** Digits only, country code removed; mobile numbers 11 digits, landlines with their area code. */
  normalized: string | null;
  kind: 'MOBILE' | 'LANDLINE' | null;
  flags: PhoneFlag[];
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}\d{7,8}$/;

export function normalizePhone(raw: string): NormalizedPhone {
  const flags: PhoneFlag[] = [];
  let digits = raw.normalize('NFKC').replace(/[^\d+]/g, '');
  digits = digits.replace(/^(\+|00)?86(?=1[3-9]\d{9}$)/, '').replace(/^\+/, '');
  if (digits !== raw) flags.push('PHONE_REFORMATTED');
  if (MOBILE.test(digits)) return { raw, normalized: digits, kind: 'MOBILE', flags };
  if (LANDLINE.test(digits)) return { raw, normalized: digits, kind: 'LANDLINE', flags };
  flags.push('PHONE_INVALID');
  return { raw, normalized: null, kind: null, flags };
}
