/**
 * The local org's HTTP API on 127.0.0.1: OAuth2 and SOAP login, REST (query, sobjects,
 * composite), limits, and Bulk API 2.0, with Salesforce's shapes, status codes and error codes.
 * Every API response carries Sforce-Limit-Info counting calls against a daily allocation.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { csvLine, parseCsv } from '../common/csv';
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

const VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0'];
const QUERY_PAGE = 2000;
// Without maxRecords, one page holds up to a million rows (streamed), as large pages are what
// Salesforce serves; clients ask for smaller pages with maxRecords.
const BULK_PAGE = 1000000;
const ORG_ID = '00D8c0000000001EAA';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON');
  }
}

/** Flattened value of a REST-shaped record for a Bulk CSV column (Account.Name). */
function columnValue(record: Record<string, unknown>, column: string): unknown {
  let v: unknown = record;
  for (const part of column.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
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
  apiCalls = 0;
  /** Calls failed on purpose by fault injection. */
  faultsInjected = 0;
  instanceUrl = '';

  constructor(
    private readonly store: Store,
    private readonly options: ServerOptions
  ) {
    this.random = mulberry32(options.faults?.seed ?? 1);
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
    this.server.keepAliveTimeout = 5000;
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
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
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
      const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
      if (!m) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
      const session = this.authenticate(req);
      this.apiCalls++;
      const limit = this.options.dailyApiLimit ?? 15000;
      if (this.apiCalls > limit) {
        throw new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', `TotalRequests Limit exceeded.`);
      }
      if (this.injectFault(res)) return;
      await this.route(m[2] ?? '/', req, res, url, session);
      this.store.commit();
    } catch (e) {
      if (e instanceof ApiError) {
        this.send(res, e.statusCode, e.toBody());
      } else {
        this.send(res, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: (e as Error).message }]);
      }
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

  private authenticate(req: IncomingMessage): Session {
    const header = req.headers.authorization ?? '';
    const token = header.replace(/^(Bearer|OAuth)\s+/i, '');
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
      id: `${this.instanceUrl}/id/${ORG_ID}/${userId}`,
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
    session: Session
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const ctx = { userId: session.userId, now: this.now() };
    const parts = path
      .split('/')
      .filter((p) => p)
      .map(decodeURIComponent);
    const [head, ...rest] = parts;

    if (parts.length === 0) {
      return this.send(res, 200, {
        sobjects: `/services/data/${API_VERSION}/sobjects`,
        query: `/services/data/${API_VERSION}/query`,
        queryAll: `/services/data/${API_VERSION}/queryAll`,
        limits: `/services/data/${API_VERSION}/limits`,
        composite: `/services/data/${API_VERSION}/composite`,
        jobs: `/services/data/${API_VERSION}/jobs`
      });
    }
    if (head === 'limits' && method === 'GET') {
      const max = this.options.dailyApiLimit ?? 15000;
      return this.send(res, 200, {
        DailyApiRequests: { Max: max, Remaining: Math.max(0, max - this.apiCalls) },
        DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 - this.queryJobs.size }
      });
    }
    if ((head === 'query' || head === 'queryAll') && method === 'GET') {
      if (rest.length === 1) return this.queryMore(rest[0], res, session);
      const soql = url.searchParams.get('q');
      if (!soql) throw new ApiError(400, 'MALFORMED_QUERY', 'A query string (q) is required');
      const batch = /batchSize=(\d+)/i.exec(String(req.headers['sforce-query-options'] ?? ''));
      const pageSize = batch ? Math.min(2000, Math.max(200, Number(batch[1]))) : QUERY_PAGE;
      return this.query(soql, head === 'queryAll', pageSize, res, session);
    }
    if (head === 'sobjects') return this.sobjects(rest, method, req, res, ctx, session);
    if (head === 'composite' && rest[0] === 'sobjects') {
      return this.compositeSObjects(rest.slice(1), method, req, res, url, ctx);
    }
    if (head === 'composite' && rest.length === 0 && method === 'POST') {
      return this.composite(req, res, session);
    }
    if (head === 'jobs' && rest[0] === 'query')
      return this.bulkQuery(rest.slice(1), method, req, res, url, session);
    if (head === 'jobs' && rest[0] === 'ingest')
      return this.bulkIngest(rest.slice(1), method, req, res, session);
    throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  // ------------------------------------------------------------------ composite

  /**
   * /composite: up to 25 subrequests in one call (one call against the API limits), at most 5 of
   * them queries. The local org runs GET subrequests (describe, query, queryAll, limits), each
   * answered as it would be on its own.
   */
  private async composite(req: IncomingMessage, res: ServerResponse, session: Session) {
    const body = parseJson(await readBody(req)) as {
      compositeRequest?: { method?: string; url?: string; referenceId?: string }[];
    };
    const subrequests = body.compositeRequest;
    if (!Array.isArray(subrequests) || subrequests.length === 0) {
      throw new ApiError(400, 'INVALID_INPUT', 'compositeRequest must be a non-empty array');
    }
    if (subrequests.length > 25) {
      throw new ApiError(400, 'LIMIT_EXCEEDED', 'Maximum number of subrequests is 25');
    }
    const isQuery = (u: string) => /\/query(All)?\/?\?/.test(u);
    if (subrequests.filter((r) => isQuery(String(r.url ?? ''))).length > 5) {
      throw new ApiError(400, 'LIMIT_EXCEEDED', 'Maximum number of query subrequests is 5');
    }
    const compositeResponse = [];
    for (const sub of subrequests) {
      const url = new URL(String(sub.url ?? ''), 'http://127.0.0.1');
      const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname.replace(/\/+$/, ''));
      const captured = new CapturedResponse();
      try {
        if (!m || !sub.referenceId) {
          throw new ApiError(
            400,
            'INVALID_INPUT',
            `invalid subrequest url or referenceId: ${sub.url}`
          );
        }
        if ((sub.method ?? 'GET').toUpperCase() !== 'GET') {
          throw new ApiError(400, 'INVALID_INPUT', 'the local org runs GET subrequests only');
        }
        const fake = { method: 'GET', headers: {}, url: sub.url } as unknown as IncomingMessage;
        await this.route(m[2] ?? '/', fake, captured as unknown as ServerResponse, url, session);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        captured.statusCode = e.statusCode;
        captured.text = JSON.stringify(e.toBody());
      }
      compositeResponse.push({
        body: captured.text ? JSON.parse(captured.text) : null,
        httpHeaders: {},
        httpStatusCode: captured.statusCode,
        referenceId: sub.referenceId
      });
    }
    this.send(res, 200, { compositeResponse });
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
    session: Session
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
          restrictedPicklist: f.restrictedPicklist === true
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
        const row = this.store.insert(schema.name, body, ctx);
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
        // Only the fields the user can read (field-level security).
        const record: Record<string, unknown> = {
          attributes: {
            type: schema.name,
            url: `/services/data/${API_VERSION}/sobjects/${schema.name}/${row.Id}`
          }
        };
        for (const f of schema.fields) record[f.name] = row[f.name] ?? null;
        return this.send(res, 200, record);
      }
      if (method === 'PATCH') {
        if (!row) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
        this.store.update(
          schema.name,
          row.Id,
          parseJson(await readBody(req)) as Record<string, unknown>,
          ctx
        );
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
      const { row, created } = this.store.upsert(schema.name, rest[1], rest[2], body, ctx);
      return created
        ? this.send(res, 201, { id: row.Id, success: true, errors: [], created: true })
        : this.send(res, 200, { id: row.Id, success: true, errors: [], created: false });
    }
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed.`);
  }

  /** /composite/sobjects: create, update, upsert or delete up to 200 records. */
  private async compositeSObjects(
    rest: string[],
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    ctx: { userId: string; now: Date }
  ): Promise<void> {
    let allOrNone = false;
    let records: Record<string, unknown>[] = [];
    if (method === 'DELETE') {
      records = (url.searchParams.get('ids') ?? '')
        .split(',')
        .filter((i) => i)
        .map((Id) => ({ Id }));
      allOrNone = url.searchParams.get('allOrNone') === 'true';
    } else {
      const body = parseJson(await readBody(req)) as {
        allOrNone?: boolean;
        records?: Record<string, unknown>[];
      };
      allOrNone = body.allOrNone === true;
      records = Array.isArray(body.records) ? body.records : [];
    }
    if (records.length > 200) {
      throw new ApiError(
        400,
        'EXCEEDED_ID_LIMIT',
        'record limit reached. cannot submit more than 200 records into this call'
      );
    }
    const typeOf = (r: Record<string, unknown>): string => {
      const t = (r.attributes as { type?: string } | undefined)?.type ?? rest[0];
      if (!t) throw new ApiError(400, 'INVALID_TYPE', 'No SObject Type defined in attributes');
      return t;
    };
    const results: Record<string, unknown>[] = [];
    let failed = false;
    const writeOne = (r: Record<string, unknown>): Record<string, unknown> => {
      if (method === 'POST') {
        if (r.Id)
          throw new ApiError(400, 'INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
        return { id: this.store.insert(typeOf(r), r, ctx).Id, success: true, errors: [] };
      }
      if (method === 'PATCH' && rest.length === 2) {
        const ext = rest[1];
        const value =
          r[ext] ?? Object.entries(r).find(([k]) => k.toLowerCase() === ext.toLowerCase())?.[1];
        const { row, created } = this.store.upsert(rest[0], ext, value, r, ctx);
        return { id: row.Id, success: true, errors: [], created };
      }
      if (method === 'PATCH') {
        return {
          id: this.store.update(typeOf(r), String(r.Id ?? ''), r, ctx).Id,
          success: true,
          errors: []
        };
      }
      if (method === 'DELETE') {
        const object = this.store.objectOfId(String(r.Id));
        if (!object) throw new ApiError(400, 'MALFORMED_ID', `malformed id ${String(r.Id)}`);
        this.store.delete(object, String(r.Id), ctx);
        return { id: r.Id, success: true, errors: [] };
      }
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed.`);
    };
    const writeAll = () => {
      for (const r of records) {
        try {
          results.push(writeOne(r));
        } catch (e) {
          if (!(e instanceof ApiError) || e.statusCode === 405) throw e;
          failed = true;
          results.push({
            id: (r.Id as string) ?? null,
            success: false,
            errors: [{ statusCode: e.errorCode, message: e.message, fields: e.fields }]
          });
        }
      }
      if (allOrNone && failed) throw new RolledBack();
    };
    try {
      if (allOrNone) this.store.atomically(writeAll);
      else writeAll();
    } catch (e) {
      if (!(e instanceof RolledBack)) throw e;
      // All or none: nothing was kept; the valid records say they were rolled back.
      return this.send(
        res,
        200,
        results.map((r) =>
          r.success
            ? {
                id: null,
                success: false,
                errors: [
                  {
                    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                    message:
                      'Record rolled back because not all records were valid and the request was using AllOrNone header',
                    fields: []
                  }
                ]
              }
            : r
        )
      );
    }
    this.send(res, 200, results);
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
      return this.send(res, 200, this.ingestInfo(job));
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
        const record: Record<string, unknown> = {};
        header.forEach((h, i) => {
          const v = cells[i] ?? '';
          if (v === '') return; // a blank cell leaves the field as it is
          record[h] = v === '#N/A' ? null : v;
        });
        job.processed++;
        try {
          let id: string;
          let created = false;
          if (job.operation === 'insert') id = this.store.insert(job.object, record, ctx).Id;
          else if (job.operation === 'update')
            id = this.store.update(job.object, String(record.Id), record, ctx).Id;
          else if (job.operation === 'delete') {
            this.store.delete(job.object, String(record.Id), ctx);
            id = String(record.Id);
          } else {
            const ext = job.externalIdFieldName!;
            const r = this.store.upsert(job.object, ext, record[ext], record, ctx);
            id = r.row.Id;
            created = r.created;
          }
          job.successful.push(csvLine([id, created || job.operation === 'insert', ...cells]));
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          job.failedCount++;
          job.failed.push(
            csvLine(['', `${e.errorCode}:${e.message}:${e.fields.join(',')}--`, ...cells])
          );
        }
      }
    }
    job.csv = [];
    job.state = 'JobComplete';
  }
}

class RolledBack extends Error {}

function prepareObjectName(soql: string): string {
  const m = /\bFROM\s+(\w+)/i.exec(soql);
  return m ? m[1] : '';
}
