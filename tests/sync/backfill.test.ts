import { loadConfigFile } from '../../scripts/build/load-config';
import { runSync } from '../../scripts/sync/sync';
import { connect, queryAll } from './org';
import { AS_OF, buildFixtureOrg, type FixtureOrg } from './fixture/org';

// The first sync of the hand-built org (tests/sync/fixture/org.ts; see fixture.test.ts for what
// it holds): the week before is scored from the history first. The org is built inside the
// test's beforeEach, so the sync's mutation run credits this test with what it checks.
const config = loadConfigFile();
const PERIOD = '2026-11-16';

let f: FixtureOrg;
beforeEach(async () => {
  f = await buildFixtureOrg();
});
afterEach(() => f.org.close());

describe('the first sync of the hand-built org', () => {
  it('on a first sync, scores the week before from the history first; a dry run writes nothing', async () => {
    const conn = connect(f.org);
    // Without last week's snapshots the org has never been synced: a first sync.
    const ctx = { userId: f.org.adminUserId, now: new Date(`${AS_OF}T12:00:00Z`), system: true };
    for (const s of [...f.org.store.scan('Adoption_Snapshot__c')])
      f.org.store.delete('Adoption_Snapshot__c', s.Id, ctx);

    // A dry run backfills nothing and writes nothing, measures included: what it would write is
    // this week's 4 snapshots (Mia, Ana, Ben, Cleo), 9 insights (the open deals) and 2 rollups
    // (Mia's team, the org).
    const dry = await runSync(conn, { config, asOf: AS_OF, dryRun: true, backfillPeriods: 1 });
    expect(dry).toMatchObject({ dryRun: true, written: 0, failed: 0, snapshots: 4, insights: 9 });
    expect(dry.backfilled).toBeUndefined();
    expect((dry.pending ?? []).map((p) => p.object)).toEqual([
      ...Array<string>(4).fill('Adoption_Snapshot__c'),
      ...Array<string>(9).fill('Deal_Insight__c'),
      ...Array<string>(2).fill('Adoption_Rollup__c')
    ]);
    const count = async (object: string) =>
      (await conn.query(`SELECT Id FROM ${object}`)).totalSize;
    expect(
      await Promise.all(
        [
          'Adoption_Snapshot__c',
          'Deal_Insight__c',
          'Adoption_Rollup__c',
          'Governance_Measure__c'
        ].map(count)
      )
    ).toEqual([0, 0, 0, 0]);

    // The real run with one period of backfill: the week of 11-09, scored as of its last day
    // (11-16 − 7 + 7 − 1 = 11-15), writes its 4 snapshots and 2 rollups (no insight: insights
    // are today's), marked backfilled; then this week as in the first test: 9 insights, 4
    // snapshots and 2 rollups, 15 rows. 6 + 15 = 21 written.
    const log: string[] = [];
    const summary = await runSync(conn, {
      config,
      asOf: AS_OF,
      backfillPeriods: 1,
      log: (l) => log.push(l)
    });
    expect(summary).toMatchObject({
      dryRun: false,
      periodStart: PERIOD,
      written: 21,
      failed: 0,
      snapshots: 4,
      insights: 9,
      backfilled: { periods: 1, snapshots: 4, written: 6, failed: 0 }
    });
    expect(summary.pending).toBeUndefined();
    expect(log.filter((l) => /^(first sync|backfill)/.test(l))).toEqual([
      'first sync on this org: scoring the 1 earlier periods from its history',
      'backfill: period of 2026-11-09: 4 snapshots, 6 rows written'
    ]);
    const snapshots = await queryAll(
      conn,
      'SELECT Period_Start__c, Backfilled__c FROM Adoption_Snapshot__c ORDER BY Period_Start__c'
    );
    expect(snapshots.map((r) => `${String(r.Period_Start__c)} ${String(r.Backfilled__c)}`)).toEqual(
      [...Array<string>(4).fill('2026-11-09 true'), ...Array<string>(4).fill('2026-11-16 false')]
    );
    // The week's measures are written for each week scored: five measures a week.
    const measures = await queryAll(
      conn,
      'SELECT Period_Start__c FROM Governance_Measure__c ORDER BY Period_Start__c'
    );
    expect(measures.map((r) => r.Period_Start__c)).toEqual([
      ...Array<string>(5).fill('2026-11-09'),
      ...Array<string>(5).fill(PERIOD)
    ]);
  });
});
