/** A STIX pattern for a typed indicator value (MVT-style object paths for app ids, profiles and properties). */
export function stixPattern(type: string, value: string): string {
  const v = value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  switch (type) {
    case 'domain':
      return `[domain-name:value = '${v}']`;
    case 'url':
      return `[url:value = '${v}']`;
    case 'ip':
      return value.includes(':') ? `[ipv6-addr:value = '${v}']` : `[ipv4-addr:value = '${v}']`;
    case 'cidr':
      return value.includes(':') ? `[ipv6-addr:value ISSUBSET '${v}']` : `[ipv4-addr:value ISSUBSET '${v}']`;
    case 'email':
      return `[email-addr:value = '${v}']`;
    case 'process-name':
      return `[process:name = '${v}']`;
    case 'file-name':
      return `[file:name = '${v}']`;
    case 'file-path':
      return `[file:parent_directory_ref.path = '${v}']`;
    case 'hash': {
      const algo =
        value.length === 64
          ? 'SHA-256'
          : value.length === 40
            ? 'SHA-1'
            : value.length === 32
              ? 'MD5'
              : 'SHA-512';
      return `[file:hashes.'${algo}' = '${v}']`;
    }
    case 'app-id':
      return `[app:id = '${v}']`;
    case 'app-cert':
      return `[app:cert.sha256 = '${v}']`;
    case 'configuration-profile':
      return `[configuration-profile:id = '${v}']`;
    default:
      return `[android-property:name = '${v}']`;
  }
}

const PATHS: [RegExp, string][] = [
  [/^\[domain-name:value = '((?:[^'\\]|\\.)*)'\]$/, 'domain'],
  [/^\[url:value = '((?:[^'\\]|\\.)*)'\]$/, 'url'],
  [/^\[ipv[46]-addr:value = '((?:[^'\\]|\\.)*)'\]$/, 'ip'],
  [/^\[ipv[46]-addr:value ISSUBSET '((?:[^'\\]|\\.)*)'\]$/, 'cidr'],
  [/^\[email-addr:value = '((?:[^'\\]|\\.)*)'\]$/, 'email'],
  [/^\[process:name = '((?:[^'\\]|\\.)*)'\]$/, 'process-name'],
  [/^\[file:name = '((?:[^'\\]|\\.)*)'\]$/, 'file-name'],
  [/^\[file:parent_directory_ref\.path = '((?:[^'\\]|\\.)*)'\]$/, 'file-path'],
  [/^\[file:hashes\.'(?:SHA-256|SHA-1|MD5|SHA-512)' = '((?:[^'\\]|\\.)*)'\]$/, 'hash'],
  [/^\[app:id = '((?:[^'\\]|\\.)*)'\]$/, 'app-id'],
  [/^\[app:cert\.sha256 = '((?:[^'\\]|\\.)*)'\]$/, 'app-cert'],
  [/^\[configuration-profile:id = '((?:[^'\\]|\\.)*)'\]$/, 'configuration-profile'],
  [/^\[android-property:name = '((?:[^'\\]|\\.)*)'\]$/, 'android-property'],
];

/** Reads back a single-comparison pattern written by {@link stixPattern}; `undefined` for anything else. */
export function parseSimplePattern(pattern: string): { type: string; value: string } | undefined {
  for (const [regex, type] of PATHS) {
    const m = regex.exec(pattern.trim());
    if (m?.[1] !== undefined) return { type, value: m[1].replace(/\\(['\\])/g, '$1') };
  }
  return undefined;
}
