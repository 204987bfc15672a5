/**
 * The Adoption_Rollup__c rows (scripts/sync/rollups.ts) from rollups and answers built here,
 * with the expected rows worked out by hand.
 */
import type { TeamRollup } from '../../scripts/engine';
import { addActivity, addDeal } from '../../scripts/engine/rollup';
import type { People } from '../../scripts/sync/extract';
import { plan } from '../../scripts/sync/plan';
import { nudgeAnswers, rollupKey, rollupRow } from '../../scripts/sync/rollups';
import { finishScores, startRollups } from '../../scripts/sync/score';
import { config } from '../engine/helpers';

const MIA = '005000000000001AAA';
const OLA = '005000000000002AAA';
const ANA = '005000000000003AAA';
const BEN = '005000000000004AAA';
const OTTO = '005000000000005AAA';

/** Ana and Ben report to Mia, Otto to Ola; the answers of the period, in no order. */
function people(): People {
  return {
    users: new Map([
      [ANA, { managerId: MIA, lastLogin: null }],
      [BEN, { managerId: MIA, lastLogin: null }],
      [OTTO, { managerId: OLA, lastLogin: null }]
    ]),
    names: {},
    previous: new Map(),
    trend: new Map(),
    currentSnapshots: new Map(),
    currentRollups: new Map(),
    responses: [
      { OwnerId: ANA, Action__c: 'Fixed' },
      { OwnerId: ANA, Action__c: 'Fixed' },
      { OwnerId: BEN, Action__c: 'Dismissed' },
      { OwnerId: OTTO, Action__c: 'Snoozed' },
      { OwnerId: OTTO, Action__c: 'Fixed' },
      // An answer of someone outside the audience: the org counts it, no team does.
      { OwnerId: '005000000000009AAA', Action__c: 'Snoozed' },
      // An answer without an action is counted under '' (no column of the row).
      { OwnerId: ANA, Action__c: null }
    ]
  };
}

function rollup(managerId: string | null, over: Partial<TeamRollup> = {}): TeamRollup {
  return {
    managerId,
    users: 3,
    activeUsers: 3,
    loggingUsers: 2,
    adoptedUsers: 1,
    tippingPointPct: 33.3,
    targetPct: 45,
    reached: false,
    stageCounts: { Awareness: 0, Understanding: 1, Acceptance: 1, Involvement: 1, Commitment: 0 },
    completenessScore: 73,
    openPipeline: 317000,
    won: 1,
    lost: 1,
    winRate: 50,
    mostImprovedUserId: ANA,
    ...over
  };
}

describe('rollup rows', () => {
  it('keys: TEAM:<manager>:<period> and ORG:<period>', () => {
    expect(rollupKey(MIA, '2026-11-16')).toBe(`TEAM:${MIA}:2026-11-16`);
    expect(rollupKey(null, '2026-11-16')).toBe('ORG:2026-11-16');
  });

  it('a team’s row: its figures, adopters Involvement + Commitment, its users’ answers', () => {
    // 3 users, Involvement 1 + Commitment 2 = 3 adopters of 7: 1000 × 3 ÷ 7 = 428.57 → 429
    // tenths → 42.9 %. Mia's team answered Fixed 2 (Ana), Dismissed 1 (Ben), and Ana's answer
    // without an action is in no column. Active users (5) and users logging activities (4) are
    // stored as the engine counted them.
    const team = rollup(MIA, {
      users: 7,
      activeUsers: 5,
      loggingUsers: 4,
      stageCounts: { Awareness: 1, Understanding: 2, Acceptance: 1, Involvement: 1, Commitment: 2 }
    });
    expect(rollupRow(team, '2026-11-16', people())).toEqual({
      Rollup_Key__c: `TEAM:${MIA}:2026-11-16`,
      Scope__c: 'Team',
      Manager__c: MIA,
      Period_Start__c: '2026-11-16',
      Audience_Size__c: 7,
      Adopters__c: 3,
      Active_Users__c: 5,
      Logging_Users__c: 4,
      Tipping_Point__c: 42.9,
      Target__c: 45,
      Awareness_Users__c: 1,
      Understanding_Users__c: 2,
      Acceptance_Users__c: 1,
      Involvement_Users__c: 1,
      Commitment_Users__c: 2,
      Completeness_Score__c: 73,
      Open_Pipeline__c: 317000,
      Won_Opportunities__c: 1,
      Lost_Opportunities__c: 1,
      Win_Rate__c: 50,
      Most_Improved_User__c: ANA,
      Nudges_Fixed__c: 2,
      Nudges_Snoozed__c: 0,
      Nudges_Dismissed__c: 1
    });
  });

  it('the org’s row counts every answer; no user gives no tipping point', () => {
    const org = rollup(null, {
      users: 0,
      activeUsers: 0,
      loggingUsers: 0,
      stageCounts: { Awareness: 0, Understanding: 0, Acceptance: 0, Involvement: 0, Commitment: 0 },
      completenessScore: null,
      winRate: null,
      mostImprovedUserId: null
    });
    // Fixed: Ana 2 + Otto 1 = 3; Snoozed: Otto 1 + the outsider 1 = 2; Dismissed: Ben 1.
    expect(rollupRow(org, '2026-11-16', people())).toMatchObject({
      Rollup_Key__c: 'ORG:2026-11-16',
      Scope__c: 'Org',
      Manager__c: null,
      Audience_Size__c: 0,
      Adopters__c: 0,
      Active_Users__c: 0,
      Logging_Users__c: 0,
      Tipping_Point__c: null,
      Completeness_Score__c: null,
      Win_Rate__c: null,
      Most_Improved_User__c: null,
      Nudges_Fixed__c: 3,
      Nudges_Snoozed__c: 2,
      Nudges_Dismissed__c: 1
    });
  });

  it('a tipping point of exactly one in two, and rounding half up', () => {
    // 1 of 2 → 50; 1 of 8 → 1000 ÷ 8 = 125 tenths → 12.5; 2 of 3 → 666.67 → 667 → 66.7.
    const stage = (involvement: number) => ({
      Awareness: 0,
      Understanding: 0,
      Acceptance: 0,
      Involvement: involvement,
      Commitment: 0
    });
    expect(
      rollupRow(rollup(OLA, { users: 2, stageCounts: stage(1) }), 'p', people()).Tipping_Point__c
    ).toBe(50);
    expect(
      rollupRow(rollup(OLA, { users: 8, stageCounts: stage(1) }), 'p', people()).Tipping_Point__c
    ).toBe(12.5);
    expect(
      rollupRow(rollup(OLA, { users: 3, stageCounts: stage(2) }), 'p', people()).Tipping_Point__c
    ).toBe(66.7);
  });

  it('active users: the period’s scores count each rep with an open deal or an activity in it, and those logging one', () => {
    // Scored on Friday 2026-11-20: the week 2026-11-16 … 11-22.
    const p = plan(config, '2026-11-20');
    const who = people();
    const rollups = startRollups(config, p, who);
    // Ana: a task on Tuesday 11-17, in the week → active (no deal needed).
    addActivity(rollups.get(ANA)!, { ActivityDate: '2026-11-17' });
    // Ben: a task of Friday 11-13, the week before → not counted; no deal → not active.
    addActivity(rollups.get(BEN)!, { ActivityDate: '2026-11-13' });
    // Otto: one open deal and no activity → active.
    addDeal(rollups.get(OTTO)!, {
      opportunity: {
        Id: '006000000000001AAA',
        OwnerId: OTTO,
        StageName: 'Prospecting',
        IsClosed: false,
        IsWon: false,
        CloseDate: '2026-12-15',
        Amount: 5000
      }
    });
    const scores = finishScores(config, rollups, who);
    const row = (r: TeamRollup) => rollupRow(r, p.periodStart, who);
    // Mia's team: Ana and Ben, 1 active of 2; Ola's: Otto, 1 of 1; the org: 2 of 3. Logging an
    // activity in the week: only Ana (Ben's task is the week before, Otto has a deal and no
    // task), so Mia's team 1, Ola's 0, the org 1.
    const figures = (r: TeamRollup) => {
      const x = row(r);
      return [x.Audience_Size__c, x.Active_Users__c, x.Logging_Users__c];
    };
    expect(scores.teams.map((t) => [t.managerId, ...figures(t)])).toEqual([
      [MIA, 2, 1, 1],
      [OLA, 1, 1, 0]
    ]);
    expect(figures(scores.org)).toEqual([3, 2, 1]);
  });

  it('nudgeAnswers: every answer of the period by action', () => {
    expect(nudgeAnswers(people())).toEqual({ Fixed: 3, Snoozed: 2, Dismissed: 1, '': 1 });
    expect(nudgeAnswers({ ...people(), responses: [] })).toEqual({});
  });
});
