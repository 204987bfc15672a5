import { loadConfigFile } from '../../scripts/build/load-config';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { runSync, type SyncOptions } from '../../scripts/sync/sync';
import { connect, endState } from './org';

const NOW = new Date('2026-11-20T18:00:00Z');
const config = loadConfigFile();

describe('sync under faults', () => {
  const orgs: LocalOrg[] = [];
  afterAll(() => Promise.all(orgs.map((o) => o.close())));

  it.each([
    ['REST and /composite', { api: {} }],
    ['Bulk API 2.0', { api: { bulkThreshold: 100 }, bulkLoadThreshold: 100 }]
  ] as [string, Partial<SyncOptions>][])(
    'with 10 %% transient failures (%s) ends in the same state as a fault-free run',
    async (_path, paths) => {
      const clean = await startLocalOrg({ seed: 'demo', now: () => NOW });
      const faulty = await startLocalOrg({
        seed: 'demo',
        now: () => NOW,
        faults: { rate: 0.1, seed: 7 }
      });
      orgs.push(clean, faulty);
      const a = await runSync(connect(clean), { config, asOf: '2026-11-20' });
      const b = await runSync(connect(faulty), {
        config,
        asOf: '2026-11-20',
        ...paths,
        api: { retryBaseMs: 5, retries: 8, ...paths.api }
      });
      // Retried by jsforce's transport or by the sync's own backoff.
      expect(faulty.server.faultsInjected).toBeGreaterThan(0);
      expect(clean.server.faultsInjected).toBe(0);
      expect([a.failed, b.failed]).toEqual([0, 0]);
      (faulty.server as unknown as { options: { faults?: unknown } }).options.faults = undefined;
      const [x, y] = await Promise.all([endState(connect(clean)), endState(connect(faulty))]);
      // The demo's audience: 24 reps (Adoption_Coach_Rep) and 3 managers (Adoption_Coach_Manager);
      // the VP (sponsor), the administrator and the sync's user get no snapshot.
      expect(y.snapshots.length).toBe(27);
      expect(y.insights.length).toBe(a.insights);
      expect(y).toEqual(x);
    }
  );

  it('writes the rest when some records fail for good, and lists the failures', async () => {
    const org = await startLocalOrg({ seed: 'demo', now: () => NOW });
    orgs.push(org);
    let gone = '';
    const summary = await runSync(connect(org), {
      config,
      asOf: '2026-11-20',
      // Between scoring and loading, a user deletes an open deal: its insight cannot be written.
      checkpoint: (name) => {
        if (name !== 'scored') return;
        const open = [...org.store.scan('Opportunity')].find((o) => o.IsClosed === false)!;
        gone = open.Id;
        org.store.delete('Opportunity', open.Id, {
          userId: org.adminUserId,
          now: NOW,
          system: true
        });
      }
    });
    expect(summary.failures).toEqual([
      expect.objectContaining({
        object: 'Deal_Insight__c',
        key: gone,
        errorCode: 'INVALID_CROSS_REFERENCE_KEY'
      })
    ]);
    expect(summary.failed).toBe(1);
    expect(summary.written).toBe(summary.snapshots + summary.insights + summary.rollups - 1);
  });
});
