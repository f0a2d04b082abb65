/**
 * Every HTTP operation the registry client sends, in one table: the client builds its requests from it,
 * and a test checks each entry against the OpenAPI document the real server publishes, so the two
 * cannot drift apart silently.
 */
export interface RegistryOperation {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** An OpenAPI path template, e.g. `/api/v1/cases/{id}`. */
  readonly path: string;
  /** The status the client treats as success. */
  readonly success: number;
  /** Error statuses the client gives a specific meaning to. */
  readonly errors: readonly number[];
  /** Query parameters the client may send: option name → parameter name. */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers the client relies on (other than auth). */
  readonly headers: readonly string[];
}

export const REGISTRY_OPERATIONS = {
  createCase: {
    method: 'POST',
    path: '/api/v1/cases',
    success: 201,
    errors: [403, 409, 422],
    query: {},
    headers: [],
  },
  getCase: { method: 'GET', path: '/api/v1/cases/{id}', success: 200, errors: [404], query: {}, headers: [] },
  updateCase: {
    method: 'PUT',
    path: '/api/v1/cases/{id}',
    success: 200,
    errors: [403, 404, 412, 422],
    query: {},
    headers: ['If-Match'],
  },
  listCases: {
    method: 'GET',
    path: '/api/v1/cases',
    success: 200,
    errors: [400],
    query: { limit: 'limit', next: 'cursor' },
    headers: [],
  },
  searchCases: {
    method: 'GET',
    path: '/api/v1/cases',
    success: 200,
    errors: [400],
    query: { q: 'q', country: 'country', level: 'level', tlp: 'tlp', limit: 'limit', next: 'cursor' },
    headers: [],
  },
  openApi: { method: 'GET', path: '/api/v1/openapi.json', success: 200, errors: [], query: {}, headers: [] },
} as const satisfies Record<string, RegistryOperation>;

export type RegistryOperationName = keyof typeof REGISTRY_OPERATIONS;

/** Fills `{name}` placeholders with URL-encoded values. */
export function fillPath(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}
