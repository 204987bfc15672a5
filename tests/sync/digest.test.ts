/**
 * The weekly digest on the demo org after a sync: one .eml per user of the audience; one parsed
 * and its figures checked against the org, read with plain queries as an administrator.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { loadConfigFile, readLabels } from '../../scripts/build/load-config';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { writeDigests } from '../../scripts/sync/digest';
import { runSync } from '../../scripts/sync/sync';
import { LABELS_FILE } from '../../scripts/sync/texts';
import { connect, connectAsAdmin, queryAll } from './org';

const config = loadConfigFile();
const labels = readLabels(LABELS_FILE);
const ASOF = new Date().toISOString().slice(0, 10);
const AUDIENCE = {
  permissionSets: ['Adoption_Coach_Rep', 'Adoption_Coach_Manager'],
  profiles: [],
  roles: []
};
let org: LocalOrg;
let sync: Connection;
let admin: Connection;
let dir: string;

const day = (n: number) =>
  new Date(Date.parse(`${ASOF}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

beforeAll(async () => {
  org = await startLocalOrg({ seed: 'demo' });
  sync = connect(org);
  admin = connectAsAdmin(org);
  await runSync(sync, { config, asOf: ASOF });
  dir = mkdtempSync(join(tmpdir(), 'digest-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await org.close();
});

const all = (soql: string) => queryAll(admin, soql);

/** Headers (names lower-cased) and body lines of an .eml file. */
function parseEml(text: string): { headers: Record<string, string>; body: string[] } {
  const at = text.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, at).split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: text.slice(at + 4).split('\r\n') };
}

test('one .eml per audience user; a rep’s rung, top fix, message of the week and quick win as in the org', async () => {
  // The sponsor's message to everyone, and an approved quick win, live this week.
  const vision = await admin.sobject('Adoption_Message__c').create({
    Name: 'Every deal gets a next step',
    Body__c: 'From this week, each open deal carries the next step agreed with the customer.',
    Kind__c: 'Vision',
    Status__c: 'Published',
    Audience_Type__c: 'Everyone',
    Start_Date__c: day(-1),
    End_Date__c: day(6)
  });
  const win = await admin.sobject('Adoption_Message__c').create({
    Name: 'A clean win for the team',
    Body__c: 'Next step kept, decision maker known, no slip.',
    Kind__c: 'Quick_Win',
    Status__c: 'Published',
    Audience_Type__c: 'Everyone',
    Start_Date__c: day(-2),
    End_Date__c: day(5)
  });
  expect([vision.success, win.success]).toEqual([true, true]);

  const result = await writeDigests(sync, config, {
    asOf: ASOF,
    dir,
    audience: AUDIENCE,
    from: 'Adoption Coach <coach@example.com>',
    now: new Date('2026-03-09T06:00:00Z')
  });

  // The audience: active holders of the Rep or Manager permission set, each with an e-mail.
  const holders = await all(
    "SELECT Id, Email FROM User WHERE IsActive = true AND Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name IN ('Adoption_Coach_Rep', 'Adoption_Coach_Manager'))"
  );
  expect(holders.length).toBeGreaterThan(0);
  expect(result.skipped).toEqual([]);
  expect(readdirSync(dir).sort()).toEqual(holders.map((h) => `${h.Id}.eml`).sort());

  // A rep with a flagged open deal: the one with the heaviest flags, worked out here.
  const insights = await all(
    'SELECT Opportunity__c, Opportunity__r.Name, Opportunity__r.OwnerId, Opportunity__r.Amount, Risk_Flags__c FROM Deal_Insight__c WHERE Opportunity__r.IsClosed = false AND Risk_Flags__c != null'
  );
  const weight = (flags: string) =>
    flags.split(';').reduce((s, f) => s + config.risk.flags[f as 'STALE'].weight, 0);
  const byOwner = new Map<string, Record<string, unknown>[]>();
  for (const i of insights) {
    const owner = String((i.Opportunity__r as { OwnerId: string }).OwnerId);
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), i]);
  }
  const repId = String(holders.find((h) => byOwner.has(String(h.Id)))!.Id);
  const top = byOwner.get(repId)!.sort((a, b) => {
    const oa = a.Opportunity__r as { Amount: number | null };
    const ob = b.Opportunity__r as { Amount: number | null };
    return (
      weight(String(b.Risk_Flags__c)) - weight(String(a.Risk_Flags__c)) ||
      (ob.Amount ?? 0) - (oa.Amount ?? 0) ||
      String(a.Opportunity__c).localeCompare(String(b.Opportunity__c))
    );
  })[0];
  const topFlag = String(top.Risk_Flags__c)
    .split(';')
    .sort(
      (a, b) =>
        config.risk.flags[b as 'STALE'].weight - config.risk.flags[a as 'STALE'].weight ||
        a.localeCompare(b)
    )[0];
  const [user] = await all(`SELECT Name, Email FROM User WHERE Id = '${repId}'`);
  const [snapshot] = await all(
    `SELECT Adoption_Stage__c FROM Adoption_Snapshot__c WHERE User__c = '${repId}' ORDER BY Period_Start__c DESC LIMIT 1`
  );

  const { headers, body } = parseEml(readFileSync(join(dir, `${repId}.eml`), 'utf8'));
  expect(headers.to).toBe(`"${user.Name}" <${user.Email}>`);
  expect(headers.from).toBe('Adoption Coach <coach@example.com>');
  expect(headers.subject).toBe(`Your Adoption Coach week, ${ASOF}`);
  expect(headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(headers.date).toBe('Mon, 09 Mar 2026 06:00:00 +0000');
  const text = body.join(' ');
  expect(body[0]).toBe(`Hello ${user.Name},`);
  expect(body).toContain(`Your rung on the adoption ladder: ${snapshot.Adoption_Stage__c}.`);
  const question = labels.get(config.risk.flags[topFlag as 'STALE'].questionLabel)!;
  expect(text).toContain(
    `Your top fix this week, on ${(top.Opportunity__r as { Name: string }).Name}: ${question}`
      .split(/\s+/)
      .join(' ')
  );
  const section = (title: string) => body[body.indexOf(title) + 2];
  expect(section('Message of the week')).toBe('Every deal gets a next step');
  expect(section("Your team's quick win")).toBe('A clean win for the team');
  // No line longer than 76 characters (plain-text mail wraps).
  expect(Math.max(...body.map((l) => l.length))).toBeLessThanOrEqual(76);
});
