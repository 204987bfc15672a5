/**
 * The preview server: the components in a real browser against the local org, as any of its
 * Adoption Coach personas (the holders of the Rep, Manager and Sponsor permission sets). It
 * serves the page shell (the persona's navigation and a search for whom to act as), the compiled components
 * (`.preview/app.js` and its chunks) and the SLDS stylesheet under URLs that name their version
 * (cached for good), and the platform API the components call — GraphQL,
 * UI API records and describes — each made through the local org's REST API with the session of
 * the user the page acts as, so that user's object, field and record access applies. It listens
 * on 127.0.0.1 only.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { PREVIEW_DIR } from './paths';
import { SalesforceApiError } from '../common/salesforce-error';
import { OrgClient, type OrgAccess } from './org-client';
import { escapeHtml } from '../common/html';
import { START, indexPage, shell, type Assets, type Page } from './pages';

const ROOT = resolve(__dirname, '../..');
const SLDS_PACKAGE = join(ROOT, 'node_modules/@salesforce-ux/design-system');
const SLDS_DIR = join(SLDS_PACKAGE, 'assets');
const SLDS_STYLESHEET = 'styles/salesforce-lightning-design-system.min.css';
/**
 * A versioned asset is kept for a year and never revalidated (RFC 9111 §5.2.2.1, RFC 8246
 * `immutable`): a new build or SLDS release changes its URL. A page visit then costs no round
 * trip before its stylesheet and script can be used.
 */
const FOREVER = 'public, max-age=31536000, immutable';
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

/** A versioned asset (FOREVER), or 404 when `file` is not a file. */
function sendForever(res: ServerResponse, file: string | Buffer, type: string): void {
  if (!Buffer.isBuffer(file) && !(existsSync(file) && statSync(file).isFile())) {
    send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    return;
  }
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': FOREVER });
  if (Buffer.isBuffer(file)) res.end(file);
  else createReadStream(file).pipe(res);
}

/**
 * The build's entry script and its version, a hash of its text: the entry names every chunk by
 * its content hash, so a rebuild that changes any of them changes the version.
 */
function appScript(): () => { version: string; code: Buffer } {
  const file = join(PREVIEW_DIR, 'app.js');
  let cached: { mtimeMs: number; version: string; code: Buffer } | null = null;
  return () => {
    const { mtimeMs } = statSync(file);
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const code = readFileSync(file);
      const version = createHash('sha256').update(code).digest('hex').slice(0, 16);
      cached = { mtimeMs, version, code };
    }
    return cached;
  };
}

/**
 * The URLs of the page's stylesheet and script: the SLDS package's version and the build's
 * (`/build/<version>/app.js`, whose chunks import each other and it under the same folder).
 */
function assetUrls(app: () => { version: string }, sldsVersion: string): Assets {
  return {
    stylesheet: `/slds/${sldsVersion}/${SLDS_STYLESHEET}`,
    script: `/build/${app().version}/app.js`
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
 * The build's script and chunks and SLDS's assets, each under its version (an older version is
 * 404). Returns false when `url` is not one of them. (Pages name an empty icon: no favicon.)
 */
function serveAsset(
  res: ServerResponse,
  url: URL,
  app: () => { version: string; code: Buffer },
  sldsVersion: string
): boolean {
  const notFound = () => send(res, 404, 'Not found', 'text/plain; charset=utf-8');
  const built = /^\/build\/([0-9a-f]+)\/(.+)$/.exec(url.pathname);
  if (built) {
    const { version, code } = app();
    const chunk = resolve(PREVIEW_DIR, built[2]);
    if (built[1] !== version) notFound();
    else if (built[2] === 'app.js') sendForever(res, code, TYPES['.js']);
    else if (!chunk.startsWith(join(PREVIEW_DIR, 'chunks') + sep)) notFound();
    else sendForever(res, chunk, TYPES['.js']);
    return true;
  }
  if (url.pathname.startsWith('/slds/')) {
    const [, version, ...rest] = url.pathname.slice(1).split('/');
    const file = resolve(SLDS_DIR, decodeURIComponent(rest.join('/')));
    if (version !== sldsVersion || !file.startsWith(SLDS_DIR + sep)) notFound();
    else sendForever(res, file, TYPES[extname(file)] ?? 'application/octet-stream');
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
function previewPages(client: OrgClient, users: PreviewUser[], assets: () => Assets) {
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
    if (url.pathname === '/')
      return html(res, indexPage(users, assets(), url.searchParams.get('q') ?? ''));
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
      return html(res, shell(user, page, meta, '', assets()));
    }
    if (page.name === 'standard') {
      const body = `<div class="slds-box slds-theme_default"><p>In an org this opens a standard Salesforce page, which the preview does not include:</p><pre class="slds-m-top_small">${escapeHtml(url.searchParams.get('ref'))}</pre></div>`;
      return html(res, shell(user, page, {}, body, assets()));
    }
    return html(res, shell(user, page, {}, '', assets()));
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
  const sldsVersion = String(
    (JSON.parse(readFileSync(join(SLDS_PACKAGE, 'package.json'), 'utf8')) as { version: string })
      .version
  );
  const users = await loadUsers(client, org.adminUserId);
  const api = previewApi(client, new Map(users.map((u) => [u.id, u])));
  const pages = previewPages(client, users, () => assetUrls(app, sldsVersion));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) return api(req, res, url);
    if (req.method !== 'GET') return send(res, 405, 'Method not allowed', 'text/plain');
    if (serveAsset(res, url, app, sldsVersion)) return;
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
