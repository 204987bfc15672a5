/**
 * The preview server, without a browser.
 *
 * Who the preview offers and where each starts: the holders of the Adoption Coach persona
 * permission sets (Rep → Home, Manager → Team coaching, Sponsor → Adoption Pulse), read from
 * PermissionSetAssignment; nobody else (the sync's integration user, the administrator).
 *
 * Its static assets: the SLDS stylesheet and the page script (with its chunks) are served under
 * URLs that name their version and kept by the browser for good, so a second visit asks for
 * neither (RFC 9111 §5.2.2.1, RFC 8246 `immutable`); another version is 404.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { OrgClient } from '../../scripts/preview/org-client';
import { startPreview, type PreviewServer } from '../../scripts/preview/server';

let org: LocalOrg;
let preview: PreviewServer;

beforeAll(async () => {
  org = await startLocalOrg({ seed: 'demo' });
  preview = await startPreview({ org });
});
afterAll(async () => {
  await preview?.close();
  await org?.close();
});

const names = (role: string) =>
  preview.users
    .filter((u) => u.role === role)
    .map((u) => u.name)
    .sort();

test('the demo org offers its sponsor, its three managers and their 24 reps, and nobody else', () => {
  // The demo seed: Valerie Grant (VP Sales, Sponsor set), three Sales Managers (Manager set),
  // eight Account Executives under each (Rep set).
  expect(names('sponsor')).toEqual(['Valerie Grant']);
  expect(names('manager')).toEqual(['Marco Bianchi', 'Omar Haddad', 'Sofia Lind']);
  const reps = preview.users.filter((u) => u.role === 'rep');
  expect(reps).toHaveLength(24);
  expect(new Set(reps.map((u) => u.title))).toEqual(new Set(['Account Executive']));
  expect(preview.users).toHaveLength(28);
  const offered = new Set(preview.users.map((u) => u.id));
  const notOffered = org.users.filter((u) =>
    /^(integration|admin)@adoption-coach\.local$/.test(u.username)
  );
  expect(notOffered.map((u) => u.username).sort()).toEqual([
    'admin@adoption-coach.local',
    'integration@adoption-coach.local'
  ]);
  expect(notOffered.filter((u) => offered.has(u.userId))).toEqual([]);
});

test('each persona starts on its own page; a user not offered cannot act in the preview', async () => {
  const start = async (id: string) =>
    (await fetch(`${preview.url}/?as=${id}`, { redirect: 'manual' })).text();
  // The index lists each group under its heading, linking to that group's start page.
  const index = await start('');
  const sponsor = preview.users.find((u) => u.role === 'sponsor')!;
  const manager = preview.users.find((u) => u.role === 'manager')!;
  const rep = preview.users.find((u) => u.role === 'rep')!;
  expect(index).toContain(`href="/pulse?as=${sponsor.id}"`);
  expect(index).toContain(`href="/team?as=${manager.id}"`);
  expect(index).toContain(`href="/home?as=${rep.id}"`);
  const api = await fetch(`${preview.url}/api/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Preview-User': org.integrationUserId },
    body: JSON.stringify({ query: '{ uiapi { query { User { edges { node { Id } } } } } }' })
  });
  expect(api.status).toBe(401);
});

test('someone on the reporting line without an Adoption Coach set is not offered; a new assignment is', async () => {
  const client = new OrgClient(org);
  const admin = org.adminUserId;
  const manager = preview.users.find((u) => u.role === 'manager')!;
  // A new Account Executive under a manager, with no permission set, and a rep given the Manager set.
  const [standard] = await client.soql(
    admin,
    "SELECT Id FROM Profile WHERE Name = 'Standard User'"
  );
  const created = await client.createRecord(admin, 'User', {
    ProfileId: standard.Id,
    FirstName: 'Nadia',
    LastName: 'Newcomer',
    Username: 'nadia.newcomer@demo.adoption-coach.local',
    Email: 'nadia.newcomer@demo.adoption-coach.local',
    Alias: 'nnewc',
    Title: 'Account Executive',
    ManagerId: manager.id
  });
  const rep = preview.users.find((u) => u.role === 'rep')!;
  const [set] = await client.soql(
    admin,
    "SELECT Id FROM PermissionSet WHERE Name = 'Adoption_Coach_Manager'"
  );
  await client.createRecord(admin, 'PermissionSetAssignment', {
    AssigneeId: rep.id,
    PermissionSetId: set.Id
  });
  const again = await startPreview({ org });
  try {
    expect(again.users.some((u) => u.id === created.id)).toBe(false);
    // Rep and Manager sets: the wider one decides.
    expect(again.users.find((u) => u.id === rep.id)?.role).toBe('manager');
  } finally {
    await again.close();
  }
});

test('a page names only whom it acts as; the search lists others by name or title', async () => {
  const page = (path: string) => fetch(`${preview.url}${path}`).then((r) => r.text());
  const hrefs = (html: string) => [...html.matchAll(/href="\/(?:home|team|pulse)\?as=([^"]+)"/g)];
  const marco = preview.users.find((u) => u.name === 'Marco Bianchi')!;
  const omar = preview.users.find((u) => u.name === 'Omar Haddad')!;
  const shell = await page(`/team?as=${marco.id}`);
  expect(shell).toContain('Acting as <strong>Marco Bianchi</strong>');
  expect(preview.users.filter((u) => u !== marco && shell.includes(u.name))).toEqual([]);

  // Any case, part of a name: Omar Haddad alone, linking to his team page.
  const found = await page('/?q=hADDad');
  expect(hrefs(found).map((m) => m[1])).toEqual([omar.id]);
  expect(found).toContain(`href="/team?as=${omar.id}"`);
  // A title: the 24 account executives (the reps), not the managers nor the sponsor.
  const reps = preview.users.filter((u) => u.role === 'rep').map((u) => u.id);
  expect(hrefs(await page('/?q=account+executive')).map((m) => m[1])).toEqual(reps);
  expect(await page('/?q=nobody+here')).toContain('Nobody’s name or title contains “nobody here”.');
  // No query: everyone.
  expect(hrefs(await page('/'))).toHaveLength(28);
});

const FOREVER = 'public, max-age=31536000, immutable';
/** The installed SLDS package's version. */
const SLDS = (
  JSON.parse(
    readFileSync(
      resolve(__dirname, '../../node_modules/@salesforce-ux/design-system/package.json'),
      'utf8'
    )
  ) as { version: string }
).version;

/** The stylesheet and script a page names, and its text. */
async function pageAssets(): Promise<{ stylesheet: string; script: string; html: string }> {
  const marco = preview.users.find((u) => u.name === 'Marco Bianchi')!;
  const html = await fetch(`${preview.url}/team?as=${marco.id}`).then((r) => r.text());
  const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1] ?? '';
  const script = /<script type="module" src="([^"]+)"><\/script>/.exec(html)?.[1] ?? '';
  return { stylesheet, script, html };
}

describe('static assets', () => {
  test('the page names the SLDS stylesheet and its script by version; both are kept for good', async () => {
    const { stylesheet, script, html } = await pageAssets();
    // No icon to ask for on each visit.
    expect(html).toContain('<link rel="icon" href="data:,">');
    // The installed SLDS package's version, and the build's (a hash of the entry script).
    expect(stylesheet).toBe(`/slds/${SLDS}/styles/salesforce-lightning-design-system.min.css`);
    expect(script).toMatch(/^\/build\/[0-9a-f]{16}\/app\.js$/);
    // The index names the same stylesheet.
    const index = await fetch(`${preview.url}/`).then((r) => r.text());
    expect(index).toContain(`<link rel="stylesheet" href="${stylesheet}">`);

    const css = await fetch(preview.url + stylesheet);
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toBe(FOREVER);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    // The package's minified stylesheet is several hundred kilobytes.
    expect((await css.text()).length).toBeGreaterThan(100_000);

    const app = await fetch(preview.url + script);
    expect(app.status).toBe(200);
    expect(app.headers.get('cache-control')).toBe(FOREVER);
    expect(app.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // The chunks it imports live under the same version: each is served, and kept as long.
    const code = await app.text();
    const chunks = [...code.matchAll(/["']\.\/(chunks\/[^"']+\.js)["']/g)].map((m) => m[1]);
    expect(chunks.length).toBeGreaterThan(0);
    const chunk = await fetch(`${preview.url}${script.replace('app.js', chunks[0])}`);
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('cache-control')).toBe(FOREVER);
    expect((await chunk.text()).length).toBeGreaterThan(0);
  });

  test('another version, an asset outside its folder or a missing one is 404', async () => {
    const { stylesheet, script } = await pageAssets();
    const notFound = async (path: string) => (await fetch(preview.url + path)).status;
    expect(await notFound(stylesheet.replace(SLDS, `${SLDS}.0`))).toBe(404);
    expect(await notFound('/slds/styles/salesforce-lightning-design-system.min.css')).toBe(404);
    expect(await notFound(`/slds/${SLDS}/styles/none.css`)).toBe(404);
    expect(await notFound(`/slds/${SLDS}/%2e%2e/package.json`)).toBe(404);
    expect(await notFound(script.replace(/\/build\/[0-9a-f]+\//, '/build/0123456789abcdef/'))).toBe(
      404
    );
    expect(await notFound(script.replace('app.js', 'chunks/none.js'))).toBe(404);
    expect(await notFound(script.replace('app.js', '%2e%2e/package.json'))).toBe(404);
    expect(await notFound('/app.js')).toBe(404);
  });
});
