/**
 * The team seed's teams shape (`team:<reps>x<open deals>x<teams>`), read back through the API
 * as the org's administrator.
 */
import jsforce, { type Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';

let org: LocalOrg;
let conn: Connection;

beforeAll(async () => {
  org = await startLocalOrg({ seed: 'team:7x14x3' });
  conn = new jsforce.Connection({
    instanceUrl: org.instanceUrl,
    accessToken: org.adminToken,
    version: '62.0'
  });
});

afterAll(async () => {
  await org?.close();
});

type Row = Record<string, unknown> & { Manager?: { Name: string } };

test('splits the reps into teams of consecutive reps, each under its own manager below the VP', async () => {
  expect(org.summary).toContain('team seed: 3 managers, 7 reps, 154 opportunities (14 open)');
  const managers = (
    await conn.query<Row>(
      "SELECT Name, Manager.Name FROM User WHERE Title = 'Sales Manager' ORDER BY Name"
    )
  ).records.map((u) => [u.Name, u.Manager?.Name]);
  expect(managers).toEqual([
    ['Max Moreau', 'Vera Stone'],
    ['Mgr02 Lead', 'Vera Stone'],
    ['Mgr03 Lead', 'Vera Stone']
  ]);
  // Rep r (0-based) joins team floor(r × 3 / 7): reps 0–2 → 0, 3–4 → 1, 5–6 → 2.
  const reps = (
    await conn.query<Row>(
      "SELECT Name, Manager.Name FROM User WHERE Title = 'Account Executive' ORDER BY Name"
    )
  ).records.map((u) => `${u.Name}: ${u.Manager?.Name}`);
  expect(reps).toEqual([
    'Rep001 Seller: Max Moreau',
    'Rep002 Seller: Max Moreau',
    'Rep003 Seller: Max Moreau',
    'Rep004 Seller: Mgr02 Lead',
    'Rep005 Seller: Mgr02 Lead',
    'Rep006 Seller: Mgr03 Lead',
    'Rep007 Seller: Mgr03 Lead'
  ]);
  // 14 open deals over 7 reps: 2 each, plus 20 closed each (7 × 22 = 154).
  const open = await conn.query('SELECT COUNT() FROM Opportunity WHERE IsClosed = false');
  expect(open.totalSize).toBe(14);
});

test('refuses more teams than reps, naming the seed and its shape', async () => {
  await expect(startLocalOrg({ seed: 'team:2x4x3' })).rejects.toThrow(
    "Seed 'team:2x4x3': expected team:<reps>x<open deals>[x<teams>] with 1 ≤ teams ≤ reps"
  );
});
