/**
 * The preview server: the components in a real browser against the local org, as any of its
 * Adoption Coach personas (the holders of the Rep, Manager and Sponsor permission sets). It
 * serves the page shell (the persona's navigation and a search for whom to act as), the compiled components
 * (`.preview/app.js`), the SLDS stylesheet and the platform API the components call — GraphQL,
 * UI API records and describes — each made through the local org's REST API with the session of
 * the user the page acts as, so that user's object, field and record access applies. It listens
 * on 127.0.0.1 only.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { PREVIEW_DIR } from './build';
import { SalesforceApiError } from '../common/salesforce-error';
import { OrgClient, type OrgAccess } from './org-client';
import { escapeHtml } from '../common/html';
import { START, indexPage, shell, type Page } from './pages';

const ROOT = resolve(__dirname, '../..');
const SLDS_DIR = join(ROOT, 'node_modules/@salesforce-ux/design-system/assets');
const MAX_BODY = 1 << 20;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2'
};

export interface PreviewUser {
  id: string;
  name: string;
  title: string | null;
  /** Where the user starts: a rep's Home, a manager's team, the sponsor's pulse. */
  role: 'rep' | 'manager' | 'sponsor';
}

const PAGES: Record<string, Page> = {
  '/home': { name: 'home', title: 'Home' },
  '/record': { name: 'record', title: 'Opportunity' },
  '/team': { name: 'team', title: 'Team coaching' },
  '/pulse': { name: 'pulse', title: 'Adoption Pulse' },
  '/governance': { name: 'governance', title: 'Governance' },
  '/standard': { name: 'standard', title: 'Standard page' },
  '/start': { name: 'standard', title: 'Start page' }
};

export interface PreviewServer {
  url: string;
  users: PreviewUser[];
  close(): Promise<void>;
}

/** The Adoption Coach permission sets that make a persona, widest first. */
const PERSONAS: [string, PreviewUser['role']][] = [
  ['Adoption_Coach_Sponsor', 'sponsor'],
  ['Adoption_Coach_Manager', 'manager'],
  ['Adoption_Coach_Rep', 'rep']
];

/**
 * The people the preview offers: active users holding an Adoption Coach persona permission set
 * (Rep, Manager or Sponsor), each starting where that set leads. Users with none of them (the
 * sync's integration user, the administrator) are not offered. Someone holding two starts at
 * the wider one (sponsor, then manager). Read as the administrator: querying
 * PermissionSetAssignment needs "View Setup and Configuration".
 */
async function loadUsers(client: OrgClient, adminId: string): Promise<PreviewUser[]> {
  const names = PERSONAS.map(([name]) => `'${name}'`).join(', ');
  const [users, assignments] = await Promise.all([
    client.soql(adminId, 'SELECT Id, Name, Title FROM User WHERE IsActive = true ORDER BY Name'),
    client.soql(
      adminId,
      `SELECT AssigneeId, PermissionSet.Name FROM PermissionSetAssignment WHERE PermissionSet.Name IN (${names})`
    )
  ]);
  const held = new Map<string, Set<string>>();
  for (const a of assignments) {
    const set = (a.PermissionSet as { Name?: string } | null)?.Name;
    if (!set) continue;
    const id = String(a.AssigneeId);
    held.set(id, (held.get(id) ?? new Set()).add(set));
  }
  const out: PreviewUser[] = [];
  for (const u of users) {
    const sets = held.get(String(u.Id));
    const role = sets && PERSONAS.find(([name]) => sets.has(name))?.[1];
    if (role)
      out.push({
        id: String(u.Id),
        name: String(u.Name),
        title: (u.Title as string | null) ?? null,
        role
      });
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new SalesforceApiError(413, 'REQUEST_TOO_LARGE', 'Request body is over 1 MB'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolveBody(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'Request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff'
  });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');

/**
 * Answers 304 when the browser's copy carries `etag`, else 200 with `body()`. With `no-cache` the
 * browser keeps the response and asks again on each visit (RFC 9111 §5.2.2.4); an unchanged asset
 * then costs a round trip, not its bytes (RFC 9110 §13.1.2, If-None-Match).
 */
function sendRevalidated(
  req: IncomingMessage,
  res: ServerResponse,
  type: string,
  etag: string,
  body: () => Buffer | NodeJS.ReadableStream
): void {
  const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache', ETag: etag };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, headers);
  const content = body();
  if (Buffer.isBuffer(content)) res.end(content);
  else content.pipe(res);
}

/** A file of the installed SLDS package, revalidated by its size and modification time. */
function sendFile(req: IncomingMessage, res: ServerResponse, file: string): void {
  const stat = existsSync(file) ? statSync(file) : null;
  if (!stat || !stat.isFile()) {
    send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    return;
  }
  const { size, mtimeMs } = stat;
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  sendRevalidated(req, res, type, `W/"${size}-${Math.trunc(mtimeMs)}"`, () =>
    createReadStream(file)
  );
}

/**
 * The page's entry script with an ETag: browsers revalidate it (its chunks import it by this
 * name) and get 304 until a rebuild.
 */
function appScript(): () => { etag: string; code: Buffer } {
  const file = join(PREVIEW_DIR, 'app.js');
  let cached: { mtimeMs: number; etag: string; code: Buffer } | null = null;
  return () => {
    const { mtimeMs } = statSync(file);
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const code = readFileSync(file);
      const etag = `"${createHash('sha256').update(code).digest('hex').slice(0, 16)}"`;
      cached = { mtimeMs, etag, code };
    }
    return cached;
  };
}

/**
 * The platform API the components call, each request made through the local org with the
 * session of the user the page acts as (the `X-Preview-User` header).
 */
function previewApi(client: OrgClient, byId: Map<string, PreviewUser>) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const userId = req.headers['x-preview-user'];
    if (typeof userId !== 'string' || !byId.has(userId))
      throw new SalesforceApiError(
        401,
        'INVALID_SESSION_ID',
        'No preview user: open a page with ?as=<user id>'
      );
    const parts = url.pathname.split('/').slice(2).map(decodeURIComponent);
    const list = (name: string) => (url.searchParams.get(name) ?? '').split(',').filter(Boolean);
    if (parts[0] === 'graphql' && req.method === 'POST') {
      const body = await readBody(req);
      if (typeof body.query !== 'string')
        throw new SalesforceApiError(400, 'INVALID_INPUT', 'GraphQL: query must be a string');
      const variables = (body.variables ?? {}) as Record<string, unknown>;
      return sendJson(res, 200, await client.graphql(userId, body.query, variables));
    }
    if (parts[0] === 'records' && parts.length === 2 && req.method === 'GET')
      return sendJson(
        res,
        200,
        await client.getRecord(userId, parts[1], list('fields'), list('optionalFields'))
      );
    if (parts[0] === 'records' && parts.length === 1 && req.method === 'POST') {
      const body = await readBody(req);
      if (typeof body.apiName !== 'string' || !body.fields || typeof body.fields !== 'object')
        throw new SalesforceApiError(400, 'INVALID_INPUT', 'createRecord needs apiName and fields');
      return sendJson(
        res,
        201,
        await client.createRecord(userId, body.apiName, body.fields as Record<string, unknown>)
      );
    }
    if (parts[0] === 'records' && parts.length === 2 && req.method === 'PATCH') {
      const body = await readBody(req);
      const fields = { ...(body.fields as Record<string, unknown>), Id: parts[1] };
      return sendJson(res, 200, await client.updateRecord(userId, fields));
    }
    if (parts[0] === 'describe' && parts.length === 2 && req.method === 'GET') {
      const info = await client.describe(userId, parts[1]);
      return sendJson(res, 200, {
        name: info.name,
        fields: info.fields.map((f) => ({
          name: f.name,
          label: f.label,
          type: f.type,
          updateable: f.updateable,
          picklistValues: f.picklistValues
        }))
      });
    }
    throw new SalesforceApiError(
      404,
      'NOT_FOUND',
      `No preview API at ${req.method} ${url.pathname}`
    );
  };
}

/**
 * The page script, its chunks, the favicon and SLDS's assets. Returns false when `url` is not
 * one of them.
 */
function serveAsset(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  app: () => { etag: string; code: Buffer }
): boolean {
  if (url.pathname === '/app.js') {
    const { etag, code } = app();
    sendRevalidated(req, res, TYPES['.js'], etag, () => code);
    return true;
  }
  if (url.pathname.startsWith('/chunks/')) {
    // Chunk names carry their content hash: cached for good.
    const file = resolve(PREVIEW_DIR, `.${url.pathname}`);
    if (!file.startsWith(join(PREVIEW_DIR, 'chunks') + sep) || !existsSync(file)) {
      send(res, 404, 'Not found', 'text/plain');
      return true;
    }
    res.writeHead(200, {
      'Content-Type': TYPES['.js'],
      'Cache-Control': 'public, max-age=31536000, immutable'
    });
    createReadStream(file).pipe(res);
    return true;
  }
  if (url.pathname === '/favicon.ico') {
    send(res, 204, '', 'image/x-icon');
    return true;
  }
  if (url.pathname.startsWith('/slds/')) {
    const file = resolve(SLDS_DIR, `.${decodeURIComponent(url.pathname.slice(5))}`);
    if (!file.startsWith(SLDS_DIR + sep)) send(res, 404, 'Not found', 'text/plain');
    else sendFile(req, res, file);
    return true;
  }
  return false;
}

const redirect = (res: ServerResponse, location: string) => {
  res.writeHead(302, { Location: location });
  res.end();
};

/**
 * The preview's pages: the index, each persona page as the user `?as=` names, and the
 * redirects to a person's start page and of the Opportunity link.
 */
function previewPages(client: OrgClient, users: PreviewUser[]) {
  const byId = new Map(users.map((u) => [u.id, u]));
  const html = (res: ServerResponse, body: string) =>
    send(res, 200, body, 'text/html; charset=utf-8');

  /**
   * Where the Opportunity link goes: the user's own open opportunity closing soonest, else the
   * one closing soonest among those the user can see (a manager's team's).
   */
  async function firstDeal(userId: string): Promise<string | null> {
    const soonest = `IsClosed = false ORDER BY CloseDate NULLS LAST, Id LIMIT 1`;
    const own = await client.soql(
      userId,
      `SELECT Id FROM Opportunity WHERE OwnerId = '${userId}' AND ${soonest}`
    );
    const rows = own.length
      ? own
      : await client.soql(userId, `SELECT Id FROM Opportunity WHERE ${soonest}`);
    return rows.length ? String(rows[0].Id) : null;
  }

  return async (res: ServerResponse, url: URL): Promise<void> => {
    if (url.pathname === '/') return html(res, indexPage(users, url.searchParams.get('q') ?? ''));
    const user = byId.get(url.searchParams.get('as') ?? '');
    const recordMatch = /^\/record\/([a-zA-Z0-9]{15,18})$/.exec(url.pathname);
    const page = recordMatch
      ? { name: 'record' as const, title: 'Opportunity' }
      : PAGES[url.pathname];
    if (!page) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    if (!user) return redirect(res, '/');
    // The chosen person's own start page.
    if (url.pathname === '/start')
      return redirect(res, `${START[user.role]}?as=${encodeURIComponent(user.id)}`);
    if (url.pathname === '/record') {
      // The Opportunity link: the user's open deal closing soonest, looked up on click.
      const dealId = await firstDeal(user.id);
      return redirect(res, dealId ? `/record/${dealId}?as=${user.id}` : `/home?as=${user.id}`);
    }
    if (recordMatch) {
      const object = await client.objectOf(user.id, recordMatch[1]);
      const meta = { 'preview-record-id': recordMatch[1], 'preview-record-object': object };
      return html(res, shell(user, page, meta, ''));
    }
    if (page.name === 'standard') {
      const body = `<div class="slds-box slds-theme_default"><p>In an org this opens a standard Salesforce page, which the preview does not include:</p><pre class="slds-m-top_small">${escapeHtml(url.searchParams.get('ref'))}</pre></div>`;
      return html(res, shell(user, page, {}, body));
    }
    return html(res, shell(user, page, {}, ''));
  };
}

export async function startPreview(options: {
  org: OrgAccess & { adminUserId: string };
  port?: number;
}): Promise<PreviewServer> {
  const { org } = options;
  const client = new OrgClient(org);
  if (!existsSync(join(PREVIEW_DIR, 'app.js')))
    throw new Error(`${join(PREVIEW_DIR, 'app.js')} is missing: build it with buildPreview()`);
  const app = appScript();
  const users = await loadUsers(client, org.adminUserId);
  const api = previewApi(client, new Map(users.map((u) => [u.id, u])));
  const pages = previewPages(client, users);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) return api(req, res, url);
    if (req.method !== 'GET') return send(res, 405, 'Method not allowed', 'text/plain');
    if (serveAsset(req, res, url, app)) return;
    return pages(res, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof SalesforceApiError ? e.statusCode : 500;
      const errorCode = e instanceof SalesforceApiError ? e.errorCode : 'UNKNOWN_EXCEPTION';
      const message = e instanceof Error ? e.message : String(e);
      if (res.headersSent) return void res.end();
      if ((req.url ?? '').startsWith('/api/')) sendJson(res, status, { message, errorCode });
      else send(res, status, escapeHtml(message), 'text/plain; charset=utf-8');
    });
  });
  await new Promise<void>((r) => server.listen(options.port ?? 0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    users,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      })
  };
}
