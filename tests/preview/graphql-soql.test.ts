import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { gqlTemplates } from '../../scripts/metadata/graphql';
import { OrgClient } from '../../scripts/preview/org-client';
import { runGraphql, translateGraphql } from '../../scripts/preview/platform/graphql-soql';

const LWC = join(__dirname, '../../force-app/main/default/lwc');

function componentQueries(name: string): string[] {
  return gqlTemplates(readFileSync(join(LWC, name, `${name}.js`), 'utf8')).map((t) => t.text);
}

// Values for every variable the components declare, as their wires pass them.
const VARIABLES = {
  userId: '0058c0000000004AAA',
  repId: '0058c0000000004AAA',
  managerId: '0058c0000000003AAA',
  managerIds: ['0058c0000000003AAA'],
  teamManagerIds: ['0058c0000000003AAA'],
  recordId: '0068c0000000001AAA',
  recordKey: '0068c0000000001AAA',
  asOf: '2026-11-20',
  since: '2026-09-01',
  teamsFrom: '2026-11-14',
  until: '2026-11-21T00:00:00.000Z',
  first: 8,
  after: null
};

/** VARIABLES, with a DateTime where the query declares one ($since: DateTime). */
function variablesFor(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...VARIABLES };
  for (const m of text.matchAll(/\$(\w+): DateTime/g)) out[m[1]] = '2026-09-01T00:00:00.000Z';
  return out;
}

describe('UI API GraphQL to SOQL', () => {
  test('where, orderBy, first and variables become one SOQL query per object', () => {
    const [q] = translateGraphql(
      `query q($userId: ID, $asOf: Date) { uiapi { query { Adoption_Snapshot__c(
        where: { and: [{ User__c: { eq: $userId } }, { Period_Start__c: { lte: { value: $asOf } } }] }
        orderBy: { Period_Start__c: { order: DESC }, Amount: { order: DESC, nulls: LAST } } first: 8
      ) { edges { node { Id Period_Start__c { value } User__r { Name { value } } } } } } } }`,
      { userId: "005'x", asOf: '2026-11-20' }
    );
    expect(q.soql).toBe(
      "SELECT Id, Period_Start__c, User__r.Name FROM Adoption_Snapshot__c WHERE User__c = '005\\'x'" +
        ' AND Period_Start__c <= 2026-11-20 ORDER BY Period_Start__c DESC, Amount DESC NULLS LAST,' +
        ' Id ASC LIMIT 9'
    );
  });

  test('relationship filters, IN lists and an empty IN list', () => {
    const [a, b] = translateGraphql(
      `query q($ids: [ID], $none: [ID]) { uiapi { query {
        Deal_Insight__c(where: { Opportunity__r: { IsClosed: { eq: false } }, Manager__c: { in: $ids } }) { edges { node { Id } } }
        Adoption_Snapshot__c(where: { Manager__c: { in: $none } }) { edges { node { Id } } }
      } } }`,
      { ids: ['a', 'b'], none: [] }
    );
    expect(a.soql).toBe(
      "SELECT Id FROM Deal_Insight__c WHERE Opportunity__r.IsClosed = false AND Manager__c IN ('a', 'b') ORDER BY Id ASC LIMIT 11"
    );
    expect(b.soql).toBe(
      'SELECT Id FROM Adoption_Snapshot__c WHERE Id = null ORDER BY Id ASC LIMIT 11'
    );
  });

  test('refuses what it does not support, naming it', () => {
    const run = (where: string) =>
      translateGraphql(
        `{ uiapi { query { Opportunity(where: ${where}) { edges { node { Id } } } } } }`
      );
    expect(() => run('{ Name: { includes: ["x"] } }')).toThrow(
      "operator 'includes' is not supported (uiapi.query.Opportunity.where.Name)"
    );
    expect(() => run('{ CloseDate: { eq: { literal: TODAY } } }')).toThrow('relative date literal');
    expect(() =>
      translateGraphql(
        'query q($d: Date) { uiapi { query { Opportunity(where: { CloseDate: { eq: $d } }) { edges { node { Id } } } } } }',
        {
          d: '20-11-2026'
        }
      )
    ).toThrow("uiapi.query.Opportunity.where.CloseDate.eq '20-11-2026' is not a Date");
    expect(() => translateGraphql('mutation m { x }')).toThrow(
      "only queries are supported, not 'mutation'"
    );
  });

  test('every query of the components translates', () => {
    const names = ['myAdoption', 'recordCoach', 'teamCoaching', 'coachingAgenda', 'adoptionPulse'];
    let count = 0;
    for (const name of names)
      for (const text of componentQueries(name)) {
        expect(() => translateGraphql(text, variablesFor(text))).not.toThrow();
        count++;
      }
    expect(count).toBeGreaterThanOrEqual(8);
  });

  describe('against the local org, as one user', () => {
    let org: LocalOrg;
    let client: OrgClient;
    beforeAll(async () => {
      org = await startLocalOrg({ seed: 'demo' });
      client = new OrgClient(org);
    });
    afterAll(async () => {
      await org.close();
    });

    async function soqlAs(userId: string, soql: string): Promise<Record<string, unknown>[]> {
      const res = await fetch(
        `${org.instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
        {
          headers: { Authorization: `Bearer ${org.tokenFor(userId)}` }
        }
      );
      const body = (await res.json()) as
        { records?: Record<string, unknown>[] } | { message: string }[];
      if (!res.ok)
        throw new Error((body as { message: string }[])[0]?.message ?? `HTTP ${res.status}`);
      return (body as { records: Record<string, unknown>[] }).records;
    }

    test("a rep's open opportunities, paged with cursors, with the rep's visibility", async () => {
      // The rep with the most open opportunities, counted by the integration user.
      const counts = await soqlAs(
        org.integrationUserId,
        'SELECT OwnerId, COUNT(Id) n FROM Opportunity WHERE IsClosed = false GROUP BY OwnerId ORDER BY COUNT(Id) DESC LIMIT 1'
      );
      const owner = org.users.find((u) => u.userId === counts[0].OwnerId)!;
      const expected = (
        await soqlAs(
          org.integrationUserId,
          `SELECT Id FROM Opportunity WHERE OwnerId = '${owner.userId}' AND IsClosed = false ORDER BY Id ASC`
        )
      ).map((r) => r.Id);
      const q = `query q($userId: ID, $after: String) { uiapi { query { Opportunity(
        where: { and: [{ OwnerId: { eq: $userId } }, { IsClosed: { eq: false } }] } first: 2 after: $after
      ) { edges { node { Id Name { value displayValue } Owner { Name { value } } } } pageInfo { hasNextPage endCursor } } } } }`;
      const seen: unknown[] = [];
      let after: string | null = null;
      for (let page = 0; page < 1000; page++) {
        const res = await runGraphql(
          q,
          { userId: owner.userId, after },
          (s) => soqlAs(owner.userId, s),
          (o) => client.readableObject(owner.userId, o)
        );
        expect(res.errors).toEqual([]);
        const conn = (
          res.data as {
            uiapi: {
              query: {
                Opportunity: {
                  edges: { node: { Id: string; Owner: { Name: { value: string } } } }[];
                  pageInfo: { hasNextPage: boolean; endCursor: string };
                };
              };
            };
          }
        ).uiapi.query.Opportunity;
        for (const e of conn.edges) {
          seen.push(e.node.Id);
          expect(e.node.Owner.Name.value).toBe(owner.name);
        }
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      expect(expected.length).toBeGreaterThan(2);
      expect(seen).toEqual(expected);
    });

    test('totalCount counts every record the filter matches, and reads no row without edges', async () => {
      // The expected count by SOQL, as the same user; a page of 1 would hold at most 1 row.
      const expected = (
        await soqlAs(org.integrationUserId, `SELECT Id FROM Opportunity WHERE IsClosed = false`)
      ).length;
      expect(expected).toBeGreaterThan(1);
      const soql: string[] = [];
      const res = await runGraphql(
        '{ uiapi { query { open: Opportunity(where: { IsClosed: { eq: false } }, first: 1) { totalCount } } } }',
        {},
        (s) => {
          soql.push(s);
          return soqlAs(org.integrationUserId, s);
        },
        (o) => client.readableObject(org.integrationUserId, o),
        (s) => client.count(org.integrationUserId, s)
      );
      expect(res.errors).toEqual([]);
      expect(res.data).toEqual({ uiapi: { query: { open: { totalCount: expected } } } });
      // No row query ran: the count is the only thing selected.
      expect(soql).toEqual([]);
    });

    test('a SOQL error reaches the response as an error naming the object', async () => {
      // A schema that lists a field the org does not have: the query validates, SOQL fails.
      const res = await runGraphql(
        '{ uiapi { query { Opportunity(where: { No_Such__c: { eq: 1 } }) { edges { node { Id } } } } } }',
        {},
        (s) => soqlAs(org.integrationUserId, s),
        async (o) => ({ name: o, fields: [{ name: 'Id' }, { name: 'No_Such__c' }] })
      );
      expect(res.errors).toHaveLength(1);
      expect(res.errors[0].message).toMatch(/^Opportunity: .*No_Such__c/);
    });
  });
});
