/**
 * The local org's HTTP API on 127.0.0.1: OAuth2 and SOAP login, REST (query, sobjects,
 * composite), limits, and Bulk API 2.0, with Salesforce's shapes, status codes and error codes.
 * Every API response carries Sforce-Limit-Info counting calls against a daily allocation.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { seededRandom } from '../common/random';
import { type ApiCall, methodNotAllowed, notFound, parseJson, readBody } from './api/call';
import { BulkApi1 } from './api/bulk1';
import { BulkApi2 } from './api/bulk2';
import { compositeResource } from './api/composite';
import { describeGlobal, describeSObject } from './api/describe';
import { limitsBody } from './api/limits';
import { QUERY_PAGE, QueryCursors } from './api/query';
import { queryColumns } from './api/query-columns';
import { replication } from './api/replication';
import { explain, NOT_MODELLED, refuse, search, uiResource } from './api/ui';
import { compositeSObjects, upsertRecord } from './api/collections';
import { canonicalRecord, fieldList, restRecord } from './api/fields';
import { type LoginDeps, oauthToken, soapLogin } from './api/login';
import { identityBody, identityUrl, userInfoBody } from './api/identity';
import { ApiError } from './errors';
import { API_VERSION } from './soql';
import type { Store } from './store';

export type FaultKind = '503' | 'REQUEST_LIMIT_EXCEEDED' | 'UNABLE_TO_LOCK_ROW' | 'RESET';

export interface ServerOptions {
  port?: number;
  dailyApiLimit?: number;
  /** A seeded share of API calls fails transiently, before anything is written. */
  faults?: { rate: number; seed: number; kinds?: FaultKind[] };
  /** How long a Bulk API 2.0 query job stays InProgress after it is created (ms; default 0). */
  queryJobMs?: number;
  now?: () => Date;
  clientId: string;
  clientSecret: string;
  /** The password of a username (lower case), undefined when it may not log in. */
  passwords: { get(username: string): string | undefined };
  /** The user the client-credentials flow runs as. */
  integrationUserId: string;
}

/**
 * The API versions served: 31.0 to 62.0 (Winter '25, this org's release). Versions 21.0-30.0 and
 * older are retired and answer 410 GONE; a version newer than the org's release does not exist
 * (404). (Salesforce Security Guide / REST API, "API End-of-Life Policy":
 * https://developer.salesforce.com/docs/atlas.en-us.securityImplGuide.meta/securityImplGuide/api_rest_eol.htm)
 */
const OLDEST_VERSION = 31;
const LATEST_VERSION = 62;
const VERSIONS = Array.from(
  { length: LATEST_VERSION - OLDEST_VERSION + 1 },
  (_, i) => `${OLDEST_VERSION + i}.0`
);
/**
 * Idle connections stay open two minutes: clients (jsforce, the CLI) reuse sockets between calls
 * that are seconds apart, and a socket the server closed under them fails their next call.
 */
const KEEP_ALIVE_MS = 120_000;
const ORG_ID = '00D8c0000000001EAA';

interface Session {
  userId: string;
}

/** A subrequest's answer, kept instead of sent (the /composite resource returns them together). */
class CapturedResponse {
  headersSent = false;
  statusCode = 200;
  text = '';
  writeHead(status: number): this {
    this.statusCode = status;
    this.headersSent = true;
    return this;
  }
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
  end(chunk?: string): void {
    if (chunk) this.text += chunk;
  }
}

export class LocalOrgServer {
  private server: Server | null = null;
  private readonly sessions = new Map<string, Session>();
  private readonly queries: QueryCursors;
  private readonly random: () => number;
  private readonly bulk1: BulkApi1;
  private readonly bulk2: BulkApi2;
  apiCalls = 0;
  /** Calls failed on purpose by fault injection. */
  faultsInjected = 0;
  instanceUrl = '';

  constructor(
    private readonly store: Store,
    private readonly options: ServerOptions
  ) {
    this.random = seededRandom(options.faults?.seed ?? 1).next;
    this.bulk1 = new BulkApi1({
      store,
      now: () => this.now(),
      sessionUser: (token) => this.sessions.get(token)?.userId,
      countCall: () => this.countCall(),
      versions: VERSIONS,
      oldestVersion: OLDEST_VERSION
    });
    this.queries = new QueryCursors({
      store,
      now: () => this.now(),
      send: (res, status, body) => this.send(res, status, body)
    });
    this.bulk2 = new BulkApi2({
      store,
      now: () => this.now(),
      limitHeader: () => this.limitHeader(),
      send: (res, status, body) => this.send(res, status, body),
      describeObject: (name, userId) => this.describeObject(name, userId),
      queryJobMs: options.queryJobMs
    });
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  /** A session token acting as `userId` with that user's visibility. */
  tokenFor(userId: string): string {
    const token = `${ORG_ID}!${randomBytes(24).toString('base64url')}`;
    this.sessions.set(token, { userId });
    return token;
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        this.send(res, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: (e as Error).message }]);
      });
    });
    this.server.keepAliveTimeout = KEEP_ALIVE_MS;
    // Node requires headersTimeout above keepAliveTimeout for a kept-alive socket's next request.
    this.server.headersTimeout = KEEP_ALIVE_MS + 1000;
    await new Promise<void>((resolve) =>
      this.server!.listen(this.options.port ?? 0, '127.0.0.1', resolve)
    );
    const { port } = this.server.address() as AddressInfo;
    this.instanceUrl = `http://127.0.0.1:${port}`;
    return this.instanceUrl;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private limitHeader(): string {
    return `api-usage=${this.apiCalls}/${this.options.dailyApiLimit ?? 15000}`;
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void {
    if (res.headersSent) return;
    // Durable before acknowledged: every write of this call is fsynced before the answer leaves.
    this.store.commit();
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type':
        typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json;charset=UTF-8',
      'Sforce-Limit-Info': this.limitHeader(),
      // The org's clock, which clients read as the server time (the sync's watermark).
      Date: this.now().toUTCString(),
      ...headers
    });
    res.end(status === 204 ? undefined : text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Repeated slashes are one, as on Salesforce: the CLI joins an instance URL that ends in a
    // slash with a path that starts with one (`//services/data`).
    const url = new URL((req.url ?? '/').replace(/\/{2,}/g, '/'), 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    try {
      if (path === '/services/oauth2/token' && req.method === 'POST') {
        return oauthToken(this.loginDeps(), await readBody(req), res);
      }
      if (/^\/services\/Soap\/u\/[\d.]+$/.test(path) && req.method === 'POST') {
        return soapLogin(this.loginDeps(), await readBody(req), res);
      }
      if (path === '/services/data') {
        return this.send(
          res,
          200,
          VERSIONS.map((v) => ({ label: `v${v}`, url: `/services/data/v${v}`, version: v }))
        );
      }
      if (path === '/services/oauth2/userinfo' && ['GET', 'POST'].includes(req.method ?? '')) {
        const session = this.authenticate(req, url);
        return this.send(res, 200, userInfoBody(this.identityContext(session)));
      }
      const id = /^\/id\/([^/]+)\/([^/]+)$/.exec(path);
      if (id && req.method === 'GET') {
        const session = this.authenticate(req, url);
        const version = url.searchParams.get('version');
        return this.send(
          res,
          200,
          identityBody(this.identityContext(session), id[1], id[2], version ? version : null)
        );
      }
      if (path.startsWith('/services/async/')) return await this.bulk1.handle(req, res, path);
      if (!path.startsWith('/services/data/')) throw notFound();
      // The session is checked before the path: a bad token is INVALID_SESSION_ID on any resource.
      const session = this.authenticate(req);
      const m = /^\/services\/data\/v(\d+)\.(\d)(\/.*)?$/.exec(path);
      if (!m) throw notFound();
      if (Number(m[1]) < OLDEST_VERSION) {
        throw new ApiError(410, 'GONE', `API version ${m[1]}.${m[2]} is retired and unavailable`);
      }
      if (!VERSIONS.includes(`${m[1]}.${m[2]}`)) throw notFound();
      this.countCall();
      if (this.injectFault(res)) return;
      await this.route(m[3] ?? '/', req, res, url, session, `${m[1]}.${m[2]}`);
      this.store.commit();
    } catch (e) {
      if (e instanceof ApiError) {
        this.send(res, e.statusCode, e.toBody());
      } else {
        this.send(res, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: (e as Error).message }]);
      }
    }
  }

  /** Counts a call against the daily allocation; past it, REQUEST_LIMIT_EXCEEDED. */
  private countCall(): void {
    this.apiCalls++;
    if (this.apiCalls > (this.options.dailyApiLimit ?? 15000)) {
      throw new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', `TotalRequests Limit exceeded.`);
    }
  }

  /** Fails this call transiently, before anything runs, for a seeded share of calls. */
  private injectFault(res: ServerResponse): boolean {
    const faults = this.options.faults;
    if (!faults || faults.rate <= 0 || this.random() >= faults.rate) return false;
    const kinds = faults.kinds ?? ['503', 'REQUEST_LIMIT_EXCEEDED', 'UNABLE_TO_LOCK_ROW', 'RESET'];
    const kind = kinds[Math.floor(this.random() * kinds.length)];
    this.faultsInjected++;
    switch (kind) {
      case '503':
        this.send(res, 503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Service Unavailable' }]);
        return true;
      case 'REQUEST_LIMIT_EXCEEDED':
        this.send(res, 403, [
          {
            errorCode: 'REQUEST_LIMIT_EXCEEDED',
            message: 'ConcurrentPerOrgLongTxn Limit exceeded.'
          }
        ]);
        return true;
      case 'UNABLE_TO_LOCK_ROW':
        this.send(res, 400, [
          {
            errorCode: 'UNABLE_TO_LOCK_ROW',
            message: 'unable to obtain exclusive access to this record'
          }
        ]);
        return true;
      case 'RESET':
        res.socket?.destroy();
        return true;
    }
  }

  /**
   * The session of a call's token. The identity endpoints also take it as the `oauth_token`
   * parameter ("You can use the access token in an authorization request header or a request with
   * the oauth_token parameter": Salesforce Help, "Identity URLs").
   */
  private authenticate(req: IncomingMessage, identityUrlParams?: URL): Session {
    const header = req.headers.authorization ?? '';
    const token =
      header.replace(/^(Bearer|OAuth)\s+/i, '') ||
      identityUrlParams?.searchParams.get('oauth_token') ||
      '';
    const session = token ? this.sessions.get(token) : undefined;
    if (!session) {
      throw new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    // The API Enabled user permission, from the profile or a permission set
    // (https://help.salesforce.com/s/articleView?id=sf.admin_userperms.htm).
    if (!this.store.accessOf(session.userId).has('ApiEnabled')) {
      throw new ApiError(403, 'API_CURRENTLY_DISABLED', 'API is disabled for this User');
    }
    return session;
  }

  private identityContext(session: Session) {
    return {
      store: this.store,
      instanceUrl: this.instanceUrl,
      orgId: ORG_ID,
      userId: session.userId,
      version: VERSIONS[VERSIONS.length - 1]
    };
  }

  private loginDeps(): LoginDeps {
    const { clientId, clientSecret, passwords, integrationUserId } = this.options;
    return {
      store: this.store,
      clientId,
      clientSecret,
      passwords,
      integrationUserId,
      instanceUrl: this.instanceUrl,
      orgId: ORG_ID,
      now: () => this.now(),
      tokenFor: (userId) => this.tokenFor(userId),
      send: (res, status, body) => this.send(res, status, body)
    };
  }

  // ------------------------------------------------------------------ REST routing

  private async route(
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    session: Session,
    version: string
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const ctx = { userId: session.userId, now: this.now() };
    const parts = path
      .split('/')
      .filter((p) => p)
      .map(decodeURIComponent);
    const [head, ...rest] = parts;
    const call: ApiCall = {
      method,
      req,
      res,
      url,
      parts,
      version,
      userId: session.userId,
      now: ctx.now,
      store: this.store,
      instanceUrl: this.instanceUrl,
      orgId: ORG_ID,
      send: (status, body, headers) => this.send(res, status, body, headers),
      dispatch: (m, u, b) => this.subrequest(m, u, b, session)
    };

    if (parts.length === 0) {
      // The version resource: the resources this version serves, and the caller's identity URL.
      const base = `/services/data/v${version}`;
      return this.send(res, 200, {
        sobjects: `${base}/sobjects`,
        query: `${base}/query`,
        queryAll: `${base}/queryAll`,
        limits: `${base}/limits`,
        composite: `${base}/composite`,
        'jobs/ingest': `${base}/jobs/ingest`,
        'jobs/query': `${base}/jobs/query`,
        identity: identityUrl({
          instanceUrl: this.instanceUrl,
          orgId: ORG_ID,
          userId: session.userId
        })
      });
    }
    if (head === 'limits' && rest.length === 0) {
      if (method !== 'GET') throw methodNotAllowed(method, ['GET']);
      return this.send(
        res,
        200,
        limitsBody(this.store, {
          apiCalls: this.apiCalls,
          dailyApiLimit: this.options.dailyApiLimit ?? 15000,
          bulkV2QueryJobs: this.bulk2.queryJobCount(),
          bulkApiBatches: this.bulk2.ingestJobsCreated + this.bulk1.batchCount()
        })
      );
    }
    if ((head === 'query' || head === 'queryAll') && method === 'GET') {
      if (rest.length === 1) return this.queries.more(rest[0], res, session);
      const plan = url.searchParams.get('explain');
      if (plan) return explain(call, plan);
      const soql = url.searchParams.get('q');
      if (!soql) throw new ApiError(400, 'MALFORMED_QUERY', 'A query string (q) is required');
      if (url.searchParams.get('columns') === 'true') {
        const view = this.store.viewFor(session.userId);
        return this.send(res, 200, queryColumns(soql, view, ctx));
      }
      const batch = /batchSize=(\d+)/i.exec(String(req.headers['sforce-query-options'] ?? ''));
      const pageSize = batch ? Math.min(2000, Math.max(200, Number(batch[1]))) : QUERY_PAGE;
      return this.queries.start(soql, head === 'queryAll', pageSize, res, session);
    }
    if (head === 'sobjects' && rest.length === 2 && ['updated', 'deleted'].includes(rest[1])) {
      if (method !== 'GET') throw methodNotAllowed(method, ['GET']);
      return replication(call, rest[0], rest[1] as 'updated' | 'deleted');
    }
    if (head === 'sobjects' && (rest[1] === 'listviews' || (rest[1] === 'describe' && rest[2]))) {
      return uiResource(call);
    }
    if (head === 'search' && rest.length === 0) {
      if (method !== 'GET') throw methodNotAllowed(method, ['GET']);
      return search(call);
    }
    if (parts.length === 1 && head in NOT_MODELLED) refuse(head);
    if (head === 'sobjects') return this.sobjects(rest, method, req, res, ctx, session, url);
    if (head === 'composite' && rest[0] === 'sobjects') return compositeSObjects(call);
    if (head === 'composite') return compositeResource(call);
    if (head === 'jobs' && rest[0] === 'query')
      return this.bulk2.query(rest.slice(1), method, req, res, url, session);
    if (head === 'jobs' && rest[0] === 'ingest')
      return this.bulk2.ingest(rest.slice(1), method, req, res, session);
    throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  // ------------------------------------------------------------------ sobjects

  /** The object as the session's user sees it: a missing or unreadable object is not found. */
  private describeObject(name: string, userId: string) {
    const schema = this.store.viewFor(userId).describe(name);
    if (!schema) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return schema;
  }

  private async sobjects(
    rest: string[],
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    ctx: { userId: string; now: Date },
    session: Session,
    url: URL
  ): Promise<void> {
    if (rest.length === 0) return this.send(res, 200, describeGlobal(this.store, session.userId));
    const schema = this.describeObject(rest[0], session.userId);
    if (rest.length > 3) throw notFound();
    if (rest.length === 2 && rest[1] === 'describe' && method !== 'GET') {
      throw methodNotAllowed(method, ['GET']);
    }
    if (rest.length === 2 && rest[1] === 'describe' && method === 'GET') {
      return this.send(res, 200, describeSObject(this.store, schema));
    }
    if (rest.length === 1) {
      if (method === 'POST') {
        const body = parseJson(await readBody(req)) as Record<string, unknown>;
        const row = this.store.insert(
          schema.name,
          canonicalRecord(this.store, schema.name, body),
          ctx
        );
        return this.send(res, 201, { id: row.Id, success: true, errors: [] });
      }
      if (method === 'GET') {
        return this.send(res, 200, {
          objectDescribe: { name: schema.name, label: schema.label, keyPrefix: schema.keyPrefix }
        });
      }
    }
    if (rest.length === 2) {
      const id = rest[1];
      const row = this.store.viewFor(session.userId).getById(id);
      if (method === 'GET') {
        if (!row || this.store.objectOfId(row.Id) !== schema.name) {
          throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
        }
        // Only the fields the user can read (field-level security): the view's schema.
        const fields = url.searchParams.get('fields');
        return this.send(
          res,
          200,
          restRecord(
            schema,
            row,
            API_VERSION.slice(1),
            fields === null ? undefined : fieldList(schema, fields.split(','))
          )
        );
      }
      if (method === 'PATCH') {
        if (!row) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
        const body = parseJson(await readBody(req)) as Record<string, unknown>;
        this.store.update(schema.name, row.Id, canonicalRecord(this.store, schema.name, body), ctx);
        return this.send(res, 204, undefined);
      }
      if (method === 'DELETE') {
        if (!row) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
        this.store.delete(schema.name, row.Id, ctx);
        return this.send(res, 204, undefined);
      }
    }
    if (rest.length === 3 && method === 'PATCH') {
      const body = parseJson(await readBody(req)) as Record<string, unknown>;
      const { row, created } = upsertRecord(
        this.store,
        ctx,
        API_VERSION.slice(1),
        schema.name,
        rest[1],
        rest[2],
        body
      );
      return created
        ? this.send(res, 201, { id: row.Id, success: true, errors: [], created: true })
        : this.send(res, 200, { id: row.Id, success: true, errors: [], created: false });
    }
    if (rest.length === 1) throw methodNotAllowed(method, ['GET', 'POST']);
    if (rest.length === 2) throw methodNotAllowed(method, ['GET', 'PATCH', 'DELETE']);
    throw methodNotAllowed(method, ['PATCH']);
  }

  /**
   * Runs a /composite or /composite/batch subrequest as the same call on its own would run, and
   * captures its answer. A composite request cannot be a subrequest.
   */
  private async subrequest(
    method: string,
    target: string,
    body: unknown,
    session: Session
  ): Promise<{ status: number; body: unknown }> {
    const url = new URL(target, 'http://127.0.0.1');
    const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname.replace(/\/+$/, ''));
    if (!m || !VERSIONS.includes(m[1])) throw notFound();
    if (/^\/composite(\/batch)?$/.test(m[2] ?? '')) {
      throw new ApiError(400, 'INVALID_INPUT', 'A composite request cannot be a subrequest');
    }
    const text = body === undefined || body === null ? '' : JSON.stringify(body);
    const req = Object.assign(Readable.from(text ? [Buffer.from(text)] : []), {
      method,
      headers: { 'content-type': 'application/json' },
      url: target
    }) as unknown as IncomingMessage;
    const captured = new CapturedResponse();
    await this.route(m[2] ?? '/', req, captured as unknown as ServerResponse, url, session, m[1]);
    let answer: unknown = captured.text;
    try {
      answer = captured.text ? JSON.parse(captured.text) : null;
    } catch {
      // A CSV or text answer stays text.
    }
    return { status: captured.statusCode, body: answer };
  }
}
