/**
 * The calls a sync's extract makes, pinned: a regression that adds one fails here.
 *
 * How a run spends them (scripts/sync/api.ts openQueries): every query's first page goes
 * through /composite, five queries a call (Salesforce's limit of query subrequests); the field
 * check's describes share the first call. A query whose rows fit its first page (2,000 rows) is
 * done; one above the bulk threshold runs as a Bulk API 2.0 job: one call creates it and one
 * reads its results (a page holds up to a million rows), plus a status call each time the
 * results are asked for before the job is complete. One at or under the threshold reads its
 * pages left either as Query More pages, five to a /composite call shared with the others', or
 * as a job, whichever mix takes the fewest calls (pages.ts restOrBulk). So the count depends on
 * the org's size only through how many pages the queries have, the threshold, and million-row
 * result pages.
 *
 * The demo org as of 2026-11-20 (rows the sync's user reads, counted by the queries below):
 * 2,477 opportunities kept (open or closed in the win-rate window), their 16,687 history rows,
 * 2,274 tasks in the activity window; every other query stays under 2,000 rows.
 */
import { loadConfigFile } from '../../scripts/build/load-config';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { runSync } from '../../scripts/sync/sync';
import { connect, connectAsAdmin, endState } from './org';

const NOW = new Date('2026-11-20T18:00:00Z');
const AS_OF = '2026-11-20';
const config = loadConfigFile();
const orgs: LocalOrg[] = [];
afterAll(() => Promise.all(orgs.map((o) => o.close())));

async function demoOrg(options: { queryJobMs?: number } = {}): Promise<LocalOrg> {
  const org = await startLocalOrg({ seed: 'demo', now: () => NOW, ...options });
  orgs.push(org);
  return org;
}

/** Rows a query gives the sync's user, from the org's own count. */
async function count(org: LocalOrg, soql: string): Promise<number> {
  return (await connect(org).query(soql)).totalSize;
}

describe('extract calls', () => {
  it('the demo org has the sizes the counts below are worked out from', async () => {
    const org = await demoOrg();
    const kept = `IsClosed = false OR CloseDate >= 2025-11-21`;
    expect(await count(org, `SELECT COUNT() FROM Opportunity WHERE ${kept}`)).toBe(2477);
    expect(
      await count(
        org,
        `SELECT COUNT() FROM OpportunityHistory WHERE OpportunityId IN (SELECT Id FROM Opportunity WHERE ${kept})`
      )
    ).toBe(16687);
    // The activity window: from the week's first day (2026-11-16) less the 14 stale days and one.
    expect(await count(org, `SELECT COUNT() FROM Task WHERE ActivityDate >= 2026-11-01`)).toBe(
      2274
    );
  });

  it('a full run: 6 calls; with every query above its first page in Bulk API 2.0, 10', async () => {
    const org = await demoOrg();
    const rest = await runSync(connect(org), { config, asOf: AS_OF });
    // 4 /composite calls: the describes with 5 small queries (snapshots earlier and now, users,
    // the audience by permission set, nudge answers); then 12 queries, 5 a call: the rollups,
    // the 6 large objects (opportunities, history, contact roles, tasks, events, insights), the
    // 3 scored for completeness (accounts, contacts, leads), the 2 evidence queries.
    // Three are above a page, all under the threshold of 20,000; pages left after the first
    // 2,000: opportunities (2,477) 1, tasks (2,274) 1, history (16,687) ceil(14,687 / 2,000) = 8.
    // Through REST the 10 pages take ceil(10 / 5) = 2 /composite calls; a job for history
    // instead would take 2 + ceil(2 / 5) = 3, jobs for more 4 or more: REST, 2 calls.
    expect(rest).toMatchObject({ mode: 'full', failed: 0, extractCalls: 4 + 2 });
    expect(rest.extractCallsByKind).toEqual({ composite: 6 });

    const bulkOrg = await demoOrg();
    const bulk = await runSync(connect(bulkOrg), {
      config,
      asOf: AS_OF,
      api: { bulkThreshold: 1 }
    });
    // The same 4 /composite calls; opportunities, history and tasks run as jobs, 2 calls each.
    expect(bulk).toMatchObject({ mode: 'full', failed: 0, extractCalls: 4 + 3 * 2 });
    expect(bulk.extractCallsByKind).toEqual({ composite: 4, 'bulk job': 3, 'bulk results': 3 });
    expect(await endState(connect(bulkOrg))).toEqual(await endState(connect(org)));
  });
});

describe('Bulk API 2.0 query jobs that take time', () => {
  it('results asked for before the job is complete: 412 JOB_NOT_COMPLETE, then the rows', async () => {
    const org = await demoOrg({ queryJobMs: 300 });
    const admin = connectAsAdmin(org);
    const job = await admin.request<{ id: string; state: string }>({
      method: 'POST',
      url: '/services/data/v62.0/jobs/query',
      body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Account' }),
      headers: { 'Content-Type': 'application/json' }
    });
    expect(job.state).toBe('UploadComplete');
    const info = () =>
      admin.request<{ state: string }>(`/services/data/v62.0/jobs/query/${job.id}`);
    const results = () =>
      fetch(`${org.instanceUrl}/services/data/v62.0/jobs/query/${job.id}/results`, {
        headers: { Authorization: `Bearer ${org.adminToken}`, Accept: 'text/csv' }
      });
    expect((await info()).state).toBe('InProgress');
    const early = await results();
    expect(early.status).toBe(412);
    expect(await early.json()).toEqual([
      expect.objectContaining({ errorCode: 'JOB_NOT_COMPLETE' })
    ]);
    await new Promise((r) => setTimeout(r, 350));
    expect((await info()).state).toBe('JobComplete');
    const done = await results();
    expect(done.status).toBe(200);
    // The demo org's 80 accounts, under a header line.
    expect((await done.text()).trim().split('\n')).toHaveLength(81);
  });

  it('the sync polls a job whose results are not ready and ends as with jobs done at once', async () => {
    const quick = await demoOrg();
    const slow = await demoOrg({ queryJobMs: 1000 });
    const options = { config, asOf: AS_OF, api: { bulkThreshold: 1 } };
    const a = await runSync(connect(quick), options);
    const b = await runSync(connect(slow), options);
    expect(b).toMatchObject({ failed: 0, written: a.written, deals: a.deals, read: a.read });
    // The first job's results are asked for well within a second of its creation: that costs a
    // results call answered 412 and at least one status call (the others may be done by then).
    expect(b.extractCalls).toBeGreaterThanOrEqual(a.extractCalls + 2);
    expect(b.extractCallsByKind['bulk status']).toBeGreaterThanOrEqual(1);
    expect(b.extractCallsByKind['bulk results']).toBeGreaterThanOrEqual(4);
    expect(await endState(connect(slow))).toEqual(await endState(connect(quick)));
  });
});
