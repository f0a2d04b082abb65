import type { Diagnostic, Indicator, IndicatorSet, IndicatorType, SourceLocation } from './indicator.js';
import { createDiagnosticSink } from './internal/diagnostic-sink.js';
import { makeSet, readInput } from './internal/load-input.js';
import { isAlias, locate, mapEntries, readYaml, scalarText, seqItems } from './internal/yaml-read.js';
import type { LoadDiagnosticCode } from './load-diagnostic-code.js';
import type { LoadOptions } from './load-options.js';
import { normalizeIndicatorValue } from './normalize.js';

/** Fields of an app entry that hold indicator values, and the type each gives (`host` = domain, IP or URL). */
const VALUE_FIELDS: Readonly<Record<string, IndicatorType | 'host'>> = {
  packages: 'app-id',
  ios_bundles: 'app-id',
  certificates: 'app-cert',
  websites: 'host',
  distribution: 'host',
};

const C2_FIELDS: Readonly<Record<string, IndicatorType | 'host'>> = { domains: 'host', ips: 'ip' };

const METADATA = new Set(['name', 'names', 'type']);

const UNSUPPORTED: Readonly<Record<string, string>> = {
  certificate_organizations: 'certificate organisation names are not indicators Vigil can match',
  certificate_cname_re: 'certificate subject regular expressions are not loaded (no linear-time guarantee)',
};

function hostType(value: string): IndicatorType {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value.trim())) return 'url';
  return 'domain';
}

/**
 * Loads Echap's stalkerware indicators (`ioc.yaml`, and `watchware.yaml`, which has the same shape): a YAML
 * list of apps, each with a `name`, aliases in `names`, and indicators in `packages` and `ios_bundles`
 * (app ids), `certificates` (APK signing certificate digests, `app-cert`), `websites` and `distribution`
 * (domains, or URLs when written with a scheme), and `c2.domains` and `c2.ips`. The misspelt `c2.ip` is read
 * too, with a `NONSTANDARD_KEY` warning. Fields that hold no matchable indicator (`certificate_organizations`,
 * `certificate_cname_re`) give an `UNSUPPORTED_FIELD` warning; unknown fields an `UNKNOWN_FIELD` warning.
 *
 * Every indicator indicates the app's `name` and all its `names`; its location gives the YAML path, line
 * and column. All scalars are read as strings (a hex digest made only of digits stays a string), and YAML
 * aliases are not followed.
 *
 * @param input - The file's bytes or text.
 * @param options - Provenance and limits.
 * @returns The indicators and diagnostics; never throws on bad input.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { loadEchapYaml } from '@vigil/matcher';
 *
 * const set = loadEchapYaml(readFileSync('ioc.yaml'), {
 *   file: 'ioc.yaml',
 *   licence: 'CC-BY-4.0',
 *   repository: 'AssoEchap/stalkerware-indicators',
 * });
 * set.indicators.filter((i) => i.type === 'app-id').length;
 * ```
 */
export function loadEchapYaml(input: string | Uint8Array, options: LoadOptions = {}): IndicatorSet {
  const read = readInput(input, options, 'echap-yaml');
  if (!read.usable) return makeSet(read, options, {}, [], []);
  const file = options.file;
  const yaml = readYaml(read.text, file);
  const diagnostics = createDiagnosticSink(options, yaml.diagnostics);
  const indicators: Indicator[] = [];
  const diag = (
    code: LoadDiagnosticCode,
    severity: Diagnostic['severity'],
    message: string,
    location: SourceLocation,
  ) => diagnostics.push({ code, severity, message, location });

  const apps = seqItems(yaml.root);
  if (apps === undefined) {
    if (yaml.diagnostics.length === 0) {
      diag(
        'NOT_A_BUNDLE',
        'error',
        "Echap's format is a YAML list of apps ('- name: ...'); this is not a list.",
        locate(yaml, file, [], yaml.root),
      );
    }
    return makeSet(read, options, {}, [], diagnostics.done());
  }

  apps.forEach((app, i) => {
    const entries = mapEntries(app);
    if (entries.length === 0) {
      diag(
        'INVALID_FIELD',
        'warning',
        `Entry ${i} is not a map of fields; ignored.`,
        locate(yaml, file, [i], app),
      );
      return;
    }
    const fields = new Map(entries.map(([k, v]) => [k, v]));
    const name = scalarText(fields.get('name'));
    const names: string[] = [];
    if (name === undefined || name.trim() === '') {
      diag(
        'MISSING_FIELD',
        'warning',
        `Entry ${i} has no 'name'; its indicators indicate nothing by name.`,
        locate(yaml, file, [i], app),
      );
    } else names.push(name.trim());
    const known = new Set(names);
    for (const alias of seqItems(fields.get('names')) ?? []) {
      const a = scalarText(alias)?.trim();
      if (a !== undefined && a !== '' && !known.has(a)) {
        known.add(a);
        names.push(a);
      }
    }
    const indicates = Object.freeze(names);
    const label = name ?? `entry ${i}`;

    const addValues = (node: unknown, type: IndicatorType | 'host', path: (string | number)[]): void => {
      const items = seqItems(node) ?? (scalarText(node) !== undefined ? [node] : undefined);
      if (items === undefined) {
        diag(
          'INVALID_FIELD',
          'error',
          `${label}: '${path.slice(1).join('.')}' must be a list of strings.`,
          locate(yaml, file, path, node),
        );
        return;
      }
      const listed = seqItems(node) !== undefined;
      items.forEach((item, j) => {
        const where = listed ? [...path, j] : path;
        if (isAlias(item)) {
          diag(
            'INVALID_FIELD',
            'error',
            `${label}: YAML aliases are not read.`,
            locate(yaml, file, where, item),
          );
          return;
        }
        const raw = scalarText(item);
        if (raw === undefined) {
          diag(
            'INVALID_FIELD',
            'error',
            `${label}: '${where.slice(1).join('.')}' is not a string.`,
            locate(yaml, file, where, item),
          );
          return;
        }
        const declared = type === 'host' ? hostType(raw) : type;
        const r = normalizeIndicatorValue(declared, raw);
        const location = locate(yaml, file, where, item);
        if (!r.ok) {
          diag(r.code, 'error', `${label} (${where.slice(1).join('.')}): ${r.message}`, location);
          return;
        }
        if (r.warning !== undefined)
          diag(r.warning.code, 'warning', `${label}: ${r.warning.message}`, location);
        indicators.push({
          type: r.type,
          value: r.value,
          raw,
          ...(r.hashAlgorithm === undefined ? {} : { hashAlgorithm: r.hashAlgorithm }),
          key: where.slice(1, listed ? -1 : undefined).join('.'),
          provenance: { source: read.source, location, indicates, revoked: false },
        });
      });
    };

    for (const [key, value, keyNode] of entries) {
      const path = [i, key];
      const valueType = VALUE_FIELDS[key];
      if (valueType !== undefined) addValues(value, valueType, path);
      else if (key === 'c2') {
        const c2 = mapEntries(value);
        if (c2.length === 0 && scalarText(value) !== '') {
          diag(
            'INVALID_FIELD',
            'error',
            `${label}: 'c2' must be a map with 'domains' and 'ips'.`,
            locate(yaml, file, path, value),
          );
        }
        for (const [c2Key, c2Value, c2KeyNode] of c2) {
          const c2Type = C2_FIELDS[c2Key];
          if (c2Type !== undefined) addValues(c2Value, c2Type, [i, 'c2', c2Key]);
          else if (c2Key === 'ip') {
            diag(
              'NONSTANDARD_KEY',
              'warning',
              `${label}: 'c2.ip' read as 'c2.ips'.`,
              locate(yaml, file, [i, 'c2', c2Key], c2KeyNode),
            );
            addValues(c2Value, 'ip', [i, 'c2', c2Key]);
          } else {
            diag(
              'UNKNOWN_FIELD',
              'warning',
              `${label}: unknown field 'c2.${c2Key}' was not read.`,
              locate(yaml, file, [i, 'c2', c2Key], c2KeyNode),
            );
          }
        }
      } else if (UNSUPPORTED[key] !== undefined) {
        diag(
          'UNSUPPORTED_FIELD',
          'warning',
          `${label}: '${key}' not loaded: ${UNSUPPORTED[key]}.`,
          locate(yaml, file, path, keyNode),
        );
      } else if (!METADATA.has(key)) {
        diag(
          'UNKNOWN_FIELD',
          'warning',
          `${label}: unknown field '${key}' was not read.`,
          locate(yaml, file, path, keyNode),
        );
      }
    }
  });
  return makeSet(read, options, {}, indicators, diagnostics.done());
}
