/**
 * How the extract reads a query's pages after its first: Query More pages chained five to a
 * /composite call, or a Bulk API 2.0 job, whichever mix takes the fewest calls. The choice on
 * its own (pagesLeft, restOrBulk), then against a local org, counting the calls; every expected
 * count is worked out by hand in the comment beside it.
 */
import type { Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { Api, type ApiOptions, type Query, type RowSource } from '../../scripts/sync/api';
import { pagesLeft, restOrBulk } from '../../scripts/sync/pages';
import { API_DEFAULTS } from '../../scripts/sync/sync';
import { connect } from './org';

const NOW = new Date('2026-11-20T18:00:00Z');

describe('pagesLeft', () => {
  it('counts the pages after those read, each as long as the first', () => {
    // 9,000 rows, 2,000 read: 7,000 left, 3.5 pages of 2,000: 4.
    expect(pagesLeft(9000, 2000, 2000)).toBe(4);
    // 4,000 rows, 2,000 read: exactly one more page.
    expect(pagesLeft(4000, 2000, 2000)).toBe(1);
    // 2,001 rows: one more page of one row.
    expect(pagesLeft(2001, 2000, 2000)).toBe(1);
    // All read: none; rows gone while reading (more read than announced): none.
    expect(pagesLeft(2000, 2000, 2000)).toBe(0);
    expect(pagesLeft(1990, 2000, 2000)).toBe(0);
    // A first page of 500 (a smaller batch than asked): 1,500 left, 3 pages of 500.
    expect(pagesLeft(2000, 500, 500)).toBe(3);
    // An empty page that is not the last one: a page each row, never a division by 0.
    expect(pagesLeft(3, 0, 0)).toBe(3);
  });
});

describe('restOrBulk', () => {
  const jobs = (left: number[]) => [...restOrBulk(left)].sort();

  it('pages through REST when five pages a call cost no more than two calls a job', () => {
    // Nothing to read: no call at all.
    expect(jobs([])).toEqual([]);
    // 2 + 2 + 5 = 9 pages: ceil(9 / 5) = 2 calls; a job for the 5 (2 calls) and the other 4
    // pages (1 call) would be 3.
    expect(jobs([2, 2, 5])).toEqual([]);
    // 10 pages: 2 calls either way; a tie keeps REST (no job, no status polls).
    expect(jobs([10])).toEqual([]);
  });

  it('runs the longest queries as jobs when that saves calls', () => {
    // 11 pages: ceil(11 / 5) = 3 calls through REST, a job 2.
    expect(jobs([11])).toEqual([0]);
    // 1, 30 and 1 pages: REST 32 pages = 7 calls; the 30 as a job: 2 + ceil(2 / 5) = 3; all
    // three as jobs 6: the second alone.
    expect(jobs([1, 30, 1])).toEqual([1]);
    // 14 and 14: REST ceil(28 / 5) = 6; one job 2 + ceil(14 / 5) = 5; both 4.
    expect(jobs([14, 14])).toEqual([0, 1]);
    // 6, 17, 9: REST ceil(32 / 5) = 7; the 17 as a job 2 + ceil(15 / 5) = 5; the 17 and the 9
    // 4 + ceil(6 / 5) = 6; all three 6: the 17 alone, 5 calls.
    expect(jobs([6, 17, 9])).toEqual([1]);
  });
});

describe('reading pages after the first, against a local org', () => {
  let org: LocalOrg;
  let conn: Connection;
  const apiOf = (options: Partial<ApiOptions> = {}) =>
    new Api(conn, { ...API_DEFAULTS, log: () => undefined, ...options });
  const TYPES: Query['types'] = { Met__c: 'number' };
  const query = (name: string, prefix: string): Query => ({
    name,
    soql: `SELECT Measure_Key__c, Met__c FROM Governance_Measure__c WHERE Measure_Key__c LIKE '${prefix}%' ORDER BY Measure_Key__c`,
    types: TYPES
  });

  beforeAll(async () => {
    org = await startLocalOrg({ seed: 'none', now: () => NOW });
    conn = connect(org);
    const ctx = { userId: org.integrationUserId, now: NOW };
    // A: 9,000 rows, B: 4,500, C: 2,001, E: 22,001; keys A00000 … in order.
    for (const [prefix, n] of [
      ['A', 9000],
      ['B', 4500],
      ['C', 2001],
      ['E', 22001]
    ] as const)
      for (let i = 0; i < n; i++)
        org.store.insert(
          'Governance_Measure__c',
          { Measure_Key__c: `${prefix}${String(i).padStart(5, '0')}`, Met__c: i, Counted__c: 1 },
          ctx
        );
  });
  afterAll(() => org.close());

  /** Every row of a source in the batches it gave them in, checked to be its rows in order. */
  async function drain(source: RowSource, prefix: string): Promise<number[]> {
    const sizes: number[] = [];
    let n = 0;
    for await (const batch of source.rows()) {
      sizes.push(batch.length);
      for (const row of batch) {
        expect(row).toEqual({
          Measure_Key__c: `${prefix}${String(n).padStart(5, '0')}`,
          Met__c: n
        });
        n++;
      }
    }
    return sizes;
  }

  it('chains the pages of three queries in two /composite calls after their first pages', async () => {
    const api = apiOf();
    const sources = await api.openQueries([query('a', 'A'), query('b', 'B'), query('c', 'C')]);
    // First pages: one /composite call (3 queries). Pages left after 2,000 rows: A 9,000 → 4,
    // B 4,500 → 2, C 2,001 → 1; 7 in all: REST takes ceil(7 / 5) = 2 calls, a job for A
    // 2 + ceil(3 / 5) = 3. So 2 more /composite calls: A's four pages chained and B's second in
    // the first, B's third and C's second in the next. No job.
    expect(api.callsBy).toEqual({ composite: 3 });
    expect(await drain(sources.get('a')!, 'A')).toEqual([2000, 2000, 2000, 2000, 1000]);
    expect(await drain(sources.get('b')!, 'B')).toEqual([2000, 2000, 500]);
    expect(await drain(sources.get('c')!, 'C')).toEqual([2000, 1]);
    // Everything was read when the queries were opened: reading the rows cost nothing more.
    expect(api.calls).toBe(3);
  });

  it('runs a query as a job when its pages would take more calls than one', async () => {
    // E: 22,001 rows, under a threshold of 30,000; pages left after 2,000: ceil(20,001 / 2,000)
    // = 11, ceil(11 / 5) = 3 calls through REST against a job's 2: the first page's call, the
    // job and its results.
    const api = apiOf({ bulkThreshold: 30000 });
    const sources = await api.openQueries([query('e', 'E')]);
    expect(sources.get('e')!.total).toBe(22001);
    const sizes = await drain(sources.get('e')!, 'E');
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(22001);
    expect(api.callsBy).toEqual({ composite: 1, 'bulk job': 1, 'bulk results': 1 });
  });

  it('runs a query above the threshold as a job whatever its pages would cost', async () => {
    // C: 2,001 rows, one page left (a call through REST), but over a threshold of 2,000.
    const api = apiOf({ bulkThreshold: 2000 });
    const sources = await api.openQueries([query('c', 'C')]);
    expect((await drain(sources.get('c')!, 'C')).reduce((a, b) => a + b, 0)).toBe(2001);
    expect(api.callsBy).toEqual({ composite: 1, 'bulk job': 1, 'bulk results': 1 });
  });
});
