import { maskIdNumber } from './id-number';
import { storableText } from './storable-text';

/** 王*明, 欧**花: first and last character kept; a two-character name keeps its surname. */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return storableText(chars[0] + '*');
  return storableText(chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1]);
}

/** 138****0000 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** Keeps the first six characters (province and city, say), hides the rest. */
export function maskAddress(address: string): string {
  const chars = [...address.trim()];
  return chars.length <= 6 ? '*'.repeat(chars.length) : storableText(`${chars.slice(0, 6).join('')}****`);
}

/** 1980-01-01 → 1980-**-**. */
export function maskBirthDate(date: string): string {
  return /^\d{4}/.test(date) ? `${date.slice(0, 4)}-**-**` : '*'.repeat(date.length);
}

const ID_NUMBER = /(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9])/g;
const MOBILE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;
/** Two to four Han characters in a row: a name in most texts a dead letter holds. Over-masks other words, on purpose. */
const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]{2,4}/g;

/**
 * Text that could not be read as JSON (a broken dead letter, an error detail): no field names to go by,
 * so shapes are masked instead. A name is recognised only as a run of Han characters.
 */
export function maskPersonalText(text: string): string {
  return maskNumbersInText(text).replace(HAN_RUN, maskName);
}

/**
 * ID numbers and mobile numbers masked, words left readable: for texts people write about a case (an emergency
 * application's reason on a public notice), where masking every run of Han characters would leave nothing to read.
 */
export function maskNumbersInText(text: string): string {
  return text.replace(ID_NUMBER, maskIdNumber).replace(MOBILE, maskPhone);
}
