/**
 * A small synchronous SHA-256 (FIPS 180-4) in plain JavaScript, shared by the matcher (fingerprints of the
 * files it loads) and the reports (HMAC pseudonyms, output hashes): it runs in Node and in browsers alike
 * (Web Crypto's digest is asynchronous only).
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

function compress(state: Uint32Array, w: Uint32Array, data: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] =
      ((data[j] as number) << 24) |
      ((data[j + 1] as number) << 16) |
      ((data[j + 2] as number) << 8) |
      (data[j + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15] as number;
    const b = w[i - 2] as number;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + s1 + ch + (K[i] as number) + (w[i] as number)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (s0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

/** The pure-JavaScript SHA-256 state after hashing `data`. */
function digestPure(data: Uint8Array): Uint32Array {
  const state = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const full = data.length - (data.length % 64);
  for (let off = 0; off < full; off += 64) compress(state, w, data, off);
  const restLength = data.length - full;
  const tail = new Uint8Array(restLength < 56 ? 64 : 128);
  tail.set(data.subarray(full));
  tail[restLength] = 0x80;
  const bitLength = data.length * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(tail.length - 4, bitLength >>> 0);
  for (let off = 0; off < tail.length; off += 64) compress(state, w, tail, off);
  return state;
}

/**
 * The pure-JavaScript SHA-256 of `data`, as 64 lower-case hex characters (also where Node's hash exists).
 *
 * @example
 * ```ts
 * import { sha256HexPure } from '@vigil/core';
 *
 * sha256HexPure(new TextEncoder().encode('abc')); // 'ba7816bf…'
 * ```
 */
export function sha256HexPure(data: Uint8Array): string {
  const state = digestPure(data);
  let hex = '';
  for (let i = 0; i < 8; i++) hex += ((state[i] as number) >>> 0).toString(16).padStart(8, '0');
  return hex;
}

/**
 * The SHA-256 digest of bytes, or of the UTF-8 encoding of a string, as 32 bytes.
 *
 * @example
 * ```ts
 * import { sha256 } from '@vigil/core';
 *
 * sha256('abc').length; // 32
 * ```
 */
export function sha256(input: Uint8Array | string): Uint8Array {
  const state = digestPure(typeof input === 'string' ? new TextEncoder().encode(input) : input);
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) view.setUint32(i * 4, (state[i] as number) >>> 0);
  return out;
}

interface NodeHash {
  update(data: Uint8Array | string, encoding?: 'utf8'): NodeHash;
  digest(encoding: 'hex'): string;
}

/**
 * Node's native hash, found by feature detection (`process.getBuiltinModule`, Node 20.16 and later) so
 * that no bundler sees an import and browsers fall back to the pure-JavaScript code.
 */
const nativeCreateHash: ((algorithm: 'sha256') => NodeHash) | undefined = (() => {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const mod = proc?.getBuiltinModule?.('node:crypto') as
      | { createHash?: (a: 'sha256') => NodeHash }
      | undefined;
    return typeof mod?.createHash === 'function' ? mod.createHash : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * Returns the SHA-256 digest of bytes, or of the UTF-8 encoding of a string, as 64 lower-case hex
 * characters: Node's native hash when running in Node (several times faster on large files; a string is
 * hashed without first copying it into a JavaScript byte array), else {@link sha256HexPure}. Both give the
 * same digest.
 *
 * @example
 * ```ts
 * import { sha256Hex } from '@vigil/core';
 *
 * sha256Hex(new Uint8Array()); // 'e3b0c442…'
 * sha256Hex('abc') === sha256Hex(new TextEncoder().encode('abc')); // true
 * ```
 */
export function sha256Hex(data: Uint8Array | string): string {
  if (nativeCreateHash !== undefined && data.length >= 4096) {
    return typeof data === 'string'
      ? nativeCreateHash('sha256').update(data, 'utf8').digest('hex')
      : nativeCreateHash('sha256').update(data).digest('hex');
  }
  return sha256HexPure(typeof data === 'string' ? new TextEncoder().encode(data) : data);
}
