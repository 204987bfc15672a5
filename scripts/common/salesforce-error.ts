/**
 * An error in Salesforce's REST error shape, one type for every side of the API this project
 * has: the local org throws it to answer, the sync and the preview throw it for an answer they
 * were given (jsforce's errors are turned into it with `toSalesforceApiError`).
 * The body Salesforce sends for a failed call is an array of `{ message, errorCode, fields? }`
 * (REST API Developer Guide, "Status Codes and Error Responses":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm).
 */
export class SalesforceApiError extends Error {
  constructor(
    /** The HTTP status (0 when no answer came, e.g. a connection reset). */
    readonly statusCode: number,
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = []
  ) {
    super(message);
    this.name = 'SalesforceApiError';
  }

  /** The body Salesforce sends: an array of `{ message, errorCode, fields? }`. */
  toBody(): unknown {
    return [
      {
        message: this.message,
        errorCode: this.errorCode,
        ...(this.fields.length ? { fields: this.fields } : {})
      }
    ];
  }
}

/** The first entry of a Salesforce error body (an array of errors, or one error object). */
export function errorFromBody(
  statusCode: number,
  body: unknown,
  fallback: string
): SalesforceApiError {
  const first = (Array.isArray(body) ? body[0] : body) as {
    errorCode?: unknown;
    message?: unknown;
    fields?: unknown;
  } | null;
  const code =
    typeof first?.errorCode === 'string' ? first.errorCode : `HTTP_${statusCode || 'ERROR'}`;
  const message = typeof first?.message === 'string' ? first.message : fallback;
  const fields = Array.isArray(first?.fields) ? first.fields.map(String) : [];
  return new SalesforceApiError(statusCode, code, message, fields);
}

/**
 * jsforce's errors (HttpApiError: `errorCode`, `data` holding the body's entry) as a
 * SalesforceApiError; one already is, or one that is not an API answer at all (a network error,
 * a bug), comes back unchanged.
 */
export function toSalesforceApiError(e: unknown): unknown {
  if (e instanceof SalesforceApiError || !(e instanceof Error)) return e;
  const err = e as Error & { errorCode?: unknown; data?: unknown; statusCode?: unknown };
  if (typeof err.errorCode !== 'string' || err.errorCode === 'ERROR_HTTP_' || !err.errorCode)
    return e;
  const data = (err.data ?? {}) as { fields?: unknown };
  const status = typeof err.statusCode === 'number' ? err.statusCode : 0;
  const out = new SalesforceApiError(
    status,
    err.errorCode,
    err.message,
    Array.isArray(data.fields) ? data.fields.map(String) : []
  );
  out.stack = err.stack;
  return out;
}
