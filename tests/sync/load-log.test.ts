/**
 * What the sync's load says about the hand-built org (tests/sync/fixture/org.ts; its first run
 * is worked out in fixture.test.ts): the read shares it grants, and what a dry run would write.
 */
import { loadConfigFile } from '../../scripts/build/load-config';
import { runSync } from '../../scripts/sync/sync';
import { connect } from './org';
import { AS_OF, buildFixtureOrg, type FixtureOrg } from './fixture/org';

const config = loadConfigFile();

/** A test body run on a fresh hand-built org, closed afterwards. */
function withFixture(test: (f: FixtureOrg) => Promise<void>): () => Promise<void> {
  return async () => {
    const f = await buildFixtureOrg();
    try {
      await test(f);
    } finally {
      await f.org.close();
    }
  };
}

describe('what the load says, and what a dry run would write', () => {
  /** A run as of the scoring day, with the share and dry-run lines of its log. */
  async function runLogged(f: FixtureOrg, dryRun = false) {
    const log: string[] = [];
    const summary = await runSync(connect(f.org), {
      config,
      asOf: AS_OF,
      dryRun,
      log: (line) => log.push(line)
    });
    return { summary, lines: log.filter((l) => /^(share|dry run):/.test(l)) };
  }

  it(
    'logs the read shares granted; a run with nothing new grants none',
    withFixture(async (f) => {
      // Snapshot shares 6 + 1 + 6 = 13 and the team rollup's 1 (the 14 read shares above).
      expect((await runLogged(f)).lines).toEqual([
        'share: 13 snapshot shares granted to reps and their managers',
        'share: 1 team rollup shares granted to managers'
      ]);
      // The same day again: every row unchanged, every share already granted.
      const again = await runLogged(f);
      expect(again.summary).toMatchObject({ written: 0, shared: 0 });
      expect(again.lines).toEqual([]);
    })
  );

  it(
    'a dry run lists every row it would write under its object and key, new and changed',
    withFixture(async (f) => {
      const dry = await runLogged(f, true);
      expect(dry.lines).toEqual([
        'dry run: would write 4 snapshots, 9 deal insights and 2 rollups'
      ]);
      const pending = dry.summary.pending ?? [];
      const count = (object: string) => pending.filter((p) => p.object === object).length;
      expect([
        count('Adoption_Snapshot__c'),
        count('Deal_Insight__c'),
        count('Adoption_Rollup__c')
      ]).toEqual([4, 9, 2]);
      const keyField: Record<string, string> = {
        Adoption_Snapshot__c: 'Snapshot_Key__c',
        Deal_Insight__c: 'Insight_Key__c',
        Adoption_Rollup__c: 'Rollup_Key__c'
      };
      for (const p of pending) expect(p.key).toBe(p.fields[keyField[p.object]]);
      expect(dry.summary).toMatchObject({ written: 0, shared: 0 });
      // Written for real, then the changes between runs: a dry run would now update 2 insights
      // (A2 closed, B1 pushed), create none, and write 3 snapshots and both rollups (the 7 rows
      // of the second run above).
      await runLogged(f);
      f.changeBetweenRuns();
      expect((await runLogged(f, true)).lines).toEqual([
        'dry run: would write 3 snapshots, 2 deal insights and 2 rollups'
      ]);
    })
  );
});
