/**
 * Personal data masked by default (issue 5, access): the identity fields of contract section 4 wherever
 * they appear in a message, and, in text that is not JSON, anything shaped like an ID number, a mobile
 * number or a Chinese name. Unmasking is a reviewer's audited action elsewhere, never done here.
 */

import { maskAddress, maskBirthDate, maskIdNumber, maskName, maskPersonalText, maskPhone } from '@hub/identity';

// One masking for the whole hub: the detector's alert subjects and the console mask alike.

const FIELD_MASKS: Record<string, (value: string) => string> = {
  name: maskName,
  idNumber: maskIdNumber,
  phone: maskPhone,
  address: maskAddress,
  birthDate: maskBirthDate,
};

/** A copy of a parsed JSON value with every identity field, at any depth, masked (same shape, masked strings). */
export function maskPersonalFields<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskPersonalFields) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const mask = FIELD_MASKS[key];
    if (mask && typeof v === 'string') out[key] = mask(v);
    else if (mask && typeof v === 'number') out[key] = mask(String(v));
    else out[key] = maskPersonalFields(v);
  }
  return out as T;
}

export type MaskedValue =
  | { format: 'json'; value: unknown }
  | { format: 'text'; value: string }
  | { format: 'binary'; bytes: number }
  | { format: 'empty' };

/** A message value as the console may show it: JSON with identity fields masked, text masked by shape, other bytes not shown. */
export function maskMessageValue(value: Buffer | null): MaskedValue {
  if (!value || value.length === 0) return { format: 'empty' };
  const text = value.toString('utf8');
  // Not UTF-8 (protobuf, say): bytes we cannot mask field by field are not shown at all.
  if (
    Buffer.from(text, 'utf8').length !== value.length ||
    text.includes('\uFFFD') ||
    /[\u0000-\u0008\u000e-\u001f]/.test(text)
  ) {
    return { format: 'binary', bytes: value.length };
  }
  try {
    return { format: 'json', value: maskPersonalFields(JSON.parse(text)) };
  } catch {
    return { format: 'text', value: maskPersonalText(text) };
  }
}
