import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { BlindingMemo } from './blinding-memo';
import { DataKeys } from './data-keys';
import { SipHashKey, sipHash24, sipHashKey } from './sip-hash';

/** A value sealed at rest: which key, and iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext. */
export interface SealedValue {
  keyId: string;
  sealed: Buffer;
}

/** Blinded values carry this prefix, so a store can tell them from values written before blinding. */
export const BLINDED_PREFIX = 'b1.';

/**
 * Seals personal data for PostgreSQL (AES-256-GCM under the current key, the row's identity as associated data,
 * so a sealed value copied onto another row does not open) and blinds the values people are looked up by
 * (HMAC-SHA256 of the normalised value, SipHash-2-4 for block keys: equal values stay equal, so blocking, search and
 * joins work unchanged).
 */
export class PersonalDataVault {
  private readonly memo = new BlindingMemo(BLINDING_MEMO_SIZE);
  private ivs = Buffer.alloc(0);
  /** blindNumber's key: derived from the blinding key, so it changes with it and needs no key of its own. */
  private readonly numberKey: SipHashKey;
  /** A value's UTF-8 bytes for blindNumber (one buffer, written again for each value). */
  private scratch = Buffer.alloc(256);

  constructor(private readonly keys: DataKeys) {
    // HKDF, not an HMAC under the blinding key itself: no value `blind` is given could ever reveal this key.
    this.numberKey = sipHashKey(new Uint8Array(hkdfSync('sha256', keys.blindingKey, '', NUMBER_KEY_INFO, 16)));
  }

  get currentKeyId(): string {
    return this.keys.currentKeyId;
  }

  /** `context` names the row the value belongs to (e.g. its record key); opening needs the same. */
  seal(value: unknown, context: string): SealedValue {
    return this.sealText(JSON.stringify(value), context);
  }

  /** Seals text as it is (a payload already serialised, so it is not parsed and written again). */
  sealText(text: string, context: string): SealedValue {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.keys.keys.get(this.keys.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return { keyId: this.keys.currentKeyId, sealed: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]) };
  }

  /** Throws when the key is unknown or the value, its key id or its context was changed. */
  open<T>(value: SealedValue, context: string): T {
    return JSON.parse(this.openText(value, context)) as T;
  }

  openText(value: SealedValue, context: string): string {
    const key = this.keys.keys.get(value.keyId);
    if (!key)
      throw new Error(
        `personal data sealed under key ${value.keyId}, which is not among the keys given (HUB_DATA_KEYS)`,
      );
    const decipher = createDecipheriv('aes-256-gcm', key, value.sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(value.sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(value.sealed.subarray(28)), decipher.final()]).toString('utf8');
  }

  /**
   * A fingerprint of each key (HMAC of a fixed text under it; the keys themselves cannot be learnt from it), to tell
   * at start whether these are the keys a database's data was written under.
   */
  fingerprints(): { kind: 'blinding' | 'data'; keyId: string; fingerprint: string }[] {
    const of = (key: Buffer) =>
      createHmac('sha256', key).update('assist-hub key check', 'utf8').digest('base64url').slice(0, 22);
    return [
      { kind: 'blinding', keyId: '-', fingerprint: of(this.keys.blindingKey) },
      ...[...this.keys.keys].map(([keyId, key]) => ({ kind: 'data' as const, keyId, fingerprint: of(key) })),
    ];
  }

  /**
   * The keyed hash a normalised value is stored and looked up by (132 bits: collisions are not a concern). Remembered:
   * one HMAC costs 3–5 µs, and a record's name is hashed to count it, look its count up and store it.
   */
  blind(value: string): string {
    const known = this.memo.get(value);
    if (known !== undefined) return known;
    const mac = createHmac('sha256', this.keys.blindingKey).update(value, 'utf8').digest();
    const hash = BLINDED_PREFIX + mac.toString('base64url').slice(0, 22);
    this.memo.set(value, hash);
    return hash;
  }

  /**
   * A keyed hash of the value as a signed 64-bit number (PostgreSQL's bigint, in decimal): for keys a large table is
   * indexed by, where an 8-byte number is a third of the text's index entry and compares faster. SipHash-2-4 under a
   * key derived from the blinding key (a keyed pseudo-random function like the HMAC of `blind`, under 1 µs against about
   * 5 µs: a record's 5–8 block keys are hashed at every chunk; see sip-hash.ts). Two values share a number by chance once in
   * 2^64 pairs; where a shared number only adds a candidate to compare, that is nothing. Not remembered: a lookup in
   * the memo would cost more than the hash.
   */
  blindNumber(value: string): string {
    // A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
    if (this.scratch.length < value.length * 3) this.scratch = Buffer.alloc(value.length * 3);
    const length = this.scratch.write(value, 0, 'utf8');
    const [high, low] = sipHash24(this.numberKey, this.scratch, length);
    return BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low)).toString();
  }

  /**
   * A fresh random IV: cut from a block of random bytes drawn at once (one randomBytes call costs 3.6 µs whatever
   * its size, and every stored record is sealed). Each IV is used once; GCM asks no more of a random IV.
   */
  private nextIv(): Buffer {
    if (this.ivs.length < IV_BYTES) this.ivs = randomBytes(IV_BYTES * IVS_DRAWN_AT_ONCE);
    const iv = this.ivs.subarray(0, IV_BYTES);
    this.ivs = this.ivs.subarray(IV_BYTES);
    return iv;
  }
}

const IV_BYTES = 12;
/** HKDF's info for blindNumber's key. */
const NUMBER_KEY_INFO = 'assist-hub blindNumber SipHash-2-4 key';
const IVS_DRAWN_AT_ONCE = 4096;
/** Values remembered with their blinded hashes, two generations of this many (the names and numbers of a few chunks; a larger map cost more a lookup than it saved). */
const BLINDING_MEMO_SIZE = 50_000;
