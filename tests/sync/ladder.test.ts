/**
 * The adoption ladder on an org with six months of history, synced for the first time: the sync
 * scores the 8 earlier weeks from what the org records (OpportunityHistory, activity dates,
 * logins, nudge answers, engagement rows) before this one, so the rungs are true on day one,
 * and only the rollout's audience is scored, non-users included.
 *
 * The org (built below, all dates in 2026): Mia manages five reps, each with one open deal
 * created on 05-18 closing 2027-06-30, amount 10,000, next step, lead source and type set and no
 * description (completeness: 20 + 20 fresh + 15 + 15 + 10 + 5 = 85 of 90 → 94 while an activity
 * is at most 14 days old). Stage limits are left out of the config here, so a deal is stale only
 * for want of activity. Every week from 05-18, each rep works as follows:
 * - Nils: nothing at all (never logs in);
 * - Lea: 1 call on Tuesday, opens her adoption view on Wednesday;
 * - Rosa: 4 calls (Monday to Thursday); opened her adoption view once, on 10-14;
 * - Omar: 4 calls and fixes a tip on Wednesday;
 * - Vik: 6 calls (two on Monday and Tuesday, one on Wednesday and Thursday) and fixes a tip.
 * Valerie (VP Sales) holds the Sponsor set, the administrator and the sync's user none of the
 * audience's sets: none of them is scored unless the audience names them.
 *
 * Rules (config/coaching.config.json): Understanding needs a login (an activity logged shows
 * one) and 1 engagement (a view, a WIIFM line read, a message, an answer to a tip), earned once
 * for good; Acceptance 3 activities, completeness 60, fresh 50 %; Involvement 1 coaching act (a
 * Fixed answer counts); Commitment 4 weeks in a row at the Acceptance standard and 5 activities,
 * 80 %, 80 % fresh this week.
 */
import type { Connection } from 'jsforce';
import { loadConfigFile } from '../../scripts/build/load-config';
import { addDays } from '../../scripts/engine/dates';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { addRole } from '../../scripts/local-org/setup';
import type { WriteContext } from '../../scripts/local-org/store';
import { addPerson, loadAt } from '../support/people';
import { runSync, type SyncSummary } from '../../scripts/sync/sync';
import { connect } from './org';

const AS_OF = '2026-11-20';
const NOW = new Date(`${AS_OF}T18:00:00Z`);
const config = { ...loadConfigFile() };
config.risk = { ...config.risk, daysInStageLimits: {} };
const PERIODS = [
  '2026-09-21',
  '2026-09-28',
  '2026-10-05',
  '2026-10-12',
  '2026-10-19',
  '2026-10-26',
  '2026-11-02',
  '2026-11-09',
  '2026-11-16'
];

interface Org {
  org: LocalOrg;
  users: Record<'mia' | 'nils' | 'lea' | 'rosa' | 'omar' | 'vik' | 'valerie', string>;
}

async function buildOrg(): Promise<Org> {
  const org = await startLocalOrg({ now: () => NOW });
  const store = org.store;
  const load = (at: string, userId = org.integrationUserId): WriteContext => loadAt(at, userId);
  const vpRole = addRole(store, 'VP', null, load('2026-01-05T09:00:00Z'));
  const mRole = addRole(store, 'Manager', vpRole.Id, load('2026-01-05T09:00:00Z'));
  const rRole = addRole(store, 'Rep', mRole.Id, load('2026-01-05T09:00:00Z'));
  const user = (first: string, permissionSet: string, roleId: string, managerId?: string) =>
    addPerson(
      store,
      'ladder',
      { first, last: 'Ladder', permissionSet, roleId, managerId },
      load('2026-01-05T09:00:00Z')
    );
  const valerie = user('Valerie', 'Adoption_Coach_Sponsor', vpRole.Id);
  const mia = user('Mia', 'Adoption_Coach_Manager', mRole.Id, valerie);
  const rep = (name: string) => user(name, 'Adoption_Coach_Rep', rRole.Id, mia);
  const users = {
    mia,
    valerie,
    nils: rep('Nils'),
    lea: rep('Lea'),
    rosa: rep('Rosa'),
    omar: rep('Omar'),
    vik: rep('Vik')
  };
  const deals: Record<string, string> = {};
  for (const [name, id] of Object.entries(users)) {
    if (name === 'mia' || name === 'valerie') continue;
    deals[name] = store.insert(
      'Opportunity',
      {
        Name: `${name} deal`,
        OwnerId: id,
        StageName: 'Qualification',
        CloseDate: '2027-06-30',
        Amount: 10000,
        NextStep: 'Proposal',
        LeadSource: 'Web',
        Type: 'New Customer',
        CreatedDate: '2026-05-18T09:00:00Z'
      },
      load('2026-05-18T09:00:00Z', id)
    ).Id;
  }
  const call = (name: keyof typeof users, day: string) =>
    store.insert(
      'Task',
      {
        Subject: 'Call',
        Status: 'Completed',
        ActivityDate: day,
        WhatId: deals[name],
        OwnerId: users[name],
        CreatedDate: `${day}T14:00:00Z`
      },
      load(`${day}T14:00:00Z`, users[name])
    );
  const view = (name: keyof typeof users, day: string) =>
    store.insert(
      'Coach_Engagement__c',
      {
        Engagement_Key__c: `${users[name]}:Viewed_Adoption:-:${day}`,
        User__c: users[name],
        Kind__c: 'Viewed_Adoption',
        Occurred_At__c: `${day}T08:00:00Z`,
        OwnerId: users[name]
      },
      load(`${day}T08:00:00Z`, users[name])
    );
  const fix = (name: keyof typeof users, day: string) =>
    store.insert(
      'Nudge_Response__c',
      {
        Nudge_Key__c: `Opp_Details:${deals[name]}`,
        Record_Id__c: deals[name],
        Action__c: 'Fixed',
        OwnerId: users[name],
        CreatedDate: `${day}T16:00:00Z`
      },
      load(`${day}T16:00:00Z`, users[name])
    );
  for (let monday = '2026-05-18'; monday <= '2026-11-16'; monday = addDays(monday, 7)) {
    const [mon, tue, wed, thu] = [0, 1, 2, 3].map((n) => addDays(monday, n));
    call('lea', tue);
    view('lea', wed);
    for (const d of [mon, tue, wed, thu]) call('rosa', d);
    for (const d of [mon, tue, wed, thu]) call('omar', d);
    fix('omar', wed);
    for (const d of [mon, mon, tue, tue, wed, thu]) call('vik', d);
    fix('vik', wed);
  }
  view('rosa', '2026-10-14');
  store.commit();
  return { org, users };
}

async function stages(conn: Connection, user: string) {
  const r = await conn.query<{
    Period_Start__c: string;
    Adoption_Stage__c: string;
    Backfilled__c: boolean;
  }>(
    `SELECT Period_Start__c, Adoption_Stage__c, Backfilled__c FROM Adoption_Snapshot__c WHERE User__c = '${user}' ORDER BY Period_Start__c`
  );
  return r.records.map((s) => [s.Period_Start__c, s.Adoption_Stage__c, s.Backfilled__c]);
}

describe('the ladder on an org with six months of history, first synced today', () => {
  let o: Org;
  let summary: SyncSummary;
  const log: string[] = [];
  beforeAll(async () => {
    o = await buildOrg();
    summary = await runSync(connect(o.org), {
      config,
      asOf: AS_OF,
      backfillPeriods: 8,
      log: (l) => log.push(l)
    });
  }, 300_000);
  afterAll(() => o?.org.close());

  it('scores the 8 earlier weeks from the history first, marked as backfilled', async () => {
    expect(log).toContain('first sync on this org: scoring the 8 earlier periods from its history');
    const conn = connect(o.org);
    // Every period of the 9 holds a snapshot for Mia and her 5 reps, nobody else; the earlier 8
    // are marked Backfilled__c.
    const all = await conn.query<{ Period_Start__c: string; Backfilled__c: boolean }>(
      'SELECT Period_Start__c, Backfilled__c FROM Adoption_Snapshot__c'
    );
    expect(all.records.length).toBe(9 * 6);
    for (const s of all.records) expect(s.Backfilled__c).toBe(s.Period_Start__c !== '2026-11-16');
  });

  it('puts people on the rungs their evidence shows, not all on Awareness', async () => {
    // This week: Nils and Mia show nothing (Awareness); Lea logs in and looks, 1 call <
    // 3 (Understanding); Rosa uses it (4 calls, 94 %, her deal fresh) but has acted on no tip
    // and still has something to fix (94 < 100): Acceptance; Omar fixes a tip each week:
    // Involvement (4 calls < 5 for Commitment); Vik has met the standard for 9 weeks and this
    // week 6 calls, 94 %, 100 % fresh: Commitment.
    expect(summary.org.stageCounts).toEqual({
      Awareness: 2,
      Understanding: 1,
      Acceptance: 1,
      Involvement: 1,
      Commitment: 1
    });
    // Tipping point: Omar and Vik of the 6 in the audience (Nils and Mia included) = 33.3 %.
    expect(summary.org).toMatchObject({ users: 6, adoptedUsers: 2, tippingPointPct: 33.3 });
  });

  it('climbs as the evidence came: Rosa waits for her first look, Vik holds the standard 4 weeks', async () => {
    const conn = connect(o.org);
    // Rosa: no engagement before 10-14, so no rung above Awareness however much she logs; the
    // week she opens her view (10-12) she stands on Acceptance at once, and keeps it.
    expect((await stages(conn, o.users.rosa)).map((s) => s[1])).toEqual([
      'Awareness',
      'Awareness',
      'Awareness',
      'Acceptance',
      'Acceptance',
      'Acceptance',
      'Acceptance',
      'Acceptance',
      'Acceptance'
    ]);
    // Vik: Involvement in the first 3 backfilled weeks (1, 2, 3 weeks at standard), Commitment
    // from the 4th (10-12) on.
    expect((await stages(conn, o.users.vik)).map((s) => s[1])).toEqual([
      'Involvement',
      'Involvement',
      'Involvement',
      'Commitment',
      'Commitment',
      'Commitment',
      'Commitment',
      'Commitment',
      'Commitment'
    ]);
    expect((await stages(conn, o.users.nils)).map((s) => s[0])).toEqual(PERIODS);
  });

  it('scores the VP only when the audience names the Sponsor set', async () => {
    const conn = connect(o.org);
    const none = await conn.query(
      `SELECT Id FROM Adoption_Snapshot__c WHERE User__c = '${o.users.valerie}'`
    );
    expect(none.totalSize).toBe(0);
    const wider = await runSync(conn, {
      config,
      asOf: AS_OF,
      audience: ['Adoption_Coach_Rep', 'Adoption_Coach_Manager', 'Adoption_Coach_Sponsor']
    });
    // Valerie joins at the bottom rung: 2 adopters of 7 = 28.6 %.
    expect(wider.org).toMatchObject({ users: 7, adoptedUsers: 2, tippingPointPct: 28.6 });
    expect(await stages(conn, o.users.valerie)).toEqual([['2026-11-16', 'Awareness', false]]);
  });

  it('takes the audience from the config: permission sets, profiles and roles, any of them', async () => {
    const conn = connect(o.org);
    const run = (audience: NonNullable<typeof config.audience>) =>
      runSync(conn, { config: { ...config, audience }, asOf: AS_OF });
    // The VP's role (DeveloperName VP) beside the Rep and Manager sets: Valerie joins the 6,
    // 2 adopters (Omar and Vik) of 7 = 28.6 %.
    expect(
      (
        await run({
          permissionSets: ['Adoption_Coach_Rep', 'Adoption_Coach_Manager'],
          roles: ['VP']
        })
      ).org
    ).toMatchObject({ users: 7, adoptedUsers: 2, tippingPointPct: 28.6 });
    // The Standard User profile alone: the same 7 (the administrator's profile is System
    // Administrator, the sync's user's Minimum Access).
    expect((await run({ profiles: ['Standard User'] })).org).toMatchObject({
      users: 7,
      adoptedUsers: 2
    });
    // The Rep role alone: the 5 reps, Omar and Vik adopters = 40 %.
    expect((await run({ roles: ['Rep'] })).org).toMatchObject({
      users: 5,
      adoptedUsers: 2,
      tippingPointPct: 40
    });
    // A profile name with a quote reaches the org as an escaped literal, and matches nobody.
    expect((await run({ profiles: ["O'Brien's Sales"] })).org).toMatchObject({ users: 0 });
  });
});
