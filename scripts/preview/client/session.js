/**
 * Who the preview acts as, and where its pages are: read from the page the server rendered
 * (`<meta name="preview-user">`), so that every module, `@salesforce/user/Id` included, agrees.
 */
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || undefined;

export const userId = meta('preview-user');

/** A preview URL for `path`, keeping the acting user. */
export function pageUrl(path, params = {}) {
  const url = new URL(path, window.location.origin);
  url.searchParams.set('as', userId);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.pathname + url.search;
}

/**
 * Calls the preview server's API as the acting user. A failure is thrown in the shape the
 * platform's adapters use, `{ status, body: { message, errorCode } }`, so components'
 * error handling (reduceErrors) works unchanged.
 */
export async function callApi(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: {
      'X-Preview-User': userId,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const failure = parsed && parsed.message ? parsed : { message: `HTTP ${response.status}` };
    const error = new Error(failure.message);
    error.status = response.status;
    error.statusText = response.statusText;
    error.body = failure;
    throw error;
  }
  return parsed;
}

/** `@salesforce/client/formFactor` from the viewport, as the Salesforce mobile app reports it. */
export const formFactor = window.matchMedia('(max-width: 480px)').matches
  ? 'Small'
  : window.matchMedia('(max-width: 1024px)').matches
    ? 'Medium'
    : 'Large';
