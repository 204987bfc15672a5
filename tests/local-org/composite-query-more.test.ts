/**
 * Query More pages chained inside one /composite call, as the sync reads a query's pages: each
 * subrequest's url is the page before it's nextRecordsUrl (`@{ref.nextRecordsUrl}`), driven
 * through jsforce's `conn.request`. The rules are Salesforce's ("Composite", REST API Developer
 * Guide): at most 25 subrequests, at most 5 of them query operations, Query More included; a
 * subrequest that names a value an earlier one did not give is not run, the others are.
 */
import jsforce, { type Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';

const T0 = new Date('2026-11-20T10:00:00Z');
const BASE = '/services/data/v62.0';

interface SubAnswer {
  referenceId: string;
  httpStatusCode: number;
  body: unknown;
}
interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: { Name: string }[];
}

describe('local org: Query More chained in /composite', () => {
  let org: LocalOrg;
  let conn: Connection;

  beforeAll(async () => {
    org = await startLocalOrg({ now: () => T0 });
    conn = new jsforce.Connection({
      instanceUrl: org.instanceUrl,
      accessToken: org.adminToken,
      version: '62.0'
    });
    // 4,500 accounts named in order: pages of 2,000, 2,000 and 500.
    for (let i = 0; i < 4500; i++)
      org.store.insert(
        'Account',
        { Name: `Chain ${String(i).padStart(4, '0')}` },
        { userId: org.adminUserId, now: T0 }
      );
  });
  afterAll(() => org.close());

  const composite = (compositeRequest: object[]) =>
    conn.request<{ compositeResponse: SubAnswer[] }>({
      method: 'POST',
      url: `${BASE}/composite`,
      body: JSON.stringify({ allOrNone: false, compositeRequest }),
      headers: { 'Content-Type': 'application/json' }
    });
  const soql = encodeURIComponent(
    "SELECT Name FROM Account WHERE Name LIKE 'Chain %' ORDER BY Name"
  );

  it('reads a query and its next pages in one call; a page after the last is not run', async () => {
    const answer = await composite([
      { method: 'GET', url: `${BASE}/query?q=${soql}`, referenceId: 'p0' },
      { method: 'GET', url: '@{p0.nextRecordsUrl}', referenceId: 'p1' },
      { method: 'GET', url: '@{p1.nextRecordsUrl}', referenceId: 'p2' },
      // The third page is the last (done, no nextRecordsUrl): nothing for this one to name.
      { method: 'GET', url: '@{p2.nextRecordsUrl}', referenceId: 'p3' },
      // Independent of the failed one: still run.
      { method: 'GET', url: `${BASE}/sobjects/Account/describe`, referenceId: 'd' }
    ]);
    const [p0, p1, p2, p3, d] = answer.compositeResponse;
    expect([p0, p1, p2, p3, d].map((r) => r.httpStatusCode)).toEqual([200, 200, 200, 400, 200]);
    const pages = [p0, p1, p2].map((r) => r.body as Page);
    // 4,500 rows: 2,000 + 2,000 + 500, in order, every name once.
    expect(pages.map((p) => p.records.length)).toEqual([2000, 2000, 500]);
    expect(pages.map((p) => p.done)).toEqual([false, false, true]);
    const names = pages.flatMap((p) => p.records.map((r) => r.Name));
    expect(names[0]).toBe('Chain 0000');
    expect(names[2000]).toBe('Chain 2000');
    expect(names[4499]).toBe('Chain 4499');
    expect(new Set(names).size).toBe(4500);
    expect((p3.body as { errorCode: string }[])[0].errorCode).toBe('PROCESSING_HALTED');
  });

  it('continues a query in a later call from a nextRecordsUrl written out', async () => {
    const first = await composite([
      { method: 'GET', url: `${BASE}/query?q=${soql}`, referenceId: 'q' }
    ]);
    const next = (first.compositeResponse[0].body as Page).nextRecordsUrl!;
    const second = await composite([
      { method: 'GET', url: next, referenceId: 'a' },
      { method: 'GET', url: '@{a.nextRecordsUrl}', referenceId: 'b' }
    ]);
    expect(second.compositeResponse.map((r) => (r.body as Page).records.length)).toEqual([
      2000, 500
    ]);
  });

  it('refuses a sixth query operation, a Query More by reference counted among them', async () => {
    // Five query subrequests and a sixth that names a page's nextRecordsUrl: six query
    // operations, one more than Salesforce allows in a call.
    const six = [
      ...[0, 1, 2, 3, 4].map((k) => ({
        method: 'GET',
        url: `${BASE}/query?q=${soql}`,
        referenceId: `q${k}`
      })),
      { method: 'GET', url: '@{q0.nextRecordsUrl}', referenceId: 'more' }
    ];
    await expect(composite(six)).rejects.toMatchObject({ errorCode: 'LIMIT_EXCEEDED' });
    // Five are allowed: four queries and a Query More of the first of them.
    const five = await composite([
      ...six.slice(1, 5),
      { method: 'GET', url: '@{q1.nextRecordsUrl}', referenceId: 'more' }
    ]);
    expect(five.compositeResponse.map((r) => r.httpStatusCode)).toEqual([200, 200, 200, 200, 200]);
    expect((five.compositeResponse[4].body as Page).records[0].Name).toBe('Chain 2000');
  });

  it('refuses a url that resolves to something outside /services/data/vXX.X/', async () => {
    const answer = await composite([
      { method: 'GET', url: `${BASE}/query?q=${soql}`, referenceId: 'q' },
      { method: 'GET', url: '@{q.totalSize}', referenceId: 'bad' }
    ]);
    expect(answer.compositeResponse[1].httpStatusCode).toBe(400);
    expect((answer.compositeResponse[1].body as { errorCode: string }[])[0].errorCode).toBe(
      'INVALID_INPUT'
    );
  });
});
