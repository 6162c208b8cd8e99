import { maskPersonalText } from '@hub/identity';
import { MaskedValue, maskMessageValue } from './personal-fields';

export interface HeaderView {
  name: string;
  value: string;
}

/** What the console shows of a Kafka message: masked value, masked header texts, the key as text. */
export interface MaskedMessage {
  key: string | null;
  headers: HeaderView[];
  value: MaskedValue;
}

const printable = (b: Buffer) => {
  const text = b.toString('utf8');
  return Buffer.from(text, 'utf8').equals(b) && !/[\u0000-\u0008\u000e-\u001f]/.test(text) ? text : undefined;
};

export function maskedMessage(key: Buffer | null, headers: [string, Buffer][], value: Buffer | null): MaskedMessage {
  return {
    // The key is the department's own sourcePersonId, an identifier of its system, not of the person.
    key: key ? (printable(key) ?? `<${key.length} bytes>`) : null,
    headers: headers.map(([name, v]) => {
      const text = printable(v);
      return { name, value: text === undefined ? `<${v.length} bytes>` : maskPersonalText(text) };
    }),
    value: maskMessageValue(value),
  };
}
