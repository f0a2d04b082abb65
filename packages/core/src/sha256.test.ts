import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexPure } from './sha256.js';

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    const enc = new TextEncoder();
    expect(sha256HexPure(new Uint8Array())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256HexPure(enc.encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256HexPure(enc.encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto at every padding boundary and on random data', () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 65_537]) {
      const data = randomBytes(n);
      const expected = createHash('sha256').update(data).digest('hex');
      expect(sha256HexPure(data)).toBe(expected);
      expect(sha256Hex(data)).toBe(expected);
    }
  });

  it('hashes a string as its UTF-8 bytes, short or long, with lone surrogates as U+FFFD', () => {
    for (const text of ['', 'abc', 'bücher.example 🐟', `${'x'.repeat(5000)}é`, 'a\ud800b'.repeat(2000)]) {
      const expected = createHash('sha256').update(new TextEncoder().encode(text)).digest('hex');
      expect(sha256Hex(text), text.slice(0, 20)).toBe(expected);
    }
  });
});
