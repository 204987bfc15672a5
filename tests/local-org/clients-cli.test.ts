/**
 * The pinned Salesforce CLI (@salesforce/cli 2.136.8, tools/sf-cli/node_modules/.bin/sf) against one local org,
 * offline, with a throw-away HOME so it writes nothing outside the test: login with an access
 * token, query (REST and Bulk API 2.0), create and update a record, import a tree with a plan,
 * upsert and delete from CSV files through Bulk API 2.0, describe, assign a permission set, and
 * list limits. Each command
 * must succeed, and its effect is read back from the store.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_USERNAME, startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { loginAsAdmin, runSf } from '../support/sf-cli';

jest.setTimeout(240_000);

describe('local org through the Salesforce CLI', () => {
  let org: LocalOrg;
  let home: string;
  const accounts = () => [...org.store.scan('Account')];
  let login: { status: number; result: Record<string, unknown> };
  // The tests run in order, each on the records the ones before it wrote: the account the CLI
  // creates (`id`) and the tree's records by reference id (`ids`).
  let id: string;
  let ids: Record<string, string>;

  /** Runs `sf <command> -o local <flags>` as the administrator; it must succeed. */
  async function sf(command: string, ...flags: string[]): Promise<Record<string, unknown>> {
    const out = await runSf(home, org.adminToken, [...command.split(' '), '-o', 'local', ...flags]);
    expect(out.status).toBe(0);
    return out.result;
  }

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'local-org-sf-'));
    org = await startLocalOrg();
    login = await loginAsAdmin(org, home, 'local');
  });
  afterAll(async () => {
    await org.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('logs in with an access token', () => {
    // The CLI reads the username from userinfo and the User record.
    expect(login.status).toBe(0);
    expect(login.result.username).toBe(ADMIN_USERNAME);
    expect(login.result.orgId).toMatch(/^00D/);
  });

  it('creates, updates and queries a record', async () => {
    const created = await sf(
      'data create record',
      '-s',
      'Account',
      '-v',
      "Name='Cli Co' Phone=555"
    );
    id = String(created.id);
    expect(org.store.getById(id)!.Name).toBe('Cli Co');

    await sf(
      'data update record',
      '-s',
      'Account',
      '-i',
      id,
      '-v',
      "Phone='777' Description='from the CLI'"
    );
    expect(org.store.getById(id)!.Phone).toBe('777');
    expect(org.store.getById(id)!.Description).toBe('from the CLI');

    const query = await sf('data query', '-q', 'SELECT Id, Name, Phone FROM Account');
    expect((query.records as { Name: string }[]).map((r) => r.Name)).toEqual(['Cli Co']);
  });

  it('imports a tree with a plan, the second file pointing at the first', async () => {
    writeFileSync(
      join(home, 'Account.json'),
      JSON.stringify({
        records: [{ attributes: { type: 'Account', referenceId: 'AccRef1' }, Name: 'Tree One' }]
      })
    );
    writeFileSync(
      join(home, 'Contact.json'),
      JSON.stringify({
        records: [
          {
            attributes: { type: 'Contact', referenceId: 'ConRef1' },
            LastName: 'Leaf',
            AccountId: '@AccRef1'
          }
        ]
      })
    );
    writeFileSync(
      join(home, 'plan.json'),
      JSON.stringify([
        { sobject: 'Account', files: ['Account.json'] },
        { sobject: 'Contact', files: ['Contact.json'] }
      ])
    );
    const tree = (await sf('data import tree', '--plan', 'plan.json')) as unknown as {
      refId: string;
      id: string;
    }[];
    ids = Object.fromEntries(tree.map((r) => [r.refId, r.id]));
    // The plan's second file points at the first file's record through @AccRef1.
    expect(org.store.getById(ids.ConRef1)!.AccountId).toBe(ids.AccRef1);
  });

  it('upserts and deletes from CSV files through Bulk API 2.0', async () => {
    // Upsert on Id from CSV: the row without an Id inserts, the row with one updates.
    writeFileSync(join(home, 'upsert.csv'), `Id,Name\n,Bulk New\n${id},Cli Co Renamed\n`);
    const upsert = await sf(
      'data upsert bulk',
      '-s',
      'Account',
      '-i',
      'Id',
      '-f',
      'upsert.csv',
      '--wait',
      '1'
    );
    expect((upsert.jobInfo as { numberRecordsFailed: number }).numberRecordsFailed).toBe(0);
    expect(org.store.getById(id)!.Name).toBe('Cli Co Renamed');
    const inserted = accounts().find((a) => a.Name === 'Bulk New')!;
    expect(inserted).toBeDefined();

    writeFileSync(join(home, 'delete.csv'), `Id\n${inserted.Id}\n`);
    await sf('data delete bulk', '-s', 'Account', '-f', 'delete.csv', '--wait', '1');
    expect(org.store.getById(inserted.Id)).toBeUndefined();
  });

  it('exports a bulk query into a CSV file', async () => {
    // This CLI's bulk query is `data export bulk` (Bulk API 2.0), into a CSV file.
    const exported = await sf(
      'data export bulk',
      '-q',
      'SELECT Id, Name FROM Account ORDER BY Name',
      '--output-file',
      'out.csv',
      '--wait',
      '1'
    );
    // Left: Cli Co Renamed and Tree One (Bulk New was deleted).
    expect(exported.totalSize).toBe(2);
    expect(readFileSync(join(home, 'out.csv'), 'utf8').trim().split('\n').slice(1)).toEqual([
      `${id},Cli Co Renamed`,
      `${ids.AccRef1},Tree One`
    ]);
  });

  it('describes an object and assigns a permission set', async () => {
    const describe = await sf('sobject describe', '-s', 'Account');
    expect((describe.fields as { name: string }[]).map((f) => f.name)).toContain('Name');

    // Assigning a permission set writes a PermissionSetAssignment for the logged-in user.
    await sf('org assign permset', '-n', 'Adoption_Coach_Rep');
    const rep = [...org.store.scan('PermissionSet')].find((p) => p.Name === 'Adoption_Coach_Rep')!;
    const assigned = [...org.store.scan('PermissionSetAssignment')].filter(
      (a) => a.AssigneeId === org.adminUserId && a.PermissionSetId === rep.Id
    );
    expect(assigned).toHaveLength(1);
  });

  it('lists limits that count the calls made', async () => {
    const limits = (await sf('org list limits')) as unknown as {
      name: string;
      max: number;
      remaining: number;
    }[];
    const api = limits.find((l) => l.name === 'DailyApiRequests')!;
    expect(api.max).toBe(15000);
    // Every one of the eleven CLI calls above reached the API at least once.
    expect(api.remaining).toBeLessThan(15000 - 11);
  });
});
