import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRole } from '../../scripts/local-org/setup';
import { addNamedUser, privateDealsOrg } from '../support/people';
import jsforce, { type Connection } from 'jsforce';
import { connect } from '../support/connect';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import type { WriteContext } from '../../scripts/local-org/store';
import { idSuffix } from '../../scripts/local-org/ids';

const NOW = new Date('2026-11-20T10:00:00Z');

describe('ids', () => {
  it('computes the case-safe suffix as Salesforce does', () => {
    // Worked by hand: each 5-character chunk sets bit i for an upper-case letter at position i.
    expect(idSuffix('001000000000000')).toBe('AAA');
    // '00Q8c' has Q at position 2 → 4 → E; '00000' → A; '0A0bC' has A at 1 and C at 4 → 18 → S.
    expect(idSuffix('00Q8c000000A0bC')).toBe('EAS');
  });
});

describe('sharing by the role hierarchy', () => {
  let org: LocalOrg;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    let ctx: WriteContext;
    ({ org, ctx } = await privateDealsOrg(NOW));
    const bossRole = addRole(org.store, 'Boss', null, ctx).Id;
    const repRole = addRole(org.store, 'Rep', bossRole, ctx).Id;
    // ManagerId says "other" reports to the boss, but their role is outside the boss's branch.
    const user = (name: string, roleId: string | null, managerId: string | null) =>
      addNamedUser(
        org.store,
        name,
        't',
        { profile: 'Standard User', roleId, permissionSets: ['Adoption_Coach_Rep'] },
        ctx,
        { ManagerId: managerId }
      );
    ids.boss = user('boss', bossRole, null);
    ids.rep1 = user('rep1', repRole, ids.boss);
    ids.rep2 = user('rep2', repRole, ids.boss);
    ids.other = user('other', null, ids.boss);
    for (const owner of ['boss', 'rep1', 'rep2', 'other']) {
      const opp = org.store.insert(
        'Opportunity',
        {
          Name: `${owner} deal`,
          StageName: 'Prospecting',
          CloseDate: '2026-12-31',
          OwnerId: ids[owner]
        },
        ctx
      );
      ids[`${owner}Opp`] = opp.Id;
      org.store.insert('Deal_Insight__c', { Opportunity__c: opp.Id, Insight_Key__c: owner }, ctx);
    }
  });
  afterAll(() => org.close());

  /** The `field` of each `object` row `userId` can read, sorted. */
  const visible = async (userId: string, object: string, field: string) =>
    (
      await connect(org, org.tokenFor(userId)).query<Record<string, string>>(
        `SELECT ${field} FROM ${object}`
      )
    ).records
      .map((r) => r[field])
      .sort();
  const deals = (userId: string) => visible(userId, 'Opportunity', 'Name');
  const insights = (userId: string) => visible(userId, 'Deal_Insight__c', 'Insight_Key__c');

  it('shows a rep their own opportunities and a role above them its branch, not ManagerId', async () => {
    // rep1 and rep2 share a role: peers in one role do not see each other's private records.
    expect(await deals(ids.rep1)).toEqual(['rep1 deal']);
    // "other" names the boss as manager but sits outside the boss's role branch.
    expect(await deals(ids.boss)).toEqual(['boss deal', 'rep1 deal', 'rep2 deal']);
    // The sync's user reads them all through View All on Opportunity.
    expect(await deals(org.integrationUserId)).toHaveLength(4);
  });

  it('lets deal insights follow their opportunity', async () => {
    expect(await insights(ids.rep2)).toEqual(['rep2']);
    expect(await insights(ids.boss)).toEqual(['boss', 'rep1', 'rep2']);
  });

  it('logs a rep in by the password flow with their own visibility', async () => {
    const rep = org.users.find((u) => u.userId === ids.rep2)!;
    expect(rep.username).toBe('rep2@t.local');
    const conn = new jsforce.Connection({
      oauth2: { loginUrl: rep.loginUrl, clientId: rep.clientId, clientSecret: rep.clientSecret },
      version: '62.0'
    });
    expect((await conn.login(rep.username, rep.password)).id).toBe(ids.rep2);
    const r = await conn.query<{ Name: string }>('SELECT Name FROM Opportunity');
    expect(r.records.map((o) => o.Name)).toEqual(['rep2 deal']);
  });

  it("hides another rep's record from retrieve", async () => {
    const conn = connect(org, org.tokenFor(ids.rep1));
    await expect(conn.sobject('Opportunity').retrieve(ids.rep2Opp)).rejects.toMatchObject({
      errorCode: 'NOT_FOUND'
    });
    expect((await conn.sobject('Opportunity').retrieve(ids.rep1Opp)).Name).toBe('rep1 deal');
  });
});

describe('API limits and fault injection', () => {
  it('refuses calls past the daily allocation with REQUEST_LIMIT_EXCEEDED', async () => {
    const org = await startLocalOrg({ dailyApiLimit: 2, now: () => NOW });
    try {
      const res = [];
      let refused: unknown;
      for (let i = 0; i < 3; i++) {
        const r = await fetch(`${org.instanceUrl}/services/data/v62.0/limits`, {
          headers: { Authorization: `Bearer ${org.adminToken}` }
        });
        res.push([r.status, r.headers.get('sforce-limit-info')]);
        if (i === 2) refused = await r.json();
      }
      expect(res).toEqual([
        [200, 'api-usage=1/2'],
        [200, 'api-usage=2/2'],
        [403, 'api-usage=3/2']
      ]);
      expect(refused).toMatchObject([{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    } finally {
      await org.close();
    }
  });

  it('fails a seeded share of calls, the same calls for the same seed, and writes nothing then', async () => {
    const run = async () => {
      const org = await startLocalOrg({ faults: { rate: 0.3, seed: 42 }, now: () => NOW });
      const outcomes: string[] = [];
      try {
        for (let i = 0; i < 40; i++) {
          try {
            const r = await fetch(`${org.instanceUrl}/services/data/v62.0/sobjects/Account`, {
              method: 'POST',
              headers: {
                Authorization: `Bearer ${org.adminToken}`,
                'Content-Type': 'application/json'
              },
              body: JSON.stringify({ Name: `A${i}` })
            });
            const body = (await r.json()) as { errorCode?: string }[];
            outcomes.push(r.status === 201 ? 'ok' : `${r.status} ${body[0].errorCode}`);
          } catch {
            outcomes.push('reset');
          }
        }
        const stored = org.store.count('Account');
        return { outcomes, stored };
      } finally {
        await org.close();
      }
    };
    const a = await run();
    const b = await run();
    expect(a.outcomes).toEqual(b.outcomes);
    const ok = a.outcomes.filter((o) => o === 'ok').length;
    expect(ok).toBeGreaterThan(20);
    expect(ok).toBeLessThan(40);
    expect(a.stored).toBe(ok); // a failed call wrote nothing
    expect(new Set(a.outcomes.filter((o) => o !== 'ok'))).toEqual(
      new Set([
        '503 SERVER_UNAVAILABLE',
        '403 REQUEST_LIMIT_EXCEEDED',
        '400 UNABLE_TO_LOCK_ROW',
        'reset'
      ])
    );
  });
});

describe('Bulk API 2.0 ingest, describe and the tree seed', () => {
  let org: LocalOrg;
  let conn: Connection;
  const dir = mkdtempSync(join(tmpdir(), 'adoption-coach-tree-'));
  beforeAll(async () => {
    writeFileSync(
      join(dir, 'plan.json'),
      JSON.stringify([
        { sobject: 'Account', saveRefs: true, resolveRefs: false, files: ['Account.json'] },
        { sobject: 'Contact', saveRefs: false, resolveRefs: true, files: ['Contact.json'] }
      ])
    );
    writeFileSync(
      join(dir, 'Account.json'),
      JSON.stringify({
        records: [
          { attributes: { type: 'Account', referenceId: 'AccountRef1' }, Name: 'Globex' },
          { attributes: { type: 'Account', referenceId: 'AccountRef2' }, Name: 'Initech' }
        ]
      })
    );
    writeFileSync(
      join(dir, 'Contact.json'),
      JSON.stringify({
        records: [
          {
            attributes: { type: 'Contact', referenceId: 'ContactRef1' },
            LastName: 'Gibbons',
            Title: 'CFO',
            AccountId: '@AccountRef2'
          }
        ]
      })
    );
    org = await startLocalOrg({ seed: `tree:${join(dir, 'plan.json')}`, now: () => NOW });
    conn = connect(org);
  });
  afterAll(async () => {
    await org.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads an sf data tree export with its references', async () => {
    const r = await conn.query<{ LastName: string; Account: { Name: string } }>(
      'SELECT LastName, Account.Name FROM Contact'
    );
    expect(r.records.map((c) => [c.LastName, c.Account.Name])).toEqual([['Gibbons', 'Initech']]);
    expect(org.summary.join('\n')).toMatch(/Account: 2, Contact: 1/);
  });

  it('refuses a tree file with an unknown reference, naming file, record and field', async () => {
    writeFileSync(
      join(dir, 'Contact.json'),
      JSON.stringify({ records: [{ LastName: 'X', AccountId: '@Nope' }] })
    );
    await expect(startLocalOrg({ seed: `tree:${join(dir, 'plan.json')}` })).rejects.toThrow(
      /Contact\.json: records\[0\]\.AccountId: unknown reference @Nope/
    );
  });

  it('describes objects with the fields jsforce and the sync read', async () => {
    const d = await conn.sobject('Opportunity').describe();
    const f = Object.fromEntries(d.fields.map((x) => [x.name, x]));
    expect(d.keyPrefix).toBe('006');
    expect(f.AccountId).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
      relationshipName: 'Account'
    });
    expect(f.IsClosed).toMatchObject({ type: 'boolean', createable: false, updateable: false });
    expect(f.StageName.picklistValues!.map((p: { value: string }) => p.value)).toEqual([
      'Prospecting',
      'Qualification',
      'Needs Analysis',
      'Value Proposition',
      'Id. Decision Makers',
      'Perception Analysis',
      'Proposal/Price Quote',
      'Negotiation/Review',
      'Closed Won',
      'Closed Lost'
    ]);
    expect(d.childRelationships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          childSObject: 'OpportunityContactRole',
          field: 'OpportunityId',
          relationshipName: 'OpportunityContactRoles'
        })
      ])
    );
    const snap = await conn.sobject('Adoption_Snapshot__c').describe();
    expect(snap.custom).toBe(true);
    expect(snap.fields.find((x) => x.name === 'Snapshot_Key__c')).toMatchObject({
      externalId: true
    });
  });

  it('upserts CSV by external id through a Bulk API 2.0 ingest job, with per-row results', async () => {
    const user = org.adminUserId;
    const rows = [
      { Snapshot_Key__c: 'K1', User__c: user, Completeness_Score__c: 50 },
      { Snapshot_Key__c: 'K2', User__c: user, Completeness_Score__c: 60 },
      { Snapshot_Key__c: 'K3', User__c: 'not-an-id', Completeness_Score__c: 70 }
    ];
    const upsert = () =>
      conn.bulk2.loadAndWaitForResults({
        object: 'Adoption_Snapshot__c',
        operation: 'upsert',
        externalIdFieldName: 'Snapshot_Key__c',
        input: rows,
        pollInterval: 50
      });
    const first = await upsert();
    expect(
      first.successfulResults.map((r) => [
        (r as Record<string, unknown>).Snapshot_Key__c,
        r.sf__Created
      ])
    ).toEqual([
      ['K1', 'true'],
      ['K2', 'true']
    ]);
    expect(first.failedResults).toHaveLength(1);
    expect(first.failedResults[0].sf__Error).toMatch(/^MALFORMED_ID|^INVALID_CROSS_REFERENCE_KEY/);
    const second = await upsert();
    expect(second.successfulResults.map((r) => r.sf__Created)).toEqual(['false', 'false']);
    expect(second.successfulResults.map((r) => r.sf__Id)).toEqual(
      first.successfulResults.map((r) => r.sf__Id)
    );
    expect((await conn.query('SELECT COUNT() FROM Adoption_Snapshot__c')).totalSize).toBe(2);
  });
});
