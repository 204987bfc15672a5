/**
 * Who sees a snapshot after the sync, as each person through the API: a rep their own, a manager
 * every direct report's, whether or not the role hierarchy mirrors the reporting line; nobody
 * else. The org is built by hand: one manager, two reps, and a manager of another team.
 */
import jsforce from 'jsforce';
import { loadConfigFile } from '../../scripts/build/load-config';
import type { LocalOrg } from '../../scripts/local-org';
import { addRole } from '../../scripts/local-org/setup';
import { addNamedUser, privateDealsOrg } from '../support/people';
import { runSync } from '../../scripts/sync/sync';
import { connect } from './org';

const NOW = new Date('2026-11-20T18:00:00Z');
const config = loadConfigFile();

async function orgWith(rolesMirrorTheLine: boolean) {
  const { org, ctx } = await privateDealsOrg(NOW);
  const s = org.store;
  const head = addRole(s, 'Head of Sales', null, ctx).Id;
  const lead = addRole(s, 'Team A Manager', head, ctx).Id;
  const team = addRole(s, 'Team A', lead, ctx).Id;
  const other = addRole(s, 'Team B', head, ctx).Id;
  const person = (name: string, roleId: string, ps: string, managerId: string | null) =>
    addNamedUser(s, name, 's', { profile: 'Standard User', roleId, permissionSets: [ps] }, ctx, {
      ManagerId: managerId
    });
  // With mirroring roles the manager's role is above the reps' (and not above Team B: a role
  // above Team B would also see what is shared with its members); without, the manager is in
  // Team B, beside the reps' role, so the hierarchy gives them nothing of their reps'.
  const manager = person(
    'manager',
    rolesMirrorTheLine ? lead : other,
    'Adoption_Coach_Manager',
    null
  );
  const outsider = person('outsider', other, 'Adoption_Coach_Manager', null);
  const ids = {
    manager,
    outsider,
    rep1: person('rep1', team, 'Adoption_Coach_Rep', manager),
    rep2: person('rep2', team, 'Adoption_Coach_Rep', manager)
  };
  for (const rep of [ids.rep1, ids.rep2]) {
    s.insert(
      'Opportunity',
      { Name: `deal of ${rep}`, StageName: 'Prospecting', CloseDate: '2026-12-31', OwnerId: rep },
      { ...ctx, userId: rep }
    );
  }
  return { org, ids };
}

async function snapshotsSeenBy(org: LocalOrg, userId: string): Promise<string[]> {
  const conn = new jsforce.Connection({
    instanceUrl: org.instanceUrl,
    accessToken: org.tokenFor(userId),
    version: '62.0'
  });
  const rows = await conn.query<{ User__c: string }>('SELECT User__c FROM Adoption_Snapshot__c');
  return rows.records.map((r) => r.User__c).sort();
}

async function rollupsSeenBy(org: LocalOrg, userId: string): Promise<string[]> {
  const conn = new jsforce.Connection({
    instanceUrl: org.instanceUrl,
    accessToken: org.tokenFor(userId),
    version: '62.0'
  });
  const rows = await conn.query<{ Rollup_Key__c: string }>(
    'SELECT Rollup_Key__c FROM Adoption_Rollup__c'
  );
  return rows.records.map((r) => r.Rollup_Key__c).sort();
}

describe.each([true, false])(
  'snapshots shared by the sync (roles mirror the line: %s)',
  (mirror) => {
    let org: LocalOrg;
    let ids: Record<string, string>;
    let runs: Awaited<ReturnType<typeof runSync>>[];
    beforeAll(async () => {
      ({ org, ids } = await orgWith(mirror));
      runs = [
        await runSync(connect(org), { config, asOf: '2026-11-20' }),
        await runSync(connect(org), { config, asOf: '2026-11-20' })
      ];
    });
    afterAll(() => org.close());

    it('shares each snapshot with its rep and the reps’ with their manager, once', () => {
      // The audience: two reps and two managers; each snapshot shared with its rep, and the reps'
      // two with their manager (managers have no manager): 4 + 2 shares; one team (the
      // manager's: rep1 and rep2), whose rollup is shared with the manager: 1 more.
      expect(runs[0]).toMatchObject({ snapshots: 4, rollups: 2, failed: 0, shared: 7 });
      // A second run grants nothing more.
      expect(runs[1]).toMatchObject({ written: 0, shared: 0, failed: 0 });
    });

    it('shows a rep only their own snapshot', async () => {
      expect(await snapshotsSeenBy(org, ids.rep1)).toEqual([ids.rep1]);
    });

    it("shows a manager every direct report's snapshot, and their own", async () => {
      expect(await snapshotsSeenBy(org, ids.manager)).toEqual(
        [ids.manager, ids.rep1, ids.rep2].sort()
      );
    });

    it("shows another team's manager none of them", async () => {
      expect(await snapshotsSeenBy(org, ids.outsider)).toEqual([ids.outsider]);
    });

    it("shows a manager their team's rollup only, another manager none", async () => {
      // Adoption_Coach_Manager: Read on Adoption_Rollup__c without View All; the team row is
      // shared with its manager, the org row with nobody (the sponsor reads it through View All).
      expect(await rollupsSeenBy(org, ids.manager)).toEqual([`TEAM:${ids.manager}:2026-11-16`]);
      expect(await rollupsSeenBy(org, ids.outsider)).toEqual([]);
    });
  }
);
