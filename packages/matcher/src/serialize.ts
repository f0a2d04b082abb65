/**
 * A compiled matcher to bytes and back. Loading wraps typed-array views over the bytes (no rebuild, no
 * per-indicator object); an indicator's provenance is decoded only when it matches.
 */

import { VigilError } from '@vigil/core';
import type { Diagnostic, Indicator, IndicatorProvenance, IndicatorType } from './indicator.js';
import { type IndexData, type IndexMeta, idMaskOf, keyText } from './internal/fast-index.js';
import { matcherStates } from './internal/matcher-state.js';
import { type Matcher, type MatcherOptions, matcherFromIndex } from './matcher.js';

const MAGIC = 0x4d4c4756; // 'VGLM' little-endian
const FORMAT_VERSION = 1;

/** A per-indicator field of the provenance, stored column-wise. */
interface Field {
  readonly name: string;
  /** The field's value as JSON text, or undefined when absent. */
  readonly get: (ind: Indicator, key: string) => unknown;
  /** `uint` columns hold small non-negative integers directly; `dict` columns hold indexes into distinct JSON values. */
  readonly mode: 'uint' | 'dict';
}

function locationRest(ind: Indicator): unknown {
  const { line: _line, ...rest } = ind.provenance.location;
  return Object.keys(rest).length === 0 ? undefined : rest;
}

const FIELDS: readonly Field[] = [
  { name: 'type', mode: 'dict', get: (i) => i.type },
  { name: 'value', mode: 'dict', get: (i, key) => (i.value === key ? undefined : i.value) },
  { name: 'raw', mode: 'dict', get: (i) => (i.raw === i.value ? undefined : i.raw) },
  { name: 'hashAlgorithm', mode: 'dict', get: (i) => i.hashAlgorithm },
  { name: 'key', mode: 'dict', get: (i) => i.key },
  { name: 'source', mode: 'dict', get: (i) => i.provenance.source },
  { name: 'location', mode: 'dict', get: locationRest },
  { name: 'line', mode: 'uint', get: (i) => i.provenance.location.line },
  { name: 'stixId', mode: 'dict', get: (i) => i.provenance.stixId },
  { name: 'indicates', mode: 'dict', get: (i) => i.provenance.indicates },
  { name: 'validFrom', mode: 'dict', get: (i) => i.provenance.validFrom },
  { name: 'validUntil', mode: 'dict', get: (i) => i.provenance.validUntil },
  { name: 'revoked', mode: 'dict', get: (i) => i.provenance.revoked },
  { name: 'confidence', mode: 'dict', get: (i) => i.provenance.confidence },
];

interface ColumnHeader {
  name: string;
  mode: 'uint' | 'dict' | 'const';
  /** Bytes per indicator: 0, 1, 2, 3 or 4. */
  width: number;
  /** For `const`: the JSON text, or null when absent. */
  constant?: string | null;
  /** Section names of the data. */
  data?: string;
  dictOffsets?: string;
  dictText?: string;
}

interface Header {
  count: number;
  meta: IndexMeta;
  sections: Record<string, [offset: number, length: number]>;
  columns: ColumnHeader[];
  diagnostics: Diagnostic[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function widthFor(max: number): number {
  return max < 0x100 ? 1 : max < 0x10000 ? 2 : max < 0x1000000 ? 3 : 4;
}

function packUints(values: Uint32Array, width: number): Uint8Array {
  if (width === 1) return Uint8Array.from(values);
  if (width === 2) return new Uint8Array(Uint16Array.from(values).buffer);
  if (width === 3) {
    const out = new Uint8Array(values.length * 3);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      out[3 * i] = v & 0xff;
      out[3 * i + 1] = (v >>> 8) & 0xff;
      out[3 * i + 2] = v >>> 16;
    }
    return out;
  }
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * Serialises a matcher's compiled index, and every indicator's provenance, to bytes. Provenance is stored
 * column-wise with repeated values shared, so a list-loaded indicator costs a few bytes beyond its key.
 *
 * @param matcher - Built with {@link createMatcher} or loaded with {@link loadMatcher}.
 * @returns Bytes for {@link loadMatcher}. The profile is not stored: choose it when loading.
 * @throws {@link @vigil/core!VigilError} `INVALID_INPUT` when `matcher` was not made by this package.
 *
 * @example
 * ```ts
 * import { createMatcher, loadMatcher, serializeMatcher } from '@vigil/matcher';
 *
 * const bytes = serializeMatcher(createMatcher(sets));
 * const again = loadMatcher(bytes, { profile: 'default' });
 * ```
 */
export function serializeMatcher(matcher: Matcher): Uint8Array {
  const state = matcherStates.get(matcher);
  if (state === undefined) {
    throw new VigilError(
      'INVALID_INPUT',
      'serializeMatcher: not a matcher made by createMatcher or loadMatcher.',
    );
  }
  const { data, indicatorAt, diagnostics } = state;
  const n = data.count;
  const parts: { name: string; bytes: Uint8Array }[] = [
    { name: 'kinds', bytes: data.kinds },
    {
      name: 'textOffsets',
      bytes: new Uint8Array(
        data.textOffsets.buffer,
        data.textOffsets.byteOffset,
        data.textOffsets.byteLength,
      ),
    },
    { name: 'slots', bytes: new Uint8Array(data.slots.buffer, data.slots.byteOffset, data.slots.byteLength) },
    { name: 'text', bytes: data.text },
  ];
  if (data.domainFilter !== undefined && data.meta.domainFilterBits !== undefined) {
    const f = data.domainFilter;
    parts.push({ name: 'domainFilter', bytes: new Uint8Array(f.buffer, f.byteOffset, f.byteLength) });
  }
  const keys: string[] = [];
  for (let id = 0; id < n; id++) keys.push(keyText(data, id));
  const columns: ColumnHeader[] = [];
  for (const f of FIELDS) {
    if (f.mode === 'uint') {
      const values = new Uint32Array(n);
      let max = 0;
      let allUint = true;
      for (let id = 0; id < n; id++) {
        const v = f.get(indicatorAt(id), keys[id] as string);
        if (v === undefined) continue;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= 0xfffffffe) {
          allUint = false;
          break;
        }
        values[id] = v + 1;
        if (v + 1 > max) max = v + 1;
      }
      if (allUint) {
        if (max === 0) columns.push({ name: f.name, mode: 'const', width: 0, constant: null });
        else {
          const width = widthFor(max);
          parts.push({ name: `col:${f.name}`, bytes: packUints(values, width) });
          columns.push({ name: f.name, mode: 'uint', width, data: `col:${f.name}` });
        }
        continue;
      }
    }
    const dict = new Map<string, number>();
    const dictTexts: string[] = [];
    const idx = new Uint32Array(n);
    for (let id = 0; id < n; id++) {
      const v = f.get(indicatorAt(id), keys[id] as string);
      if (v === undefined) continue;
      const json = JSON.stringify(v);
      let k = dict.get(json);
      if (k === undefined) {
        k = dictTexts.length + 1;
        dict.set(json, k);
        dictTexts.push(json);
      }
      idx[id] = k;
    }
    if (dictTexts.length === 0) {
      columns.push({ name: f.name, mode: 'const', width: 0, constant: null });
      continue;
    }
    let allSame = true;
    for (let id = 0; id < n; id++) {
      if (idx[id] !== 1) {
        allSame = false;
        break;
      }
    }
    if (allSame) {
      columns.push({ name: f.name, mode: 'const', width: 0, constant: dictTexts[0] as string });
      continue;
    }
    const encoded = dictTexts.map((t) => encoder.encode(t));
    const offsets = new Uint32Array(encoded.length + 1);
    let total = 0;
    for (let k = 0; k < encoded.length; k++) {
      offsets[k] = total;
      total += (encoded[k] as Uint8Array).length;
    }
    offsets[encoded.length] = total;
    const blob = new Uint8Array(total);
    for (let k = 0, at = 0; k < encoded.length; k++) {
      blob.set(encoded[k] as Uint8Array, at);
      at += (encoded[k] as Uint8Array).length;
    }
    const width = widthFor(dictTexts.length);
    parts.push({ name: `col:${f.name}`, bytes: packUints(idx, width) });
    parts.push({ name: `dict:${f.name}`, bytes: new Uint8Array(offsets.buffer) });
    parts.push({ name: `dtext:${f.name}`, bytes: blob });
    columns.push({
      name: f.name,
      mode: 'dict',
      width,
      data: `col:${f.name}`,
      dictOffsets: `dict:${f.name}`,
      dictText: `dtext:${f.name}`,
    });
  }
  const sections: Record<string, [number, number]> = {};
  let at = 0;
  for (const p of parts) {
    sections[p.name] = [at, p.bytes.byteLength];
    at += (p.bytes.byteLength + 7) & ~7;
  }
  const header: Header = { count: n, meta: data.meta, sections, columns, diagnostics: [...diagnostics] };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const bodyStart = (12 + headerBytes.length + 7) & ~7;
  const out = new Uint8Array(bodyStart + at);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  for (const p of parts) out.set(p.bytes, bodyStart + (sections[p.name] as [number, number])[0]);
  return out;
}

function corrupt(why: string): VigilError {
  return new VigilError('INVALID_INPUT', `loadMatcher: these bytes are not a Vigil matcher index (${why}).`);
}

/**
 * Loads a matcher from {@link serializeMatcher}'s bytes without rebuilding it: the index is used in place
 * through typed-array views (the bytes are copied once only if they are not 4-byte aligned), and an
 * indicator is decoded the first time it matches.
 *
 * @param bytes - The serialised index. Do not modify it while the matcher is in use.
 * @param options - {@link MatcherOptions}; the profile may differ from the one used when building.
 * @returns The matcher.
 * @throws {@link @vigil/core!VigilError} `INVALID_INPUT` on bytes that are not a valid index, `UNSUPPORTED`
 * on an index written by a newer format version.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { loadMatcher } from '@vigil/matcher';
 *
 * const matcher = loadMatcher(readFileSync('iocs.vigil-index'));
 * matcher.match({ type: 'domain', value: 'cdn.evil.example' });
 * ```
 */
export function loadMatcher(bytes: Uint8Array, options: MatcherOptions = {}): Matcher {
  let b = bytes;
  if (b.byteLength < 12) throw corrupt('too short');
  if (b.byteOffset % 8 !== 0) b = b.slice();
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw corrupt('bad magic number');
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) {
    throw new VigilError(
      'UNSUPPORTED',
      `loadMatcher: index format ${version}; this version reads format ${FORMAT_VERSION}.`,
    );
  }
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > b.byteLength) throw corrupt('truncated header');
  let header: Header;
  try {
    header = JSON.parse(decoder.decode(b.subarray(12, 12 + headerLength))) as Header;
  } catch (cause) {
    throw new VigilError('INVALID_INPUT', 'loadMatcher: the index header is not valid JSON.', { cause });
  }
  const bodyStart = (12 + headerLength + 7) & ~7;
  const n = header.count;
  if (!Number.isInteger(n) || n < 0) throw corrupt('bad count');
  const section = (name: string): Uint8Array => {
    const s = header.sections?.[name];
    if (s === undefined) throw corrupt(`missing section ${name}`);
    const [off, len] = s;
    if (
      !Number.isInteger(off) ||
      !Number.isInteger(len) ||
      off < 0 ||
      len < 0 ||
      bodyStart + off + len > b.byteLength
    ) {
      throw corrupt(`section ${name} out of bounds`);
    }
    return b.subarray(bodyStart + off, bodyStart + off + len);
  };
  const u32 = (s: Uint8Array): Uint32Array => new Uint32Array(s.buffer, s.byteOffset, s.byteLength >>> 2);
  const kinds = section('kinds');
  const textOffsets = u32(section('textOffsets'));
  const slots = u32(section('slots'));
  const text = section('text');
  if (kinds.length !== n || textOffsets.length !== n + 1) throw corrupt('array sizes do not match the count');
  if (slots.length === 0 || (slots.length & (slots.length - 1)) !== 0)
    throw corrupt('table size is not a power of two');
  if ((textOffsets[n] as number) > text.length) throw corrupt('text offsets out of bounds');
  const idBits = header.meta?.idBits;
  if (!Number.isInteger(idBits) || idBits < 1 || idBits > 32 || 2 ** idBits <= n)
    throw corrupt('bad id width');
  const idMask = idMaskOf(idBits);
  for (let k = 0; k < slots.length; k += Math.max(1, slots.length >>> 6)) {
    if (((slots[k] as number) & idMask) > n) throw corrupt('table entry out of range');
  }
  // The domain filter, when stored (an index without one gets it built on its first domain probe).
  let domainFilter: Uint32Array | undefined;
  const filterBits = header.meta.domainFilterBits;
  if (header.sections.domainFilter !== undefined || filterBits !== undefined) {
    if (!Number.isInteger(filterBits) || (filterBits as number) < 1) throw corrupt('bad domain filter size');
    domainFilter = u32(section('domainFilter'));
    if (domainFilter.length !== Math.ceil((filterBits as number) / 32))
      throw corrupt('domain filter size does not match its header');
  }
  const data: IndexData = {
    count: n,
    kinds,
    textOffsets,
    text,
    slots,
    meta: header.meta,
    ...(domainFilter === undefined ? {} : { domainFilter }),
  };

  const readers = header.columns.map((c) => {
    if (c.mode === 'const') {
      const v = c.constant === null || c.constant === undefined ? undefined : JSON.parse(c.constant);
      return { name: c.name, at: (_id: number): unknown => v };
    }
    const raw = section(c.data ?? '');
    const width = c.width;
    const get =
      width === 1
        ? (id: number) => raw[id] as number
        : width === 2
          ? (id: number) => (raw[2 * id] as number) | ((raw[2 * id + 1] as number) << 8)
          : width === 3
            ? (id: number) =>
                (raw[3 * id] as number) |
                ((raw[3 * id + 1] as number) << 8) |
                ((raw[3 * id + 2] as number) << 16)
            : (id: number) => new DataView(raw.buffer, raw.byteOffset + 4 * id, 4).getUint32(0, true);
    if (raw.length < width * n) throw corrupt(`column ${c.name} is short`);
    if (c.mode === 'uint')
      return { name: c.name, at: (id: number): unknown => (get(id) === 0 ? undefined : get(id) - 1) };
    const offsets = u32(section(c.dictOffsets ?? ''));
    const dtext = section(c.dictText ?? '');
    const cache = new Map<number, unknown>();
    return {
      name: c.name,
      at: (id: number): unknown => {
        const k = get(id);
        if (k === 0) return undefined;
        let v = cache.get(k);
        if (v === undefined && !cache.has(k)) {
          const from = offsets[k - 1];
          const to = offsets[k];
          if (from === undefined || to === undefined || to > dtext.length)
            throw corrupt(`column ${c.name} entry ${k}`);
          v = JSON.parse(decoder.decode(dtext.subarray(from, to)));
          cache.set(k, v);
        }
        return v;
      },
    };
  });
  const byName = new Map(readers.map((r) => [r.name, r.at]));
  const read = (name: string, id: number): unknown => byName.get(name)?.(id);

  const decoded: (Indicator | undefined)[] = new Array(n);
  const indicatorAt = (id: number): Indicator => {
    let ind = decoded[id];
    if (ind !== undefined) return ind;
    const value = (read('value', id) as string | undefined) ?? keyText(data, id);
    const location = { ...((read('location', id) as object | undefined) ?? {}) } as Record<string, unknown>;
    const line = read('line', id);
    if (line !== undefined) location.line = line;
    const provenance: Record<string, unknown> = {
      source: read('source', id),
      location,
      indicates: read('indicates', id) ?? [],
      revoked: read('revoked', id) ?? false,
    };
    for (const k of ['stixId', 'validFrom', 'validUntil', 'confidence'] as const) {
      const v = read(k, id);
      if (v !== undefined) provenance[k] = v;
    }
    const out: Record<string, unknown> = {
      type: read('type', id) as IndicatorType,
      value,
      raw: (read('raw', id) as string | undefined) ?? value,
    };
    const hashAlgorithm = read('hashAlgorithm', id);
    if (hashAlgorithm !== undefined) out.hashAlgorithm = hashAlgorithm;
    const key = read('key', id);
    if (key !== undefined) out.key = key;
    out.provenance = provenance as unknown as IndicatorProvenance;
    ind = out as unknown as Indicator;
    decoded[id] = ind;
    return ind;
  };
  return matcherFromIndex(data, indicatorAt, header.diagnostics ?? [], options);
}
