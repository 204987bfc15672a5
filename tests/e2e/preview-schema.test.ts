/**
 * The preview's UI API as the platform serves it to one user: the GraphQL schema holds only the
 * user's readable objects and fields, `@optional` fields the user cannot read are left out,
 * getRecord's `optionalFields` behave as LDS's, and paging stops where the platform stops it.
 *
 * The user's view comes from the local org's describe, as the user. Here a test narrows that
 * describe through the interface the preview reads it by (OrgClient.describe): fields and
 * objects it hides are what field-level security and object permissions would hide. Queries
 * run against a real local org over HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { gqlTemplates } from '../../scripts/metadata/graphql';
import { SalesforceApiError } from '../../scripts/common/salesforce-error';
import { OrgClient, type OrgAccess } from '../../scripts/preview/org-client';
import { encodeCursor, translateGraphql } from '../../scripts/preview/platform/graphql-soql';

type Row = Record<string, unknown>;

/** An OrgClient whose describe leaves out what the test hides, and that counts its queries. */
class NarrowedClient extends OrgClient {
  // Constructor properties, not class fields: the LWC transform of jest would take a class
  // field of a subclass for a component's.
  constructor(
    org: OrgAccess,
    private readonly hidden: { objects?: string[]; fields?: Record<string, string[]> },
    readonly queries: string[] = []
  ) {
    super(org);
  }

  override async describe(userId: string, object: string) {
    if (this.hidden.objects?.includes(object))
      throw new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const info = await super.describe(userId, object);
    const drop = this.hidden.fields?.[object] ?? [];
    return { ...info, fields: info.fields.filter((f) => !drop.includes(f.name)) };
  }

  override soql(userId: string, query: string) {
    this.queries.push(query);
    return super.soql(userId, query);
  }
}

interface Connection {
  edges: { node: Row }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const connection = (data: unknown, object: string) =>
  (data as { uiapi: { query: Record<string, Connection> } }).uiapi.query[object];

const LEAD_SOURCE_HIDDEN = { fields: { Opportunity: ['LeadSource', 'Description'] } };

describe('the preview serves the GraphQL schema of the user (demo org)', () => {
  let org: LocalOrg;
  let rep: string;
  /** The rep's open opportunities, read from the org's store, not through the preview. */
  let openDeals: Row[];

  beforeAll(async () => {
    org = await startLocalOrg({ seed: 'demo' });
    const open = [...org.store.scan('Opportunity')].filter((o) => o.IsClosed === false);
    const byOwner = new Map<string, Row[]>();
    for (const o of open)
      byOwner.set(String(o.OwnerId), [...(byOwner.get(String(o.OwnerId)) ?? []), o]);
    [rep, openDeals] = [...byOwner.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    openDeals.sort((a, b) => (String(a.Id) < String(b.Id) ? -1 : 1));
  });
  afterAll(async () => {
    await org.close();
  });

  const dealsQuery = (leadSource: string) => `query deals($userId: ID) { uiapi { query {
    Opportunity(where: { and: [{ OwnerId: { eq: $userId } }, { IsClosed: { eq: false } }] }
                orderBy: { Id: { order: ASC } } first: 200) {
      edges { node { Id Name { value } ${leadSource} { value } } }
    }
    Adoption_Snapshot__c(where: { User__c: { eq: $userId } }) { edges { node { Id } } }
  } } }`;

  test('a field the user cannot read fails the whole query as a validation error, before any query runs', async () => {
    const client = new NarrowedClient(org, LEAD_SOURCE_HIDDEN);
    const res = await client.graphql(rep, dealsQuery('LeadSource'), { userId: rep });
    // The platform validates the document against the schema first ("ValidationError ... if an
    // object or field name included in the query doesn't exist"): no data, not even for the
    // snapshots, and nothing ran.
    expect(res).toEqual({
      data: null,
      errors: [
        {
          message:
            "Validation error of type FieldUndefined: Field 'LeadSource' in type 'Opportunity' is undefined @ 'uiapi/query/Opportunity/edges/node/LeadSource'",
          extensions: { ErrorType: 'ValidationError' }
        }
      ]
    });
    expect(client.queries).toEqual([]);
  });

  test('the same field marked @optional is left out of every node, and the rest is served', async () => {
    const client = new NarrowedClient(org, LEAD_SOURCE_HIDDEN);
    const res = await client.graphql(rep, dealsQuery('LeadSource @optional'), { userId: rep });
    expect(res.errors).toEqual([]);
    const nodes = connection(res.data, 'Opportunity').edges.map((e) => e.node);
    // The rep's open deals by Id, each with its Name and no LeadSource key at all.
    expect(nodes).toEqual(openDeals.map((o) => ({ Id: o.Id, Name: { value: o.Name } })));
    expect(client.queries[0]).not.toMatch(/LeadSource/);
  });

  test('a readable @optional field is served as any other', async () => {
    const client = new NarrowedClient(org, {});
    const res = await client.graphql(rep, dealsQuery('LeadSource @optional'), { userId: rep });
    const nodes = connection(res.data, 'Opportunity').edges.map((e) => e.node);
    expect(nodes.map((n) => n.LeadSource)).toEqual(
      openDeals.map((o) => ({ value: o.LeadSource ?? null }))
    );
  });

  test('an object the user cannot read is not in the schema', async () => {
    const client = new NarrowedClient(org, { objects: ['Coaching_Session__c'] });
    const res = await client.graphql(
      rep,
      '{ uiapi { query { Coaching_Session__c { edges { node { Id } } } } } }',
      {}
    );
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      {
        message:
          "Validation error of type FieldUndefined: Field 'Coaching_Session__c' in type 'RecordQuery' is undefined @ 'uiapi/query/Coaching_Session__c'",
        extensions: { ErrorType: 'ValidationError' }
      }
    ]);
  });

  test("the rep's own schema, read from the org: no Coaching_Session__c (the Rep permission set grants none)", async () => {
    // No narrowing here: the local org's describe as the rep answers 404 for the object.
    const res = await new OrgClient(org).graphql(
      rep,
      '{ uiapi { query { Coaching_Session__c { edges { node { Id } } } } } }',
      {}
    );
    expect(res).toEqual({
      data: null,
      errors: [
        {
          message:
            "Validation error of type FieldUndefined: Field 'Coaching_Session__c' in type 'RecordQuery' is undefined @ 'uiapi/query/Coaching_Session__c'",
          extensions: { ErrorType: 'ValidationError' }
        }
      ]
    });
  });

  test('filtering or ordering on a field the user cannot read fails validation', async () => {
    const client = new NarrowedClient(org, LEAD_SOURCE_HIDDEN);
    const where = await client.graphql(
      rep,
      '{ uiapi { query { Opportunity(where: { LeadSource: { eq: "Web" } }) { edges { node { Id } } } } } }',
      {}
    );
    expect(where.errors.map((e) => e.message)).toEqual([
      "Validation error of type WrongType: argument 'where' contains a field not in 'Opportunity_Filter': 'LeadSource' @ 'uiapi/query/Opportunity'"
    ]);
    const orderBy = await client.graphql(
      rep,
      '{ uiapi { query { Opportunity(orderBy: { Description: { order: ASC } }) { edges { node { Id } } } } } }',
      {}
    );
    expect(orderBy.errors.map((e) => e.message)).toEqual([
      "Validation error of type WrongType: argument 'orderBy' contains a field not in 'Opportunity_OrderBy': 'Description' @ 'uiapi/query/Opportunity'"
    ]);
    expect(client.queries).toEqual([]);
  });

  test("a parent's field follows the parent object's schema", async () => {
    const client = new NarrowedClient(org, { fields: { User: ['Title'] } });
    const q = (title: string) =>
      `query q($id: ID) { uiapi { query { Opportunity(where: { Id: { eq: $id } }) {
        edges { node { Id Owner { Name { value } ${title} { value } } } } } } } }`;
    const failed = await client.graphql(rep, q('Title'), { id: openDeals[0].Id });
    expect(failed.errors[0].message).toBe(
      "Validation error of type FieldUndefined: Field 'Title' in type 'User' is undefined @ 'uiapi/query/Opportunity/edges/node/Owner/Title'"
    );
    const served = await client.graphql(rep, q('Title @optional'), { id: openDeals[0].Id });
    const owner = org.users.find((u) => u.userId === rep)!;
    expect(connection(served.data, 'Opportunity').edges[0].node).toEqual({
      Id: openDeals[0].Id,
      Owner: { Name: { value: owner.name } }
    });
  });

  test("the rep home's own query runs for a rep who cannot read LeadSource and Description", async () => {
    const source = readFileSync(
      join(__dirname, '../../force-app/main/default/lwc/myAdoption/myAdoption.js'),
      'utf8'
    );
    const [query] = gqlTemplates(source);
    const client = new NarrowedClient(org, LEAD_SOURCE_HIDDEN);
    const res = await client.graphql(rep, query.text, { userId: rep });
    expect(res.errors).toEqual([]);
    const nodes = connection(res.data, 'Opportunity').edges.map((e) => e.node);
    // first: 200 and the demo rep has fewer open deals: all of them, none with the hidden keys.
    expect(nodes.map((n) => n.Id).sort()).toEqual(openDeals.map((o) => o.Id));
    for (const n of nodes) {
      expect(n).not.toHaveProperty('LeadSource');
      expect(n).not.toHaveProperty('Description');
      expect(n).toHaveProperty('Amount');
    }
  });

  test('every query of the components validates for its persona when no Opportunity field FLS can hide is readable', async () => {
    // Name, StageName, CloseDate (required), IsClosed and IsWon (derived from the stage) always
    // come with Read on the object; these standard fields an admin can hide.
    const client = new NarrowedClient(org, {
      fields: {
        Opportunity: ['Amount', 'Description', 'LastActivityDate', 'LeadSource', 'NextStep', 'Type']
      }
    });
    // Each component runs for those whose pages show it: the rep's Home and record page, the
    // manager's team page and 1:1 agenda, the sponsor's pulse.
    const manager = String(org.store.getById(rep)?.ManagerId);
    const sponsor = String(org.store.getById(manager)?.ManagerId);
    const personas: Record<string, string> = {
      myAdoption: rep,
      recordCoach: rep,
      teamCoaching: manager,
      coachingAgenda: manager,
      adoptionPulse: sponsor
    };
    const today = new Date().toISOString().slice(0, 10);
    const lwc = join(__dirname, '../../force-app/main/default/lwc');
    const failures: string[] = [];
    let queries = 0;
    for (const [name, userId] of Object.entries(personas))
      for (const q of gqlTemplates(readFileSync(join(lwc, name, `${name}.js`), 'utf8'))) {
        queries++;
        const variables: Record<string, unknown> = {
          userId,
          repId: rep,
          managerId: manager,
          managerIds: [manager],
          teamManagerIds: [manager],
          recordId: openDeals[0].Id,
          recordKey: openDeals[0].Id,
          asOf: today,
          since: '2026-01-01',
          teamsFrom: today,
          until: `${today}T23:59:59.000Z`,
          first: 8,
          after: null
        };
        // A DateTime variable takes a date and time.
        for (const m of q.text.matchAll(/\$(\w+): DateTime/g))
          variables[m[1]] = `${today}T00:00:00.000Z`;
        const res = await client.graphql(userId, q.text, variables);
        for (const e of res.errors) failures.push(`${name}:${q.line}: ${e.message}`);
      }
    expect(queries).toBeGreaterThanOrEqual(8);
    expect(failures).toEqual([]);
  });

  describe('getRecord', () => {
    test('optional fields the user cannot read are omitted; readable ones are served', async () => {
      const client = new NarrowedClient(org, {
        fields: { Opportunity: ['LeadSource'], User: ['Title'] }
      });
      const deal = openDeals[0];
      const rec = await client.getRecord(
        rep,
        String(deal.Id),
        ['Opportunity.Name'],
        ['Opportunity.LeadSource', 'Opportunity.StageName', 'Opportunity.Owner.Title']
      );
      expect(Object.keys(rec.fields).sort()).toEqual(['Id', 'Name', 'StageName']);
      expect(rec.fields.StageName.value).toBe(deal.StageName);
    });

    test('a required field the user cannot read fails the request, naming the field', async () => {
      const client = new NarrowedClient(org, { fields: { Opportunity: ['LeadSource'] } });
      const err = await client
        .getRecord(rep, String(openDeals[0].Id), ['Opportunity.LeadSource'], [])
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SalesforceApiError);
      expect(err).toMatchObject({
        statusCode: 400,
        errorCode: 'INVALID_FIELD',
        message: "No such column 'LeadSource' on entity 'Opportunity'"
      });
      expect(client.queries).toEqual([]);
    });
  });
});

describe('GraphQL paging stops where the platform stops it (one rep with 4,500 open deals)', () => {
  let org: LocalOrg;
  let client: OrgClient;
  let rep: string;
  let expected: string[];

  beforeAll(async () => {
    // team:1x4500: one rep owning 4,500 open opportunities (and 20 closed ones).
    org = await startLocalOrg({ seed: 'team:1x4500' });
    client = new OrgClient(org);
    rep = org.users.find((u) => u.username.startsWith('rep001.'))!.userId;
    expected = [...org.store.scan('Opportunity')]
      .filter((o) => o.OwnerId === rep && o.IsClosed === false)
      .map((o) => o.Id)
      .sort();
  });
  afterAll(async () => {
    await org.close();
  });

  /** Every page of the rep's open deals, 2,000 at a time, with the given upperBound argument. */
  async function pages(upperBound: string) {
    const q = `query q($userId: ID, $after: String) { uiapi { query { Opportunity(
      where: { and: [{ OwnerId: { eq: $userId } }, { IsClosed: { eq: false } }] }
      orderBy: { Id: { order: ASC } } first: 2000 after: $after ${upperBound}
    ) { edges { node { Id } } pageInfo { hasNextPage endCursor } } } } }`;
    const out: { ids: string[]; hasNextPage: boolean }[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await client.graphql(rep, q, { userId: rep, after });
      expect(res.errors).toEqual([]);
      const conn = connection(res.data, 'Opportunity');
      out.push({
        ids: conn.edges.map((e) => String(e.node.Id)),
        hasNextPage: conn.pageInfo.hasNextPage
      });
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    return out;
  }

  test('the seed gave the rep 4,500 open deals', () => {
    expect(expected).toHaveLength(4500);
  });

  // The records on each page, with a next page reported after every page but the last; all the
  // pages' records are the rep's first deals, in order.
  test.each([
    // "Using pagination without an upper-bound limit lets you retrieve up to 4,000 records only."
    ['without upperBound: 4,000 records, then no next page', '', [2000, 2000]],
    // 4,500 = 2,000 + 2,000 + 500.
    [
      'with an upperBound above the count: every record, in three pages',
      'upperBound: 20001',
      [2000, 2000, 500]
    ],
    // The components' bound (pages × 2,000 + 1) at two pages: 4,001 records reachable.
    [
      'with an upperBound one past two full pages: a next page is still reported after them',
      'upperBound: 4001',
      [2000, 2000, 1]
    ]
  ])('%s', async (_title, bound, sizes) => {
    const got = await pages(bound);
    expect(got.map((p) => [p.ids.length, p.hasNextPage])).toEqual(
      sizes.map((size, i) => [size, i < sizes.length - 1])
    );
    const reached = sizes.reduce((a, b) => a + b, 0);
    expect(got.flatMap((p) => p.ids)).toEqual(expected.slice(0, reached));
  });

  test("past SOQL's largest OFFSET (2,000) the rest of the offset is skipped as rows come back", () => {
    const q = (after: number, bound: string) =>
      translateGraphql(
        `query q($after: String) { uiapi { query { Opportunity(first: 2000 after: $after ${bound}) { edges { node { Id } } } } } }`,
        { after: encodeCursor(after) }
      )[0];
    // After 3,000 of at most 4,000: 1,000 rows left, none past them to look for; OFFSET 2,000
    // and 1,000 skipped, so LIMIT 1,000 + 1,000.
    expect(q(3000, '')).toMatchObject({ skip: 1000, size: 1000, more: false });
    expect(q(3000, '').soql).toMatch(/ LIMIT 2000 OFFSET 2000$/);
    // After 18,000 of at most 20,001: a full page of 2,000 and one row more to tell whether a
    // next page exists; 16,000 skipped past OFFSET 2,000: LIMIT 16,000 + 2,000 + 1.
    expect(q(18000, 'upperBound: 20001')).toMatchObject({ skip: 16000, size: 2000, more: true });
    expect(q(18000, 'upperBound: 20001').soql).toMatch(/ LIMIT 18001 OFFSET 2000$/);
    expect(() => q(0, 'upperBound: 0')).toThrow(
      'GraphQL: uiapi.query.Opportunity.upperBound must be a positive integer'
    );
  });

  test('upperBound needs a first from 200 to 2,000', async () => {
    const res = await client.graphql(
      rep,
      '{ uiapi { query { Opportunity(first: 50, upperBound: 1000) { edges { node { Id } } } } } }',
      {}
    );
    expect(res.data).toBeNull();
    expect(res.errors[0].message).toBe(
      'GraphQL: uiapi.query.Opportunity.first must be from 200 to 2000 with upperBound'
    );
  });
});
