import type {
  Diagnostic,
  HashAlgorithm,
  Indicator,
  IndicatorProvenance,
  IndicatorSet,
  IndicatorType,
  SourceLocation,
} from './indicator.js';
import { createDiagnosticSink } from './internal/diagnostic-sink.js';
import { lineColumn, scanJson } from './internal/json-scan.js';
import { makeSet, readInput } from './internal/load-input.js';
import type { LoadDiagnosticCode } from './load-diagnostic-code.js';
import type { LoadOptions } from './load-options.js';
import { normalizeIndicatorValue } from './normalize.js';
import type { ComparisonExpression, ObjectPath, ObservationExpression, PatternSpan } from './pattern-ast.js';
import { isPatternSyntaxError } from './pattern-errors.js';
import { parsePattern } from './pattern-parse.js';

/**
 * The STIX object paths Vigil loads, after the hash-name spelling is normalised (`'SHA-256'`, `SHA256` and
 * `sha256` all read as `sha256`), and the indicator type each one gives. Includes MVT's non-standard keys.
 *
 * @example
 * ```ts
 * import { STIX_KEYS } from '@vigil/matcher';
 *
 * STIX_KEYS['app:id']; // 'app-id'
 * ```
 */
export const STIX_KEYS: Readonly<Record<string, IndicatorType>> = {
  'domain-name:value': 'domain',
  'ipv4-addr:value': 'ip',
  'ipv6-addr:value': 'ip',
  'url:value': 'url',
  'email-addr:value': 'email',
  'process:name': 'process-name',
  'file:name': 'file-name',
  'file:path': 'file-path',
  'directory:path': 'file-path',
  'file:hashes.md5': 'hash',
  'file:hashes.sha1': 'hash',
  'file:hashes.sha256': 'hash',
  'app:id': 'app-id',
  'app:cert.md5': 'app-cert',
  'app:cert.sha1': 'app-cert',
  'app:cert.sha256': 'app-cert',
  'configuration-profile:id': 'configuration-profile',
  'android-property:name': 'android-property',
};

/** SDO types whose `name` an indicator can indicate. */
const NAMED_TYPES = new Set([
  'malware',
  'campaign',
  'intrusion-set',
  'threat-actor',
  'tool',
  'infrastructure',
  'attack-pattern',
  'report',
  'grouping',
]);

const HASH_NAMES: Readonly<Record<string, HashAlgorithm>> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256' };

/** A single `[key = 'value']`, the shape nearly every real file uses; anything else goes to the parser. */
const SIMPLE =
  /^\[\s*([a-z0-9-]+):((?:[A-Za-z_][A-Za-z0-9_]*|'(?:[^'\\]|\\['\\])*')(?:\.(?:[A-Za-z_][A-Za-z0-9_]*|'(?:[^'\\]|\\['\\])*'))*)\s*={1,2}\s*'((?:[^'\\]|\\['\\])*)'\s*\]$/;

type Json = Record<string, unknown>;

interface Leaf {
  readonly key: string;
  readonly value: string;
  /** 1-based column of the comparison in the pattern. */
  readonly column: number;
}

interface KeyInfo {
  readonly key: string;
  readonly type?: IndicatorType;
  readonly hashAlgorithm?: HashAlgorithm;
  readonly unsupportedHash?: string;
}

function unquote(component: string): string {
  return component.startsWith("'") ? component.slice(1, -1).replace(/\\(['\\])/g, '$1') : component;
}

/** Maps an object path (already split into type and components) to its canonical key and indicator type. */
function keyInfo(objectType: string, components: readonly string[]): KeyInfo {
  const first = components[0] ?? '';
  if ((objectType === 'file' && first === 'hashes') || (objectType === 'app' && first === 'cert')) {
    if (components.length === 2) {
      const algo = (components[1] as string).replace(/['-]/g, '').toLowerCase();
      const key = `${objectType}:${first}.${algo}`;
      const hashAlgorithm = HASH_NAMES[algo];
      if (hashAlgorithm === undefined) return { key, unsupportedHash: components[1] as string };
      return { key, type: STIX_KEYS[key] as IndicatorType, hashAlgorithm };
    }
  }
  const key = `${objectType}:${components.join('.')}`;
  const type = STIX_KEYS[key];
  return type === undefined ? { key } : { key, type };
}

function splitComponents(path: string): string[] {
  const out: string[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*|'(?:[^'\\]|\\['\\])*')\.?/y;
  let m = re.exec(path);
  while (m !== null) {
    out.push(unquote(m[1] as string));
    m = re.exec(path);
  }
  return out;
}

function astKey(path: ObjectPath): { objectType: string; components: string[] } | undefined {
  const components: string[] = [];
  for (const step of path.steps) {
    if (step.kind !== 'key') return undefined;
    components.push(step.key);
  }
  return { objectType: path.objectType, components };
}

interface PatternOutcome {
  readonly leaves: readonly (Leaf & { readonly info: KeyInfo })[];
  readonly problems: readonly { code: LoadDiagnosticCode; message: string; column: number }[];
}

function column(text: string, node: PatternSpan): number {
  return lineColumn(text, node.start).column;
}

/**
 * Reads the comparisons out of a pattern. The fast path takes every `=` comparison on a string, joined by
 * `OR` inside one observation or between observations: each is an indicator on its own. Anything else
 * (`AND`, other operators, `NOT`, `EXISTS`, qualifiers, `FOLLOWEDBY`) has no fast path and is reported.
 */
/** Key paths already mapped, by their text in the pattern (bounded, so hostile input cannot grow it). */
const KEY_CACHE = new Map<string, KeyInfo>();

function readPattern(text: string): PatternOutcome {
  const simple = SIMPLE.exec(text);
  if (simple !== null) {
    const cacheKey = `${simple[1]}:${simple[2]}`;
    let info = KEY_CACHE.get(cacheKey);
    if (info === undefined) {
      info = keyInfo(simple[1] as string, splitComponents(simple[2] as string));
      if (KEY_CACHE.size < 1000) KEY_CACHE.set(cacheKey, info);
    }
    const quoted = simple[3] as string;
    const value = quoted.includes('\\') ? quoted.replace(/\\(['\\])/g, '$1') : quoted;
    return { leaves: [{ key: info.key, value, column: 2, info }], problems: [] };
  }
  let pattern: ReturnType<typeof parsePattern>;
  try {
    pattern = parsePattern(text, { maxDepth: 100 });
  } catch (e) {
    if (isPatternSyntaxError(e)) {
      return {
        leaves: [],
        problems: [
          {
            code: e.code === 'PATTERN_TOO_LONG' ? 'PATTERN_TOO_LONG' : 'INVALID_PATTERN',
            message: `Invalid STIX pattern: ${e.message}.`,
            column: e.column,
          },
        ],
      };
    }
    throw e;
  }
  const leaves: (Leaf & { info: KeyInfo })[] = [];
  const problems: { code: LoadDiagnosticCode; message: string; column: number }[] = [];
  const unsupported = (node: PatternSpan, why: string): PatternOutcome => ({
    leaves: [],
    problems: [
      {
        code: 'UNSUPPORTED_PATTERN',
        message: `No fast path for this pattern: ${why}. Only '=' comparisons joined by OR load as indicators; evaluate it with matchPattern().`,
        column: column(text, node),
      },
    ],
  });
  const observations: ObservationExpression[] = [pattern.expression];
  const comparisons: ComparisonExpression[] = [];
  while (observations.length > 0) {
    const o = observations.pop() as ObservationExpression;
    if (o.type === 'observation') comparisons.push(o.comparison);
    else if (o.type === 'observation-or')
      for (let i = o.operands.length - 1; i >= 0; i--)
        observations.push(o.operands[i] as ObservationExpression);
    else if (o.type === 'observation-and') return unsupported(o, 'observations joined by AND');
    else if (o.type === 'qualified') {
      return unsupported(o, `the qualifier ${o.qualifiers.map((q) => q.kind.toUpperCase()).join(', ')}`);
    } else return unsupported(o, 'FOLLOWEDBY');
  }
  // `comparisons` is in source order; the stack pops the first one first.
  const stack = comparisons.reverse();
  const ordered: ComparisonExpression[] = [];
  while (stack.length > 0) {
    const c = stack.pop() as ComparisonExpression;
    if (c.type === 'comparison-or')
      for (let i = c.operands.length - 1; i >= 0; i--) stack.push(c.operands[i] as ComparisonExpression);
    else ordered.push(c);
  }
  for (const c of ordered) {
    if (c.type === 'comparison-and') return unsupported(c, 'comparisons joined by AND');
    if (c.type === 'exists') return unsupported(c, 'EXISTS');
    if (c.type !== 'comparison') return unsupported(c, 'nested comparisons');
    if (c.negated) return unsupported(c, `NOT ${c.operator}`);
    if (c.operator !== '=') return unsupported(c, `the operator ${c.operator}`);
    if (c.value.type !== 'string')
      return unsupported(c.value, `a ${c.value.type} value (only strings are indicators)`);
  }
  for (const c of ordered) {
    if (c.type !== 'comparison' || c.value.type !== 'string') continue;
    const k = astKey(c.path);
    if (k === undefined) {
      problems.push({
        code: 'UNKNOWN_KEY',
        message: `The object path '${text.slice(c.path.start, c.path.end)}' uses a list index; no indicator type reads it.`,
        column: column(text, c.path),
      });
      continue;
    }
    const info = keyInfo(k.objectType, k.components);
    leaves.push({ key: info.key, value: c.value.value, column: column(text, c), info });
  }
  return { leaves, problems };
}

function str(o: Json, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

/** Finds the array of STIX objects in a parsed document. */
function objectsOf(doc: unknown): { objects: unknown[]; prefix: (string | number)[] } | undefined {
  if (Array.isArray(doc)) return { objects: doc, prefix: [] };
  if (doc !== null && typeof doc === 'object') {
    const o = doc as Json;
    if (Array.isArray(o.objects)) return { objects: o.objects, prefix: ['objects'] };
    if (typeof o.type === 'string' && typeof o.id === 'string' && o.type !== 'bundle') {
      return { objects: [o], prefix: [] };
    }
    if (o.type === 'bundle') return { objects: [], prefix: ['objects'] };
  }
  return undefined;
}

/**
 * Loads a STIX 2.1 bundle (or a TAXII envelope, an array of STIX objects, or one object), MVT's dialect
 * included: non-standard keys (`app:id`, `app:cert.sha256`, `configuration-profile:id`,
 * `android-property:name`), hash names spelt `sha256`, `SHA256` or `'SHA-256'`, IPs written as
 * `domain-name:value` (loaded as `ip`), values containing `=` or escaped quotes.
 *
 * Each comparison `key = 'value'` of an indicator's pattern, alone or joined by `OR`, becomes one
 * {@link Indicator} with its provenance: the STIX id, the names of every malware, campaign, intrusion set,
 * threat actor, tool, infrastructure, report or grouping it is linked to (by any relationship in either
 * direction, or by a report's `object_refs`), `valid_from`, `valid_until`, `revoked`, `confidence`, and the
 * source file with the sha256 of its bytes. Everything else yields a {@link Diagnostic} with the JSON path,
 * the STIX id and the column in the pattern: `AND`, other operators and qualifiers (`UNSUPPORTED_PATTERN`),
 * unknown keys (`UNKNOWN_KEY`), syntax errors (`INVALID_PATTERN`), bad values (see
 * {@link normalizeIndicatorValue}), other pattern types (`UNSUPPORTED_PATTERN_TYPE`). When several versions
 * of one indicator id are present, the latest `modified` wins (`DUPLICATE_ID`).
 *
 * Malformed or truncated JSON gives a `MALFORMED_JSON` error with line and column, and the complete objects
 * before the error are still loaded. Nothing throws on bad input.
 *
 * @param input - The file's bytes (preferred: the sha256 is then the file's) or its text.
 * @param options - Provenance and limits.
 * @returns The indicators and diagnostics.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { loadStix } from '@vigil/matcher';
 *
 * const set = loadStix(readFileSync('pegasus.stix2'), { file: 'pegasus.stix2', licence: 'CC-BY-2.0' });
 * set.indicators.length; // 1549
 * set.indicators[0]?.provenance.indicates; // ['Pegasus']
 * ```
 */
export function loadStix(input: string | Uint8Array, options: LoadOptions = {}): IndicatorSet {
  const read = readInput(input, options, 'stix2');
  if (!read.usable) return makeSet(read, options, {}, [], []);
  const file = options.file;
  const fileLoc: { file?: string } = file === undefined ? {} : { file };
  const diagnostics = createDiagnosticSink(options);
  const diag = (
    code: LoadDiagnosticCode,
    severity: Diagnostic['severity'],
    message: string,
    location: SourceLocation,
  ): void => {
    diagnostics.push({ code, severity, message, location: { ...fileLoc, ...location } });
  };

  let found: { objects: unknown[]; prefix: (string | number)[] } | undefined;
  try {
    found = objectsOf(JSON.parse(read.text));
    if (found === undefined) {
      diag(
        'NOT_A_BUNDLE',
        'error',
        'The JSON is not a STIX bundle: expected {"type": "bundle", "objects": [...]}, a TAXII envelope, an array of STIX objects or one STIX object.',
        { path: [] },
      );
      return makeSet(read, options, {}, [], diagnostics.done());
    }
  } catch {
    const scan = scanJson(read.text);
    const offset = scan.error?.offset ?? 0;
    const recovered: unknown[] = [];
    for (const [s, e] of scan.elements) {
      try {
        recovered.push(JSON.parse(read.text.slice(s, e)));
      } catch {
        break;
      }
    }
    diag(
      'MALFORMED_JSON',
      'error',
      `${scan.error?.message ?? 'The JSON does not parse.'} ${recovered.length} complete object(s) before the error were loaded; anything after it was not.`,
      lineColumn(read.text, offset),
    );
    found = { objects: recovered, prefix: read.text.trimStart().startsWith('[') ? [] : ['objects'] };
  }
  const { objects, prefix } = found;

  // First pass: names of SDOs, and the latest version of each indicator.
  const names = new Map<string, string>();
  // Per indicator id: the index of its latest version, and the names it indicates (filled in the second
  // pass). One map, so that each object costs one lookup per pass.
  const latest = new Map<string, { index: number; names: string[] | undefined }>();
  let newest: string | undefined;
  let onlyMalware: string | undefined;
  let malwareCount = 0;
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    if (o === null || typeof o !== 'object' || Array.isArray(o)) {
      diag('INVALID_FIELD', 'warning', 'A STIX object must be a JSON object; this entry was ignored.', {
        path: [...prefix, i],
      });
      continue;
    }
    const obj = o as Json;
    const type = str(obj, 'type');
    const id = str(obj, 'id');
    const modified = str(obj, 'modified');
    if (modified !== undefined && (newest === undefined || modified > newest)) newest = modified;
    if (type === undefined) {
      diag('MISSING_FIELD', 'warning', "A STIX object has no 'type'; it was ignored.", {
        path: [...prefix, i],
      });
      continue;
    }
    if (id !== undefined && NAMED_TYPES.has(type)) {
      const name = str(obj, 'name');
      if (name !== undefined) names.set(id, name);
      if (type === 'malware') {
        malwareCount++;
        onlyMalware = name;
      }
    }
    if (type === 'indicator' && id !== undefined) {
      const entry = latest.get(id);
      if (entry === undefined) latest.set(id, { index: i, names: undefined });
      else {
        const prev = entry.index;
        const prevModified = str(objects[prev] as Json, 'modified') ?? '';
        const keep = (modified ?? '') > prevModified ? i : prev;
        const drop = keep === i ? prev : i;
        entry.index = keep;
        const identical = JSON.stringify(objects[keep]) === JSON.stringify(objects[drop]);
        diag(
          'DUPLICATE_ID',
          'warning',
          identical
            ? `Indicator ${id} appears twice, identical; the copy at index ${drop} is ignored.`
            : `Indicator ${id} appears more than once with different content; the version modified ${str(objects[keep] as Json, 'modified') ?? '(no date)'} at index ${keep} is used, not the one at index ${drop}.`,
          { path: [...prefix, drop], stixId: id },
        );
      }
    }
  }

  // Second pass: what each indicator indicates, in document order.
  // Pairs already linked, so a hostile file linking one indicator to many names stays linear.
  const linked = new Set<string>();
  const link = (indicatorId: string, entry: { names: string[] | undefined }, name: string): void => {
    const list = entry.names;
    if (list === undefined) {
      entry.names = [name];
      return;
    }
    const pair = `${indicatorId}\u0000${name}`;
    if (list.length === 1 && list[0] === name) return;
    if (linked.has(pair)) return;
    if (list.length === 1) linked.add(`${indicatorId}\u0000${list[0]}`);
    linked.add(pair);
    list.push(name);
  };
  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i] as Json | null;
    if (obj === null || typeof obj !== 'object') continue;
    const type = obj.type;
    if (type === 'relationship') {
      const src = str(obj, 'source_ref');
      const dst = str(obj, 'target_ref');
      if (src === undefined || dst === undefined) continue;
      const source = latest.get(src);
      if (source !== undefined) {
        const name = names.get(dst);
        if (name !== undefined) link(src, source, name);
        else if (obj.relationship_type === 'indicates' && !latest.has(dst)) {
          diag(
            'DANGLING_REFERENCE',
            'warning',
            `Relationship ${str(obj, 'id') ?? ''} says ${src} indicates ${dst}, which is not in the file or has no name.`,
            { path: [...prefix, i, 'target_ref'], stixId: src },
          );
        }
      } else {
        const target = latest.get(dst);
        const name = target === undefined ? undefined : names.get(src);
        if (target !== undefined && name !== undefined) link(dst, target, name);
      }
    } else if ((type === 'report' || type === 'grouping') && Array.isArray(obj.object_refs)) {
      const name = str(obj, 'name');
      if (name === undefined) continue;
      for (const ref of obj.object_refs) {
        const entry = typeof ref === 'string' ? latest.get(ref) : undefined;
        if (entry !== undefined) link(ref as string, entry, name);
      }
    }
  }

  // Third pass: the indicators themselves.
  const indicators: Indicator[] = [];
  const interned = new Map<string, readonly string[]>();
  const noNames: readonly string[] = Object.freeze([]);
  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i] as Json | null;
    if (obj === null || typeof obj !== 'object' || obj.type !== 'indicator') continue;
    const id = str(obj, 'id');
    const path = prefix.length === 0 ? [i] : ['objects', i];
    if (id === undefined) {
      diag('MISSING_FIELD', 'error', "An indicator has no 'id'; it was not loaded.", { path });
      continue;
    }
    const entry = latest.get(id);
    if (entry === undefined || entry.index !== i) continue;
    const pattern = obj.pattern;
    if (typeof pattern !== 'string') {
      diag(
        pattern === undefined ? 'MISSING_FIELD' : 'INVALID_FIELD',
        'error',
        `Indicator ${id} has no pattern string; it was not loaded.`,
        { path: [...path, 'pattern'], stixId: id },
      );
      continue;
    }
    const patternType = obj.pattern_type;
    if (patternType !== undefined && patternType !== 'stix') {
      diag(
        'UNSUPPORTED_PATTERN_TYPE',
        'error',
        `Indicator ${id} has pattern_type '${String(patternType)}'; only 'stix' patterns load.`,
        { path: [...path, 'pattern_type'], stixId: id },
      );
      continue;
    }
    const validFrom = str(obj, 'valid_from');
    const validUntil = str(obj, 'valid_until');
    let confidence: number | undefined;
    if (obj.confidence !== undefined) {
      const c = obj.confidence;
      if (typeof c === 'number' && Number.isInteger(c) && c >= 0 && c <= 100) confidence = c;
      else {
        diag(
          'INVALID_FIELD',
          'warning',
          `Indicator ${id}: confidence must be an integer from 0 to 100; ignored.`,
          {
            path: [...path, 'confidence'],
            stixId: id,
          },
        );
      }
    }
    if (obj.revoked !== undefined && typeof obj.revoked !== 'boolean') {
      diag('INVALID_FIELD', 'warning', `Indicator ${id}: revoked must be true or false; read as false.`, {
        path: [...path, 'revoked'],
        stixId: id,
      });
    }
    const names = entry.names;
    let shared = noNames;
    if (names !== undefined) {
      const k = names.join('\u0000');
      shared = interned.get(k) ?? Object.freeze(names);
      interned.set(k, shared);
    }
    const revoked = obj.revoked === true;
    const provenanceAt = (location: SourceLocation): IndicatorProvenance => {
      const p: { -readonly [K in keyof IndicatorProvenance]: IndicatorProvenance[K] } = {
        source: read.source,
        location,
        stixId: id,
        indicates: shared,
        revoked,
      };
      if (validFrom !== undefined) p.validFrom = validFrom;
      if (validUntil !== undefined) p.validUntil = validUntil;
      if (confidence !== undefined) p.confidence = confidence;
      return p;
    };

    const outcome = readPattern(pattern);
    const patternPath = [...path, 'pattern'];
    for (const p of outcome.problems) {
      diag(p.code, 'error', `Indicator ${id}: ${p.message}`, {
        path: patternPath,
        stixId: id,
        column: p.column,
      });
    }
    const single = outcome.leaves.length === 1;
    for (const leaf of outcome.leaves) {
      const where: SourceLocation = single
        ? file === undefined
          ? { path, stixId: id }
          : { file, path, stixId: id }
        : file === undefined
          ? { path: patternPath, stixId: id, column: leaf.column }
          : { file, path: patternPath, stixId: id, column: leaf.column };
      const { info } = leaf;
      if (info.unsupportedHash !== undefined) {
        diag(
          'UNSUPPORTED_HASH',
          'error',
          `Indicator ${id}: hash '${info.unsupportedHash}' is not supported (md5, sha1, sha256 are).`,
          {
            path: patternPath,
            stixId: id,
            column: leaf.column,
          },
        );
        continue;
      }
      if (info.type === undefined) {
        diag(
          'UNKNOWN_KEY',
          'error',
          `Indicator ${id}: no indicator type reads '${info.key}'. Known keys: ${Object.keys(STIX_KEYS).join(', ')}.`,
          { path: patternPath, stixId: id, column: leaf.column },
        );
        continue;
      }
      const r = normalizeIndicatorValue(
        info.type,
        leaf.value,
        info.hashAlgorithm === undefined ? {} : { hashAlgorithm: info.hashAlgorithm },
      );
      if (!r.ok) {
        diag(r.code, 'error', `Indicator ${id} (${info.key}): ${r.message}`, {
          path: patternPath,
          stixId: id,
          column: leaf.column,
        });
        continue;
      }
      if (r.warning !== undefined) {
        diag(r.warning.code, 'warning', `Indicator ${id} (${info.key}): ${r.warning.message}`, {
          path: patternPath,
          stixId: id,
          column: leaf.column,
        });
      }
      const provenance = provenanceAt(where);
      indicators.push(
        r.hashAlgorithm === undefined
          ? { type: r.type, value: r.value, raw: leaf.value, key: info.key, provenance }
          : {
              type: r.type,
              value: r.value,
              raw: leaf.value,
              hashAlgorithm: r.hashAlgorithm,
              key: info.key,
              provenance,
            },
      );
    }
  }
  return makeSet(
    read,
    options,
    { name: malwareCount === 1 ? onlyMalware : undefined, version: newest },
    indicators,
    diagnostics.done(),
  );
}
