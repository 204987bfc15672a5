/**
 * The ladder trend in the sync's report: users per rung for each earlier synced week, oldest
 * first, then this week, whatever order the org returns the earlier snapshots in.
 */
import { loadConfigFile } from '../../scripts/build/load-config';
import { runSync } from '../../scripts/sync/sync';
import { connect } from './org';
import { loadAt } from '../support/people';
import { AS_OF, buildFixtureOrg, type FixtureOrg } from './fixture/org';

const config = loadConfigFile();
let f: FixtureOrg;
afterAll(() => f?.org.close());

it('lists the earlier weeks oldest first, then this week', async () => {
  f = await buildFixtureOrg();
  // Two snapshots of the week of 2026-11-02, written after those of 11-09 (so the org returns
  // them after), owned by the sync's user as an earlier run leaves them.
  for (const [user, stage] of [
    [f.users.ana, 'Understanding'],
    [f.users.ben, 'Acceptance']
  ]) {
    f.org.store.insert(
      'Adoption_Snapshot__c',
      {
        Snapshot_Key__c: `${user}:2026-11-02`,
        User__c: user,
        Manager__c: f.users.manager,
        OwnerId: f.org.integrationUserId,
        Period_Start__c: '2026-11-02',
        Adoption_Stage__c: stage,
        Weeks_Below_Stage__c: 0
      },
      loadAt('2026-11-08T20:00:00Z', f.org.integrationUserId)
    );
  }
  const summary = await runSync(connect(f.org), { config, asOf: AS_OF });
  // 11-02: Ana Understanding, Ben Acceptance. 11-09: Ana Acceptance, Ben Involvement, Cleo
  // Awareness. This week (see fixture.test.ts): Ana and Ben Acceptance (the 11-09 rows are the
  // latest earlier ones), Cleo Understanding, Mia Awareness.
  expect(summary.governance.ladderTrend).toEqual([
    { periodStart: '2026-11-02', counts: { Understanding: 1, Acceptance: 1 } },
    { periodStart: '2026-11-09', counts: { Acceptance: 1, Involvement: 1, Awareness: 1 } },
    {
      periodStart: '2026-11-16',
      counts: { Awareness: 1, Understanding: 1, Acceptance: 2, Involvement: 0, Commitment: 0 }
    }
  ]);
});
