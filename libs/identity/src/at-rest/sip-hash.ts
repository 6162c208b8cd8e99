/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed pseudo-random function for short inputs with a 64-bit output,
 * made for hash-table keys an attacker must not be able to compute. The hub blinds block keys with it (issue 11): a
 * record's 5–8 block keys are hashed at every chunk, and HMAC-SHA256 through node:crypto cost about 5 µs a key on this
 * machine (with its memo, a sixth of the matcher's CPU at a million persons), this under 1 µs. node:crypto offers no
 * SipHash.
 *
 * The 64-bit words are kept as 32-bit halves in local variables (JavaScript numbers are exact to 53 bits); the spec
 * holds the reference implementation's test vectors.
 */

/** A SipHash key: 16 bytes as four little-endian 32-bit words (k0 low, k0 high, k1 low, k1 high). */
export type SipHashKey = Uint32Array;

export function sipHashKey(bytes: Uint8Array): SipHashKey {
  if (bytes.length !== 16) throw new Error(`a SipHash key is 16 bytes, not ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return Uint32Array.from([0, 4, 8, 12], (offset) => view.getUint32(offset, true));
}

/** SipHash-2-4 of the first `length` bytes of `message`, as the high and low 32 bits of the 64-bit result (unsigned). */
export function sipHash24(key: SipHashKey, message: Uint8Array, length = message.length): [number, number] {
  if (length > message.length) throw new RangeError(`SipHash of ${length} bytes of a ${message.length}-byte message`);
  let v0h = key[1] ^ 0x736f6d65;
  let v0l = key[0] ^ 0x70736575;
  let v1h = key[3] ^ 0x646f7261;
  let v1l = key[2] ^ 0x6e646f6d;
  let v2h = key[1] ^ 0x6c796765;
  let v2l = key[0] ^ 0x6e657261;
  let v3h = key[3] ^ 0x74656462;
  let v3l = key[2] ^ 0x79746573;
  let t: number;
  let sum: number;

  // `n` SipRounds on the state above (a closure over it: the four words stay in local variables, not in objects).
  const rounds = (n: number) => {
    for (let r = 0; r < n; r++) {
      sum = (v0l >>> 0) + (v1l >>> 0);
      v0h = (v0h + v1h + ((sum / 0x100000000) | 0)) | 0;
      v0l = sum | 0;
      sum = (v2l >>> 0) + (v3l >>> 0);
      v2h = (v2h + v3h + ((sum / 0x100000000) | 0)) | 0;
      v2l = sum | 0;
      t = (v1h << 13) | (v1l >>> 19);
      v1l = (v1l << 13) | (v1h >>> 19);
      v1h = t;
      t = (v3h << 16) | (v3l >>> 16);
      v3l = (v3l << 16) | (v3h >>> 16);
      v3h = t;
      v1h ^= v0h;
      v1l ^= v0l;
      v3h ^= v2h;
      v3l ^= v2l;
      t = v0h;
      v0h = v0l;
      v0l = t;
      sum = (v2l >>> 0) + (v1l >>> 0);
      v2h = (v2h + v1h + ((sum / 0x100000000) | 0)) | 0;
      v2l = sum | 0;
      sum = (v0l >>> 0) + (v3l >>> 0);
      v0h = (v0h + v3h + ((sum / 0x100000000) | 0)) | 0;
      v0l = sum | 0;
      t = (v1h << 17) | (v1l >>> 15);
      v1l = (v1l << 17) | (v1h >>> 15);
      v1h = t;
      t = (v3h << 21) | (v3l >>> 11);
      v3l = (v3l << 21) | (v3h >>> 11);
      v3h = t;
      v1h ^= v2h;
      v1l ^= v2l;
      v3h ^= v0h;
      v3l ^= v0l;
      t = v2h;
      v2h = v2l;
      v2l = t;
    }
  };

  const whole = length - (length % 8);
  for (let i = 0; i <= whole; i += 8) {
    let ml: number;
    let mh: number;
    if (i < whole) {
      ml = message[i] | (message[i + 1] << 8) | (message[i + 2] << 16) | (message[i + 3] << 24);
      mh = message[i + 4] | (message[i + 5] << 8) | (message[i + 6] << 16) | (message[i + 7] << 24);
    } else {
      // The last word: the bytes left, and the message length (mod 256) in its top byte.
      ml = 0;
      mh = (length & 0xff) << 24;
      for (let j = 0; j < length - whole; j++)
        if (j < 4) ml |= message[i + j] << (8 * j);
        else mh |= message[i + j] << (8 * (j - 4));
    }
    v3h ^= mh;
    v3l ^= ml;
    rounds(2);
    v0h ^= mh;
    v0l ^= ml;
  }
  v2l ^= 0xff;
  rounds(4);
  return [(v0h ^ v1h ^ v2h ^ v3h) >>> 0, (v0l ^ v1l ^ v2l ^ v3l) >>> 0];
}
