/**
 * A busy org: other users' Bulk API 2.0 query jobs fill the org's job list (1,000 a page, in no
 * set order), and the sync must still find its own jobs, by their ids.
 */
import { loadConfigFile } from '../../scripts/build/load-config';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { runSync } from '../../scripts/sync/sync';
import { connect, connectAsAdmin } from './org';

const NOW = new Date('2026-11-20T18:00:00Z');
let org: LocalOrg;
beforeAll(async () => {
  org = await startLocalOrg({ seed: 'demo', now: () => NOW });
});
afterAll(() => org.close());

it('finds its own query jobs when 1,000 older jobs fill the first page of the list', async () => {
  const admin = connectAsAdmin(org);
  for (let i = 0; i < 1000; i++) {
    await admin.request({
      method: 'POST',
      url: '/services/data/v62.0/jobs/query',
      body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Account' }),
      headers: { 'Content-Type': 'application/json' }
    });
  }
  const summary = await runSync(connect(org), {
    config: loadConfigFile(),
    asOf: '2026-11-20',
    // Every large query runs as a Bulk API 2.0 job.
    api: { bulkThreshold: 200, bulkJobTimeoutMs: 60_000 }
  });
  expect(summary).toMatchObject({ failed: 0, snapshots: 27 });
});
