/**
 * The REST calls the digest and the quick-win proposals make through jsforce, against a local
 * org: a query read to its last page, queries by id in chunks of 200, an upsert by external id
 * 200 rows a call, and the rollout's audience.
 */
import type { Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import type { ProfileName } from '../../scripts/local-org/setup';
import { addNamedUser } from '../support/people';
import {
  audienceUsers,
  idList,
  queryAll,
  queryByIds,
  upsertByKey
} from '../../scripts/sync/org-rest';
import { connect } from './org';

const NOW = new Date('2026-11-20T18:00:00Z');
const OBJECT = 'Governance_Measure__c';

describe('the REST calls of the digest and the quick wins', () => {
  let org: LocalOrg;
  let conn: Connection;
  const ctx = () => ({ userId: org.integrationUserId, now: NOW });

  beforeAll(async () => {
    org = await startLocalOrg({ seed: 'none', now: () => NOW });
    conn = connect(org);
  });
  afterAll(() => org.close());

  it('reads a query to its last page, without the rows’ attributes', async () => {
    // 2,001 rows: a page of 2,000 (the REST query's page) and one of 1.
    for (let i = 0; i < 2001; i++)
      org.store.insert(
        OBJECT,
        { Measure_Key__c: `Q${String(i).padStart(4, '0')}`, Met__c: i, Counted__c: 1 },
        ctx()
      );
    const rows = await queryAll(
      conn,
      `SELECT Measure_Key__c, Met__c, Owner.Name FROM ${OBJECT} WHERE Measure_Key__c LIKE 'Q%' ORDER BY Measure_Key__c`
    );
    expect(rows.length).toBe(2001);
    // Only the fields asked for; a parent's fields stay nested under its relationship.
    expect(Object.keys(rows[0]).sort()).toEqual(['Measure_Key__c', 'Met__c', 'Owner']);
    expect([rows[0].Measure_Key__c, rows[2000].Measure_Key__c, rows[2000].Met__c]).toEqual([
      'Q0000',
      'Q2000',
      2000
    ]);
    expect((rows[2000].Owner as { Name: string }).Name).toBe('Adoption Coach Integration');
  });

  it('quotes ids for an IN list and refuses anything that is not an id', () => {
    expect(idList(['005000000000001', '005000000000002AAA'])).toBe(
      "'005000000000001','005000000000002AAA'"
    );
    expect(idList([])).toBe('');
    // 14 and 19 characters, and an injection attempt.
    expect(() => idList(['00500000000000'])).toThrow('not a Salesforce id: 00500000000000');
    expect(() => idList(['005000000000001AAAA'])).toThrow(
      'not a Salesforce id: 005000000000001AAAA'
    );
    expect(() => idList(["005000000000001' OR Id != '"])).toThrow(
      "not a Salesforce id: 005000000000001' OR Id != '"
    );
  });

  it('queries 201 ids as 200 and 1, and upserts 201 rows as 200 and 1, naming a refused one', async () => {
    const rows = Array.from({ length: 201 }, (_, i) => ({
      Measure_Key__c: `U${String(i).padStart(3, '0')}`,
      // Row 5's name has 41 characters (Measure__c holds 40): refused alone (allOrNone false),
      // the other 199 of its call written.
      Measure__c: i === 5 ? 'M'.repeat(41) : `Upsert ${i}`,
      Met__c: i,
      Counted__c: 300
    }));
    const calls = org.server.apiCalls;
    const failures = await upsertByKey(conn, OBJECT, 'Measure_Key__c', rows);
    // Two calls: 200 rows and 1.
    expect(org.server.apiCalls - calls).toBe(2);
    expect(failures).toEqual([
      {
        key: 'U005',
        errorCode: 'STRING_TOO_LONG',
        message: `Measure: data value too large: ${'M'.repeat(40)}... (max length=40)`
      }
    ]);
    // The refused row, fixed, sent again with 199 others already held: 200 rows, one call.
    const again = org.server.apiCalls;
    expect(
      await upsertByKey(conn, OBJECT, 'Measure_Key__c', [
        ...rows.slice(0, 5),
        { ...rows[5], Measure__c: 'Upsert 5' },
        ...rows.slice(6, 200)
      ])
    ).toEqual([]);
    expect(org.server.apiCalls - again).toBe(1);
    const written = await queryAll(
      conn,
      `SELECT Id, Measure_Key__c, Measure__c FROM ${OBJECT} WHERE Counted__c = 300 ORDER BY Measure_Key__c`
    );
    expect(written.map((r) => r.Measure__c)).toEqual(rows.map((_, i) => `Upsert ${i}`));

    const lists: number[] = [];
    const byId = await queryByIds(
      conn,
      written.map((r) => String(r.Id)),
      (list) => {
        lists.push(list.split(',').length);
        return `SELECT Measure_Key__c FROM ${OBJECT} WHERE Id IN (${list}) ORDER BY Measure_Key__c`;
      }
    );
    expect(lists).toEqual([200, 1]);
    expect(byId.map((r) => r.Measure_Key__c)).toEqual(rows.map((r) => r.Measure_Key__c));
    expect(await queryByIds(conn, [], () => 'never asked')).toEqual([]);
  });

  it('gives the audience: active holders of its permission sets or users of its profiles', async () => {
    const admin = { userId: org.adminUserId, now: NOW };
    const user = (
      name: string,
      profile: ProfileName,
      sets: string[],
      extra: Record<string, unknown> = {}
    ) => addNamedUser(org.store, name, 'a', { profile, permissionSets: sets }, admin, extra);
    // In the audience: Ana (the Rep set and the profile), Ben (the Rep set), Eva (the profile).
    // Out: Cy (inactive), Dan (neither), the administrator and the sync's user (other profiles
    // and sets).
    const ana = user('Ana', 'Standard User', ['Adoption_Coach_Rep']);
    const ben = user('Ben', 'Minimum Access - Salesforce', ['Adoption_Coach_Rep'], {
      ManagerId: ana
    });
    user('Cy', 'Standard User', ['Adoption_Coach_Rep'], { IsActive: false });
    user('Dan', 'Minimum Access - Salesforce', []);
    const eva = user('Eva', 'Standard User', []);
    const people = await audienceUsers(conn, {
      permissionSets: ['Adoption_Coach_Rep'],
      profiles: ['Standard User'],
      roles: []
    });
    const expected = [
      { Id: ana, Name: 'Ana', Email: 'Ana@a.local', ManagerId: null },
      { Id: ben, Name: 'Ben', Email: 'Ben@a.local', ManagerId: ana },
      { Id: eva, Name: 'Eva', Email: 'Eva@a.local', ManagerId: null }
    ].sort((a, b) => (a.Id < b.Id ? -1 : 1));
    expect(people).toEqual(expected);
  });
});
