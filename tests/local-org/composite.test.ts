/** /composite and the Bulk API 2.0 job list, as Salesforce answers them. */
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';

const NOW = new Date('2026-11-20T18:00:00Z');

describe('local org /composite', () => {
  let org: LocalOrg;
  const call = (path: string, body?: unknown) =>
    fetch(`${org.instanceUrl}/services/data/v62.0${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${org.adminToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  beforeAll(async () => {
    org = await startLocalOrg({ seed: 'demo', now: () => NOW });
  });
  afterAll(() => org.close());

  it('answers each subrequest as on its own, in one call', async () => {
    const before = org.server.apiCalls;
    const res = await call('/composite', {
      compositeRequest: [
        { method: 'GET', url: '/services/data/v62.0/sobjects/User/describe', referenceId: 'u' },
        {
          method: 'GET',
          url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT COUNT() FROM User')}`,
          referenceId: 'n'
        },
        { method: 'GET', url: '/services/data/v62.0/sobjects/Nope__c/describe', referenceId: 'x' }
      ]
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('date')).toBe(NOW.toUTCString());
    const body = (await res.json()) as {
      compositeResponse: {
        referenceId: string;
        httpStatusCode: number;
        body: { fields: { name: string }[]; totalSize: number };
      }[];
    };
    const [u, n, x] = body.compositeResponse;
    expect(u).toMatchObject({ referenceId: 'u', httpStatusCode: 200 });
    expect(u.body.fields.some((f) => f.name === 'ManagerId')).toBe(true);
    expect(n.body.totalSize).toBeGreaterThan(20);
    expect(x).toMatchObject({ httpStatusCode: 404, body: [{ errorCode: 'NOT_FOUND' }] });
    expect(org.server.apiCalls - before).toBe(1);
  });

  it('refuses a subrequest whose referenceId holds anything but letters, digits and underscores', async () => {
    const res = await call('/composite', {
      compositeRequest: [
        { method: 'GET', url: '/services/data/v62.0/limits', referenceId: 'describe User' },
        { method: 'GET', url: '/services/data/v62.0/limits', referenceId: 'limits_1' }
      ]
    });
    const body = (await res.json()) as {
      compositeResponse: { referenceId: string; httpStatusCode: number; body: unknown }[];
    };
    expect(body.compositeResponse.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([
      ['describe User', 400],
      ['limits_1', 200]
    ]);
    expect(body.compositeResponse[0].body).toEqual([
      expect.objectContaining({ errorCode: 'INVALID_INPUT' })
    ]);
  });

  it('refuses more than 5 queries or 25 subrequests', async () => {
    const query = (i: number) => ({
      method: 'GET',
      url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM User LIMIT 1')}`,
      referenceId: `q${i}`
    });
    const six = await call('/composite', { compositeRequest: [0, 1, 2, 3, 4, 5].map(query) });
    expect(six.status).toBe(400);
    expect(await six.json()).toEqual([expect.objectContaining({ errorCode: 'LIMIT_EXCEEDED' })]);
    const many = Array.from({ length: 26 }, (_, i) => ({
      method: 'GET',
      url: '/services/data/v62.0/limits',
      referenceId: `l${i}`
    }));
    expect((await call('/composite', { compositeRequest: many })).status).toBe(400);
  });

  it('counts a Query More (a query locator) among the 5 queries', async () => {
    // 'SELECT Id FROM Task' on the demo seed gives more than one page of 2,000: its first page's
    // nextRecordsUrl is a Query More. Four queries and that locator are 5 query operations (one
    // call, answered); five queries and the locator are 6, refused as a whole.
    const page = (await (
      await call(`/query?q=${encodeURIComponent('SELECT Id FROM Task')}`)
    ).json()) as { nextRecordsUrl: string };
    expect(page.nextRecordsUrl).toMatch(/\/query\/[^?]+$/);
    const query = (i: number) => ({
      method: 'GET',
      url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM User LIMIT 1')}`,
      referenceId: `q${i}`
    });
    const more = { method: 'GET', url: page.nextRecordsUrl, referenceId: 'more' };
    const six = await call('/composite', {
      compositeRequest: [...[0, 1, 2, 3, 4].map(query), more]
    });
    expect(six.status).toBe(400);
    expect(await six.json()).toEqual([expect.objectContaining({ errorCode: 'LIMIT_EXCEEDED' })]);
    const five = await call('/composite', { compositeRequest: [...[0, 1, 2, 3].map(query), more] });
    expect(five.status).toBe(200);
  });

  it('lists the user\u2019s query jobs with their state', async () => {
    const job = (await (
      await call('/jobs/query', { operation: 'query', query: 'SELECT Id FROM Account' })
    ).json()) as { id: string };
    const list = (await (await call('/jobs/query')).json()) as {
      done: boolean;
      records: { id: string; state: string }[];
    };
    expect(list.done).toBe(true);
    expect(list.records).toContainEqual(
      expect.objectContaining({ id: job.id, state: 'JobComplete' })
    );
  });

  it('lists every query job of the org, 1,000 a page, the rest through nextRecordsUrl', async () => {
    const before = (await (await call('/jobs/query')).json()) as { records: unknown[] };
    for (let i = before.records.length; i < 1001; i++) {
      await call('/jobs/query', { operation: 'query', query: 'SELECT Id FROM Account' });
    }
    const first = (await (await call('/jobs/query')).json()) as {
      done: boolean;
      records: unknown[];
      nextRecordsUrl: string;
    };
    expect(first).toMatchObject({ done: false });
    expect(first.records).toHaveLength(1000);
    const res = await fetch(`${org.instanceUrl}${first.nextRecordsUrl}`, {
      headers: { Authorization: `Bearer ${org.adminToken}` }
    });
    const second = (await res.json()) as { done: boolean; records: unknown[] };
    expect(second).toMatchObject({ done: true, nextRecordsUrl: null });
    expect(second.records).toHaveLength(1);
  });
});
