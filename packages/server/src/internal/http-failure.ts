/** One problem with a request body or parameter, with a path to it. */
export interface FailureIssue {
  path: string;
  code: string;
  message: string;
}

/**
 * A request that cannot be served. Rendered as a TAXII error resource on TAXII routes and as RFC 9457
 * problem details on the case API.
 */
export class HttpFailure extends Error {
  override name = 'HttpFailure';
  readonly status: number;
  readonly title: string;
  readonly issues: readonly FailureIssue[];
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    status: number,
    title: string,
    description: string,
    extra: { issues?: readonly FailureIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(description);
    this.status = status;
    this.title = title;
    this.issues = extra.issues ?? [];
    this.headers = extra.headers ?? {};
  }
}

/** Tells whether `error` is an {@link HttpFailure}. */
export function isHttpFailure(error: unknown): error is HttpFailure {
  return error instanceof HttpFailure;
}
