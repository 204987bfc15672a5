/**
 * One API call as the resource handlers of the local org see it: who is calling (the session's
 * user), the path below `/services/data/vXX.X`, the body, and how to answer. Each API family
 * (identity, collections, composite, replication, limits, Bulk API 1.0) lives in its own file
 * under api/ and takes an ApiCall; server.ts only routes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../errors';
import type { Store, WriteContext } from '../store';

export interface ApiCall {
  method: string;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path segments below /services/data/vXX.X, decoded. */
  parts: string[];
  /** The API version of the call, e.g. "62.0". */
  version: string;
  userId: string;
  now: Date;
  store: Store;
  instanceUrl: string;
  orgId: string;
  send(status: number, body: unknown, headers?: Record<string, string>): void;
  /** Runs another REST call of the same session (the /composite subrequests). */
  dispatch?(method: string, url: string, body: unknown): Promise<{ status: number; body: unknown }>;
}

/** Who writes: the session's user, never the system (the access model applies to every write). */
export function writer(call: ApiCall): WriteContext {
  return { userId: call.userId, now: call.now };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON');
  }
}

export async function jsonBody<T>(call: ApiCall): Promise<T> {
  return parseJson(await readBody(call.req)) as T;
}

/** A 404 as Salesforce words it for a path no resource answers. */
export function notFound(): ApiError {
  return new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

/**
 * A 405 naming the methods the resource accepts, as the REST API answers a known resource called
 * with another method. (REST API Developer Guide, "Status Codes and Error Responses":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm)
 */
export function methodNotAllowed(method: string, allowed: string[]): ApiError {
  return new ApiError(
    405,
    'METHOD_NOT_ALLOWED',
    `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`
  );
}

/** The REST URL of a record, as `attributes.url` and Location headers carry it. */
export function recordUrl(version: string, object: string, id: string): string {
  return `/services/data/v${version}/sobjects/${object}/${id}`;
}
