import { randomBytes } from 'node:crypto';

/**
 * The keys personal data is stored under (issue 12, PIPL art. 51): AES-256-GCM data keys by id, the one new
 * values are sealed with, and the key that blinds the values the hub looks people up by (HMAC for ID numbers and
 * names; block keys by SipHash under a key derived from it). Written as JSON, in a setting or a file:
 *   {"current":"k2","keys":{"k1":"<base64 of 32 bytes>","k2":"…"},"blinding":"<base64 of 32 bytes>"}
 * Rotation: add a key and make it current; values sealed under the others still open; `data:reseal` seals them
 * all under the current key, after which the old ones may go. The blinding key cannot rotate in place (every
 * stored lookup value would change at once).
 */
export interface DataKeys {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
  blindingKey: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

function key32(value: unknown, what: string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'base64') : undefined;
  if (!bytes || bytes.length !== 32)
    throw new Error(`${what} must be 32 bytes in base64 (e.g. openssl rand -base64 32)`);
  return bytes;
}

/** Reads and checks a key set; errors name the setting or file (`origin`) and what is wrong, never a key. */
export function parseDataKeys(json: string, origin: string): DataKeys {
  let spec: { current?: unknown; keys?: unknown; blinding?: unknown };
  try {
    spec = JSON.parse(json) as typeof spec;
  } catch {
    throw new Error(`${origin} is not JSON: expected {"current":"k1","keys":{"k1":"<base64>"},"blinding":"<base64>"}`);
  }
  if (typeof spec.keys !== 'object' || spec.keys === null || Array.isArray(spec.keys))
    throw new Error(`${origin}: "keys" must be an object of key id to key`);
  const keys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(spec.keys)) {
    if (!KEY_ID.test(id)) throw new Error(`${origin}: key id "${id}" must be 1-32 letters, digits, - or _`);
    keys.set(id, key32(value, `${origin}: key ${id}`));
  }
  if (typeof spec.current !== 'string' || !keys.has(spec.current))
    throw new Error(`${origin}: "current" must name one of the keys (${[...keys.keys()].join(', ') || 'none given'})`);
  return { currentKeyId: spec.current, keys, blindingKey: key32(spec.blinding, `${origin}: "blinding"`) };
}

/** A new key set (one data key, one blinding key), as JSON: what deploy/hub.sh writes once for the local runtime. */
export function newDataKeys(): string {
  return JSON.stringify(
    { current: 'k1', keys: { k1: randomBytes(32).toString('base64') }, blinding: randomBytes(32).toString('base64') },
    null,
    2,
  );
}

/** The same key set with one more data key, made current (the first step of a rotation). */
export function withNewCurrentKey(json: string, origin: string): string {
  const keys = parseDataKeys(json, origin);
  let n = keys.keys.size + 1;
  while (keys.keys.has(`k${n}`)) n++;
  const spec = JSON.parse(json) as { keys: Record<string, string> };
  return JSON.stringify(
    { ...spec, current: `k${n}`, keys: { ...spec.keys, [`k${n}`]: randomBytes(32).toString('base64') } },
    null,
    2,
  );
}
