/**
 * `npm run sync -- … --digest <dir>` as an admin runs it, against a demo org the test then
 * queries: one file per user of the audience, and one parsed and checked against the org.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { runCli } from './cli';
import { connectAsAdmin, queryAll } from './org';

let org: LocalOrg;
let dir: string;

beforeAll(async () => {
  org = await startLocalOrg({ seed: 'demo' });
  dir = mkdtempSync(join(tmpdir(), 'digest-cli-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await org.close();
});

test('--digest writes one .eml per audience user; the rung in one is the org’s', async () => {
  const run = await runCli(org, ['--digest', dir, '--digest-from', 'coach@example.com']);
  expect(run.stderr).toMatch(/quick wins: \d+ proposed from \d+ deals won in the last 7 days/);
  expect(run.status).toBe(0);
  const admin = connectAsAdmin(org);
  const query = (soql: string) => queryAll(admin, soql);
  const audience = await query(
    "SELECT Id FROM User WHERE IsActive = true AND Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name IN ('Adoption_Coach_Rep', 'Adoption_Coach_Manager'))"
  );
  expect(run.stderr).toContain(`digest: ${audience.length} e-mails in ${dir}`);
  expect(readdirSync(dir).sort()).toEqual(audience.map((u) => `${u.Id}.eml`).sort());

  // runCli runs as of 2026-11-20: the latest snapshot on or before that day gives the rung.
  const [snapshot] = await query(
    'SELECT User__c, Adoption_Stage__c FROM Adoption_Snapshot__c WHERE Period_Start__c <= 2026-11-20 ORDER BY Period_Start__c DESC, User__c LIMIT 1'
  );
  const eml = readFileSync(join(dir, `${snapshot.User__c}.eml`), 'utf8');
  const at = eml.indexOf('\r\n\r\n');
  const [head, body] = [eml.slice(0, at), eml.slice(at + 4)];
  expect(head.split('\r\n')).toContain('From: coach@example.com');
  expect(head.split('\r\n')).toContain('Subject: Your Adoption Coach week, 2026-11-20');
  expect(body.split('\r\n')).toContain(
    `Your rung on the adoption ladder: ${snapshot.Adoption_Stage__c}.`
  );
});
