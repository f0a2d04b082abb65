import { sha1 } from './sha1.js';

const encoder = new TextEncoder();
const namespaces = new Map<string, Uint8Array>();

/** Parses a UUID string into 16 bytes. */
function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new RangeError(`Not a UUID: ${uuid}`);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function formatUuid(bytes: Uint8Array): string {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 4122 (RFC 9562) name-based UUID, version 5 (SHA-1), of a UTF-8 name in a namespace. */
export function uuidv5(name: string, namespace: string): string {
  let ns = namespaces.get(namespace);
  if (ns === undefined) {
    ns = uuidBytes(namespace);
    namespaces.set(namespace, ns);
  }
  const data = encoder.encode(name);
  const input = new Uint8Array(ns.length + data.length);
  input.set(ns);
  input.set(data, ns.length);
  const hash = sha1(input).slice(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  return formatUuid(hash);
}
