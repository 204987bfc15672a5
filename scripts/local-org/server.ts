/**
 * The local org's HTTP API on 127.0.0.1: OAuth2 and SOAP login, REST (query, sobjects,
 * composite), limits, and Bulk API 2.0, with Salesforce's shapes, status codes and error codes.
 * Every API response carries Sforce-Limit-Info counting calls against a daily allocation.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { csvLine, parseCsv } from '../common/csv';
import { seededRandom } from '../common/random';
import { type ApiCall, methodNotAllowed, notFound, parseJson, readBody } from './api/call';
import { BulkApi1 } from './api/bulk1';
import { columnValue, csvRecord, writeBulkRecord } from './api/bulk-write';
import { compositeResource } from './api/composite';
import { limitsBody } from './api/limits';
import { queryColumns } from './api/query-columns';
import { replication } from './api/replication';
import { explain, NOT_MODELLED, refuse, search, uiResource } from './api/ui';
import { compositeSObjects, upsertRecord } from './api/collections';
import { canonicalRecord, compoundFieldName, fieldList, restRecord } from './api/fields';
import { identityBody, identityUrl, userInfoBody } from './api/identity';
import { ApiError } from './errors';
import { API_VERSION, prepareSoql } from './soql';
import type { Store } from './store';
import type { Row } from './types';

export type FaultKind = '503' | 'REQUEST_LIMIT_EXCEEDED' | 'UNABLE_TO_LOCK_ROW' | 'RESET';

export interface ServerOptions {
  port?: number;
  dailyApiLimit?: number;
  /** A seeded share of API calls fails transiently, before anything is written. */
  faults?: { rate: number; seed: number; kinds?: FaultKind[] };
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
const QUERY_PAGE = 2000;
// Without maxRecords, one page holds up to a million rows (streamed), as large pages are what
// Salesforce serves; clients ask for smaller pages with maxRecords.
const BULK_PAGE = 1000000;
const ORG_ID = '00D8c0000000001EAA';

interface Session {
  userId: string;
}

interface QueryCursor {
  iterator: Iterator<Record<string, unknown>>;
  position: number;
  totalSize: number;
  userId: string;
}

interface BulkQueryJob {
  id: string;
  userId: string;
  query: string;
  operation: 'query' | 'queryAll';
  columns: string[];
  numberRecordsProcessed: number;
  iterator: Iterator<Record<string, unknown>> | null;
  position: number;
  createdDate: string;
}

interface IngestJob {
  id: string;
  userId: string;
  object: string;
  operation: 'insert' | 'update' | 'upsert' | 'delete';
  externalIdFieldName?: string;
  state: 'Open' | 'UploadComplete' | 'JobComplete' | 'Aborted' | 'Failed';
  csv: string[];
  successful: string[];
  failed: string[];
  header: string[];
  processed: number;
  failedCount: number;
  createdDate: string;
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
  private readonly cursors = new Map<string, QueryCursor>();
  private readonly queryJobs = new Map<string, BulkQueryJob>();
  private readonly ingestJobs = new Map<string, IngestJob>();
  private readonly random: () => number;
  private readonly bulk1: BulkApi1;
  /** Bulk API 2.0 ingest jobs created, counted against DailyBulkApiBatches (deleted ones too). */
  private ingestJobsCreated = 0;
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
        return this.oauthToken(await readBody(req), res);
      }
      if (/^\/services\/Soap\/u\/[\d.]+$/.test(path) && req.method === 'POST') {
        return this.soapLogin(await readBody(req), res);
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

  private userByCredentials(username: string, password: string): Row | undefined {
    const expected = this.options.passwords.get(username.toLowerCase());
    if (expected === undefined || expected !== password) return undefined;
    return this.store.findByUnique('User', 'Username', username);
  }

  private oauthToken(body: string, res: ServerResponse): void {
    const p = new URLSearchParams(body);
    const grant = p.get('grant_type');
    if (
      p.get('client_id') !== this.options.clientId ||
      p.get('client_secret') !== this.options.clientSecret
    ) {
      return this.send(res, 400, {
        error: 'invalid_client',
        error_description: 'invalid client credentials'
      });
    }
    let userId: string;
    if (grant === 'password') {
      const user = this.userByCredentials(p.get('username') ?? '', p.get('password') ?? '');
      if (!user) {
        return this.send(res, 400, {
          error: 'invalid_grant',
          error_description: 'authentication failure'
        });
      }
      userId = user.Id;
    } else if (grant === 'client_credentials') {
      userId = this.options.integrationUserId;
    } else {
      return this.send(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'grant type not supported'
      });
    }
    const token = this.tokenFor(userId);
    this.send(res, 200, {
      access_token: token,
      instance_url: this.instanceUrl,
      id: identityUrl({ instanceUrl: this.instanceUrl, orgId: ORG_ID, userId }),
      token_type: 'Bearer',
      issued_at: String(this.now().getTime()),
      signature: randomBytes(32).toString('base64')
    });
  }

  private soapLogin(body: string, res: ServerResponse): void {
    const field = (name: string) => {
      const m = new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(body);
      return m
        ? m[1]
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&apos;/g, "'")
            .replace(/&amp;/g, '&')
        : '';
    };
    const user = this.userByCredentials(field('username'), field('password'));
    const xml = (inner: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;
    res.setHeader('Content-Type', 'text/xml; charset=utf-8');
    if (!user) {
      res.writeHead(500);
      res.end(
        xml(
          '<soapenv:Fault><faultcode>INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring></soapenv:Fault>'
        )
      );
      return;
    }
    const token = this.tokenFor(user.Id);
    res.writeHead(200);
    res.end(
      xml(
        `<loginResponse><result><metadataServerUrl>${this.instanceUrl}/services/Soap/m/62.0/${ORG_ID}</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>true</sandbox><serverUrl>${this.instanceUrl}/services/Soap/u/62.0/${ORG_ID}</serverUrl><sessionId>${token}</sessionId><userId>${user.Id}</userId><userInfo><organizationId>${ORG_ID}</organizationId><userEmail>${user.Email}</userEmail><userFullName>${user.Name}</userFullName><userId>${user.Id}</userId><userName>${user.Username}</userName></userInfo></result></loginResponse>`
      )
    );
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
          bulkV2QueryJobs: this.queryJobs.size,
          bulkApiBatches: this.ingestJobsCreated + this.bulk1.batchCount()
        })
      );
    }
    if ((head === 'query' || head === 'queryAll') && method === 'GET') {
      if (rest.length === 1) return this.queryMore(rest[0], res, session);
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
      return this.query(soql, head === 'queryAll', pageSize, res, session);
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
      return this.bulkQuery(rest.slice(1), method, req, res, url, session);
    if (head === 'jobs' && rest[0] === 'ingest')
      return this.bulkIngest(rest.slice(1), method, req, res, session);
    throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  // ------------------------------------------------------------------ query

  private query(
    soql: string,
    all: boolean,
    pageSize: number,
    res: ServerResponse,
    session: Session
  ): void {
    const source = this.store.viewFor(session.userId);
    const prepared = prepareSoql(soql, source, {
      now: this.now(),
      userId: session.userId,
      includeDeleted: all
    });
    const totalSize = prepared.totalSize();
    const cursor: QueryCursor = {
      iterator: prepared.rows()[Symbol.iterator](),
      position: 0,
      totalSize,
      userId: session.userId
    };
    const id = `01g8c${randomBytes(7).toString('hex').slice(0, 13)}`;
    this.cursors.set(id, cursor);
    this.sendPage(id, cursor, pageSize, res);
  }

  private queryMore(locator: string, res: ServerResponse, session: Session): void {
    const [id, start] = locator.split('-');
    const cursor = this.cursors.get(id);
    if (!cursor || cursor.userId !== session.userId || Number(start) !== cursor.position) {
      throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    this.sendPage(id, cursor, QUERY_PAGE, res);
  }

  private sendPage(id: string, cursor: QueryCursor, pageSize: number, res: ServerResponse): void {
    const records: Record<string, unknown>[] = [];
    while (records.length < pageSize) {
      const next = cursor.iterator.next();
      if (next.done) break;
      records.push(next.value);
    }
    cursor.position += records.length;
    // Done when the rows ran out (COUNT() returns no rows at all, only totalSize).
    const done = records.length < pageSize || cursor.position >= cursor.totalSize;
    if (done) this.cursors.delete(id);
    this.send(res, 200, {
      totalSize: cursor.totalSize,
      done,
      ...(done
        ? {}
        : { nextRecordsUrl: `/services/data/${API_VERSION}/query/${id}-${cursor.position}` }),
      records
    });
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
    if (rest.length === 0) {
      const view = this.store.viewFor(session.userId);
      const visible = [...this.store.schema.keys()]
        .map((name) => view.describe(name))
        .filter((o) => o !== undefined);
      return this.send(res, 200, {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: visible.map((o) => ({
          name: o.name,
          label: o.label,
          labelPlural: o.labelPlural,
          keyPrefix: o.keyPrefix,
          custom: o.custom,
          queryable: o.queryable,
          createable: o.createable,
          updateable: o.updateable,
          deletable: o.deletable,
          urls: { sobject: `/services/data/${API_VERSION}/sobjects/${o.name}` }
        }))
      });
    }
    const schema = this.describeObject(rest[0], session.userId);
    if (rest.length > 3) throw notFound();
    if (rest.length === 2 && rest[1] === 'describe' && method !== 'GET') {
      throw methodNotAllowed(method, ['GET']);
    }
    if (rest.length === 2 && rest[1] === 'describe' && method === 'GET') {
      return this.send(res, 200, {
        ...schema,
        fields: schema.fields.map((f) => ({
          ...f,
          referenceTo: f.referenceTo ?? [],
          relationshipName: f.relationshipName ?? null,
          picklistValues: f.picklistValues ?? [],
          externalId: f.externalId === true,
          unique: f.unique === true,
          calculated: f.calculated === true,
          restrictedPicklist: f.restrictedPicklist === true,
          compoundFieldName: compoundFieldName(schema, f.name)
        })),
        childRelationships: schema.childRelationships.map((r) => ({
          ...r,
          cascadeDelete: this.store.field(r.childSObject, r.field)?.cascadeDelete === true
        })),
        urls: { sobject: `/services/data/${API_VERSION}/sobjects/${schema.name}` }
      });
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

  // ------------------------------------------------------------------ Bulk API 2.0 query

  private jobInfo(job: BulkQueryJob) {
    return {
      id: job.id,
      operation: job.operation,
      object: prepareObjectName(job.query),
      createdById: job.userId,
      createdDate: job.createdDate,
      systemModstamp: job.createdDate,
      state: 'JobComplete',
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(API_VERSION.slice(1)),
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      numberRecordsProcessed: job.numberRecordsProcessed,
      retries: 0,
      totalProcessingTime: 0
    };
  }

  private async bulkQuery(
    rest: string[],
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    session: Session
  ): Promise<void> {
    if (rest.length === 0 && method === 'POST') {
      const body = parseJson(await readBody(req)) as { query?: string; operation?: string };
      if (!body.query) throw new ApiError(400, 'INVALIDJOB', 'query is required');
      const operation = body.operation === 'queryAll' ? 'queryAll' : 'query';
      const prepared = prepareSoql(body.query, this.store.viewFor(session.userId), {
        now: this.now(),
        userId: session.userId,
        includeDeleted: operation === 'queryAll'
      });
      if (prepared.isAggregate) {
        throw new ApiError(400, 'API_ERROR', 'Aggregate queries are not supported by Bulk API 2.0');
      }
      const job: BulkQueryJob = {
        id: `7508c${randomBytes(7).toString('hex').slice(0, 13)}`,
        userId: session.userId,
        query: body.query,
        operation,
        columns: prepared.columns,
        numberRecordsProcessed: prepared.totalSize(),
        iterator: null,
        position: 0,
        createdDate: this.now().toISOString().replace('Z', '+0000')
      };
      this.queryJobs.set(job.id, job);
      return this.send(res, 200, { ...this.jobInfo(job), state: 'UploadComplete' });
    }
    if (rest.length === 0 && method === 'GET') {
      // "Get Information About All Query Jobs": every user's jobs in the org, at most 1,000 a
      // page, the rest through nextRecordsUrl (queryLocator); the order is not specified, and
      // here it is the order of creation.
      // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_all_jobs.htm
      const all = [...this.queryJobs.values()];
      const from = Number(url.searchParams.get('queryLocator') ?? 0) || 0;
      const records = all.slice(from, from + 1000).map((j) => this.jobInfo(j));
      const done = from + 1000 >= all.length;
      return this.send(res, 200, {
        done,
        records,
        nextRecordsUrl: done
          ? null
          : `/services/data/${API_VERSION}/jobs/query?queryLocator=${from + 1000}`
      });
    }
    const job = this.queryJobs.get(rest[0] ?? '');
    if (!job || job.userId !== session.userId) {
      throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    if (rest.length === 1 && method === 'GET') return this.send(res, 200, this.jobInfo(job));
    if (rest.length === 1 && method === 'DELETE') {
      this.queryJobs.delete(job.id);
      return this.send(res, 204, undefined);
    }
    if (rest[1] === 'results' && method === 'GET') {
      const locator = Number(url.searchParams.get('locator') ?? '0');
      const max = Math.min(
        Number(url.searchParams.get('maxRecords') ?? BULK_PAGE) || BULK_PAGE,
        1000000
      );
      if (!job.iterator || locator !== job.position) {
        // Restart from the beginning (a repeated or out-of-order page) and skip to the locator.
        const prepared = prepareSoql(job.query, this.store.viewFor(session.userId), {
          now: this.now(),
          userId: session.userId,
          includeDeleted: job.operation === 'queryAll'
        });
        job.iterator = prepared.rows()[Symbol.iterator]();
        job.position = 0;
        while (job.position < locator && !job.iterator.next().done) job.position++;
      }
      const end = Math.min(job.position + max, job.numberRecordsProcessed);
      const count = end - job.position;
      res.writeHead(200, {
        'Content-Type': 'text/csv',
        'Sforce-Limit-Info': this.limitHeader(),
        Date: this.now().toUTCString(),
        'Sforce-Locator': end >= job.numberRecordsProcessed ? 'null' : String(end),
        'Sforce-NumberOfRecords': String(count)
      });
      let chunk = csvLine(job.columns);
      while (job.position < end) {
        const next = job.iterator.next();
        if (next.done) break;
        job.position++;
        chunk += csvLine(job.columns.map((c) => columnValue(next.value, c)));
        if (chunk.length > 1 << 16) {
          if (!res.write(chunk)) {
            // A client that hangs up must not leave this page waiting for 'drain' forever.
            await new Promise<void>((r) => {
              const done = () => {
                res.off('drain', done);
                res.off('close', done);
                r();
              };
              res.on('drain', done);
              res.on('close', done);
            });
            if (res.destroyed) return;
          }
          chunk = '';
        }
      }
      res.end(chunk);
      return;
    }
    throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  // ------------------------------------------------------------------ Bulk API 2.0 ingest

  private ingestInfo(job: IngestJob) {
    return {
      id: job.id,
      operation: job.operation,
      object: job.object,
      createdById: job.userId,
      createdDate: job.createdDate,
      systemModstamp: job.createdDate,
      state: job.state,
      externalIdFieldName: job.externalIdFieldName,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(API_VERSION.slice(1)),
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      numberRecordsProcessed: job.processed,
      numberRecordsFailed: job.failedCount,
      retries: 0,
      totalProcessingTime: 0
    };
  }

  private async bulkIngest(
    rest: string[],
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    session: Session
  ): Promise<void> {
    if (rest.length === 0 && method === 'POST') {
      const body = parseJson(await readBody(req)) as {
        object?: string;
        operation?: IngestJob['operation'];
        externalIdFieldName?: string;
      };
      const schema = this.describeObject(body.object ?? '', session.userId);
      if (!body.operation || !['insert', 'update', 'upsert', 'delete'].includes(body.operation)) {
        throw new ApiError(400, 'INVALIDJOB', `Unsupported operation ${String(body.operation)}`);
      }
      if (body.operation === 'upsert' && !body.externalIdFieldName) {
        throw new ApiError(400, 'INVALIDJOB', 'externalIdFieldName is required for upsert');
      }
      const job: IngestJob = {
        id: `7508c${randomBytes(7).toString('hex').slice(0, 13)}`,
        userId: session.userId,
        object: schema.name,
        operation: body.operation,
        externalIdFieldName: body.externalIdFieldName,
        state: 'Open',
        csv: [],
        successful: [],
        failed: [],
        header: [],
        processed: 0,
        failedCount: 0,
        createdDate: this.now().toISOString().replace('Z', '+0000')
      };
      this.ingestJobs.set(job.id, job);
      this.ingestJobsCreated++;
      return this.send(res, 200, this.ingestInfo(job));
    }
    if (rest.length === 0 && method === 'GET') {
      // Get All Jobs: this user's ingest jobs in one page. (Bulk API 2.0 Developer Guide, "Get
      // Information About All Ingest Jobs":
      // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_all_jobs.htm)
      const records = [...this.ingestJobs.values()]
        .filter((j) => j.userId === session.userId)
        .map((j) => this.ingestInfo(j));
      return this.send(res, 200, { done: true, records, nextRecordsUrl: null });
    }
    const job = this.ingestJobs.get(rest[0] ?? '');
    if (!job || job.userId !== session.userId) {
      throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    if (rest.length === 1 && method === 'GET') return this.send(res, 200, this.ingestInfo(job));
    if (rest[1] === 'batches' && method === 'PUT') {
      if (job.state !== 'Open')
        throw new ApiError(400, 'INVALIDJOB', 'Job is not open for uploads');
      job.csv.push(await readBody(req));
      return this.send(res, 201, undefined);
    }
    if (rest.length === 1 && method === 'PATCH') {
      const body = parseJson(await readBody(req)) as { state?: string };
      if (body.state === 'Aborted') {
        job.state = 'Aborted';
      } else if (body.state === 'UploadComplete') {
        this.runIngest(job);
      } else {
        throw new ApiError(400, 'INVALIDJOB', `Unsupported state ${String(body.state)}`);
      }
      return this.send(res, 200, this.ingestInfo(job));
    }
    if (
      method === 'GET' &&
      ['successfulResults', 'failedResults', 'unprocessedrecords'].includes(rest[1])
    ) {
      const body =
        rest[1] === 'successfulResults'
          ? csvLine(['sf__Id', 'sf__Created', ...job.header]) + job.successful.join('')
          : rest[1] === 'failedResults'
            ? csvLine(['sf__Id', 'sf__Error', ...job.header]) + job.failed.join('')
            : csvLine(job.header);
      res.writeHead(200, { 'Content-Type': 'text/csv', 'Sforce-Limit-Info': this.limitHeader() });
      res.end(body);
      return;
    }
    if (rest.length === 1 && method === 'DELETE') {
      this.ingestJobs.delete(job.id);
      return this.send(res, 204, undefined);
    }
    throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  private runIngest(job: IngestJob): void {
    const ctx = { userId: job.userId, now: this.now() };
    for (const text of job.csv) {
      const rows = parseCsv(text);
      const header = rows.shift() ?? [];
      if (job.header.length === 0) job.header = header;
      for (const cells of rows) {
        if (cells.length === 1 && cells[0] === '') continue;
        job.processed++;
        const out = writeBulkRecord(
          this.store,
          ctx,
          API_VERSION.slice(1),
          job.object,
          job.operation,
          job.externalIdFieldName,
          csvRecord(header, cells)
        );
        if (out.error) {
          job.failedCount++;
          job.failed.push(csvLine(['', out.error, ...cells]));
        } else {
          job.successful.push(csvLine([out.id, out.created, ...cells]));
        }
      }
    }
    job.csv = [];
    job.state = 'JobComplete';
  }
}

function prepareObjectName(soql: string): string {
  const m = /\bFROM\s+(\w+)/i.exec(soql);
  return m ? m[1] : '';
}
