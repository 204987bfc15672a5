import type { Connection } from 'jsforce';
import { connect } from '../support/connect';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';

const NOW = new Date('2026-11-20T10:00:00Z');

describe('local org through jsforce: paging, bulk, composite', () => {
  let org: LocalOrg;
  let conn: Connection;
  let tick = 0;
  beforeAll(async () => {
    // A clock that moves a second per request, so history rows have distinct times.
    org = await startLocalOrg({ now: () => new Date(NOW.getTime() + 1000 * tick++) });
    conn = connect(org);
    const ctx = { userId: org.adminUserId, now: NOW, system: true };
    for (let i = 0; i < 12000; i++) {
      org.store.insert('Account', { Name: `Account ${String(i).padStart(5, '0')}` }, ctx);
    }
  });
  afterAll(() => org.close());

  it('pages query results by nextRecordsUrl and autoFetch reads more than 10,000', async () => {
    const first = await conn.query('SELECT Id, Name FROM Account');
    expect(first.totalSize).toBe(12000);
    expect(first.records).toHaveLength(2000);
    expect(first.done).toBe(false);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g/);
    const all = await conn.query('SELECT Id, Name FROM Account ORDER BY Name DESC').run({
      autoFetch: true,
      maxFetch: 20000
    });
    expect(all.records.length).toBe(12000);
    expect(all.records[0].Name).toBe('Account 11999');
    expect(new Set(all.records.map((r) => String(r.Id))).size).toBe(12000);
  });

  it('counts API calls in Sforce-Limit-Info and /limits', async () => {
    const before = await conn.request<{ DailyApiRequests: { Max: number; Remaining: number } }>(
      '/services/data/v62.0/limits'
    );
    await conn.query('SELECT COUNT() FROM Account');
    const after = await conn.request<{ DailyApiRequests: { Max: number; Remaining: number } }>(
      '/services/data/v62.0/limits'
    );
    expect(before.DailyApiRequests.Max).toBe(15000);
    expect(before.DailyApiRequests.Remaining - after.DailyApiRequests.Remaining).toBe(2);
    const usage = (conn.limitInfo as { apiUsage?: { used: number; limit: number } }).apiUsage!;
    expect(usage.limit).toBe(15000);
    expect(usage.used).toBe(15000 - after.DailyApiRequests.Remaining);
  });

  it('upserts 1,000 records by external id twice without duplicates', async () => {
    const users = await conn.query<{ Id: string }>('SELECT Id FROM User');
    const records = Array.from({ length: 1000 }, (_, i) => ({
      attributes: { type: 'Adoption_Snapshot__c' },
      Snapshot_Key__c: `${users.records[0].Id}:${i}`,
      User__c: users.records[0].Id,
      Completeness_Score__c: i % 101
    }));
    const run = async () => {
      const results: { success: boolean; created: boolean }[] = [];
      for (let i = 0; i < records.length; i += 200) {
        results.push(
          ...(await conn.request<{ success: boolean; created: boolean }[]>({
            method: 'PATCH',
            url: '/services/data/v62.0/composite/sobjects/Adoption_Snapshot__c/Snapshot_Key__c',
            body: JSON.stringify({ allOrNone: false, records: records.slice(i, i + 200) }),
            headers: { 'Content-Type': 'application/json' }
          }))
        );
      }
      return results;
    };
    const first = await run();
    expect(first.filter((r) => r.success && r.created)).toHaveLength(1000);
    const second = await run();
    expect(second.filter((r) => r.success && !r.created)).toHaveLength(1000);
    const count = await conn.query('SELECT COUNT() FROM Adoption_Snapshot__c');
    expect(count.totalSize).toBe(1000);
  });

  it('reports partial failures per record, and all-or-none keeps nothing', async () => {
    const body = (allOrNone: boolean) =>
      JSON.stringify({
        allOrNone,
        records: [
          { attributes: { type: 'Nudge_Response__c' }, Nudge_Key__c: 'A:1', Action__c: 'Fixed' },
          { attributes: { type: 'Nudge_Response__c' }, Nudge_Key__c: 'A:2', Action__c: 'Ignored' },
          { attributes: { type: 'Nudge_Response__c' }, Nudge_Key__c: 'A:3', Bogus__c: 1 }
        ]
      });
    const post = (allOrNone: boolean) =>
      conn.request<{ success: boolean; errors: { statusCode: string; fields: string[] }[] }[]>({
        method: 'POST',
        url: '/services/data/v62.0/composite/sobjects',
        body: body(allOrNone),
        headers: { 'Content-Type': 'application/json' }
      });
    const all = await post(true);
    expect(all.map((r) => r.errors[0]?.statusCode)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'INVALID_FIELD'
    ]);
    expect((await conn.query('SELECT COUNT() FROM Nudge_Response__c')).totalSize).toBe(0);
    const partial = await post(false);
    expect(partial.map((r) => r.success)).toEqual([true, false, false]);
    expect(partial[1].errors[0].fields).toEqual(['Action__c']);
    expect((await conn.query('SELECT COUNT() FROM Nudge_Response__c')).totalSize).toBe(1);
  });

  it("answers with Salesforce's error codes", async () => {
    await expect(conn.query('SELECT Nope FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD'
    });
    await expect(conn.query('SELECT Id FROM Nope__c')).rejects.toMatchObject({
      errorCode: 'INVALID_TYPE'
    });
    await expect(conn.query('SELECT Id FROM Account FOR UPDATE')).rejects.toMatchObject({
      errorCode: 'MALFORMED_QUERY'
    });
    await expect(conn.sobject('Opportunity').create({ Name: 'x' })).rejects.toMatchObject({
      errorCode: 'REQUIRED_FIELD_MISSING'
    });
    const key = { Snapshot_Key__c: 'dup' };
    await conn.sobject('Adoption_Snapshot__c').create(key);
    await expect(conn.sobject('Adoption_Snapshot__c').create(key)).rejects.toMatchObject({
      errorCode: 'DUPLICATE_VALUE'
    });
    await expect(conn.sobject('Account').retrieve('001000000000000AAA')).rejects.toMatchObject({
      errorCode: 'NOT_FOUND'
    });
  });

  it('writes OpportunityHistory on stage, amount and close-date changes', async () => {
    const created = await conn.sobject('Opportunity').create({
      Name: 'History deal',
      StageName: 'Prospecting',
      CloseDate: '2026-12-31',
      Amount: 1000
    });
    const id = (created as { id: string }).id;
    await conn.sobject('Opportunity').update({ Id: id, CloseDate: '2027-01-31' });
    await conn.sobject('Opportunity').update({ Id: id, NextStep: 'Call' });
    await conn.sobject('Opportunity').update({ Id: id, StageName: 'Closed Won' });
    const rows = await conn.query<{ StageName: string; CloseDate: string; Probability: number }>(
      `SELECT StageName, CloseDate, Probability FROM OpportunityHistory WHERE OpportunityId = '${id}' ORDER BY CreatedDate`
    );
    expect(rows.records.map((r) => [r.StageName, r.CloseDate, r.Probability])).toEqual([
      ['Prospecting', '2026-12-31', 10],
      ['Prospecting', '2027-01-31', 10],
      ['Closed Won', '2027-01-31', 100]
    ]);
    const opp = await conn.sobject('Opportunity').retrieve(id);
    expect([opp.IsClosed, opp.IsWon, opp.ForecastCategoryName]).toEqual([true, true, 'Closed']);
  });
});

describe('local org Bulk API 2.0 query', () => {
  let org: LocalOrg;
  beforeAll(async () => {
    org = await startLocalOrg({ now: () => NOW });
    const ctx = { userId: org.adminUserId, now: NOW, system: true };
    for (let i = 0; i < 100000; i++) {
      org.store.insert('Contact', { LastName: `Contact ${i}`, Title: i % 2 ? 'CFO' : null }, ctx);
    }
  });
  afterAll(() => org.close());

  it('returns 100,000 rows as CSV pages with Sforce-Locator', async () => {
    const conn = connect(org);
    const records = (await conn.bulk2.query('SELECT Id, LastName, Title FROM Contact', {
      pollInterval: 50
    })) as unknown as { on: (e: string, f: (...a: unknown[]) => void) => void };
    const rows: Record<string, string>[] = [];
    await new Promise<void>((resolve, reject) => {
      records.on('record', (r) => rows.push(r as Record<string, string>));
      records.on('error', reject);
      records.on('end', () => resolve());
    });
    expect(rows.length).toBe(100000);
    expect(rows[1]).toMatchObject({ LastName: 'Contact 1', Title: 'CFO' });
    expect(new Set(rows.map((r) => r.Id)).size).toBe(100000);
  });
});
