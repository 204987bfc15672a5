/**
 * The sync against a hand-built org (tests/sync/fixture/org.ts): every Deal_Insight__c and
 * Adoption_Snapshot__c row it writes is compared with a literal worked out by hand from
 * config/coaching.config.json, never with another run of the sync.
 *
 * Rules used below (config/coaching.config.json, scripts/engine/risk.ts and rollup.ts):
 * - Scoring day 2026-11-20; week 2026-11-16 … 11-22; win-rate window 2025-11-21 … 2026-11-20.
 * - STALE: latest activity (or creation) more than 14 days before the scoring day, or longer in
 *   the stage than its limit (Prospecting 30, Qualification 30, Needs Analysis … Perception
 *   Analysis 45, Proposal/Price Quote 30, Negotiation/Review 30). PAST_DUE: close date before
 *   the scoring day. NO_NEXT_STEP: NextStep blank. PUSHED: close date moved later at least 2
 *   times. NO_CONTACT_ROLE: none. NO_DECISION_MAKER: no role Decision Maker / Economic Buyer
 *   and no C-level or VP title. STAGE_REGRESSED: the stage went back at least once.
 * - Completeness (open deal): next step 20 (from Qualification on), activity within 14 days 20,
 *   close date not in the past 15, amount > 0 15, lead source 10, type 5, description 5;
 *   floor(100 × earned ÷ applicable). A closed deal keeps only amount, lead source, type and
 *   description (35).
 * - Coaching questions: one per flag, in flag order, label from risk.flags.<flag>.questionLabel.
 * - A closed deal's insight keeps its push count and completeness; its flags, questions, days in
 *   stage and days since activity are cleared.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { loadConfigFile } from '../../scripts/build/load-config';
import { runSync } from '../../scripts/sync/sync';
import { INSIGHT_FIELDS, ROLLUP_FIELDS, SNAPSHOT_FIELDS } from '../../scripts/sync/fields';
import { EMPTY_SNAPSHOT } from '../support/snapshots';
import { connect } from './org';
import { AS_OF, buildFixtureOrg, type DealName, type FixtureOrg } from './fixture/org';

const config = loadConfigFile();
const PERIOD = '2026-11-16';
/** No WIIFM statement: 2 closed deals in the window (3 after A2 closes), below minSample 10. */
const NO_STATEMENTS = '{"v":1,"asOf":"2026-11-20","windowDays":365,"statements":[]}';

const fixtures: FixtureOrg[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(fixtures.map((f) => f.org.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
async function fixture(): Promise<FixtureOrg> {
  const f = await buildFixtureOrg();
  fixtures.push(f);
  return f;
}
function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ac-fixture-'));
  dirs.push(dir);
  return dir;
}

async function rows(conn: Connection, soql: string): Promise<Record<string, unknown>[]> {
  const result = await conn.query<Record<string, unknown>>(soql).run({ autoFetch: true });
  return result.records.map(({ attributes: _a, ...rest }) => rest);
}

/** Every Deal_Insight__c row, by deal name. */
async function insightsByDeal(f: FixtureOrg) {
  const names = new Map(Object.entries(f.deals).map(([name, id]) => [id, name]));
  const all = await rows(
    connect(f.org),
    `SELECT ${INSIGHT_FIELDS.join(', ')} FROM Deal_Insight__c`
  );
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of all) {
    const name = names.get(String(r.Opportunity__c)) ?? String(r.Opportunity__c);
    expect(r.Insight_Key__c).toBe(r.Opportunity__c);
    const { Opportunity__c: _o, Insight_Key__c: _k, ...fields } = r;
    out[name] = fields;
  }
  return out;
}

/** This week's Adoption_Snapshot__c rows, by user name. */
async function snapshotsByUser(f: FixtureOrg) {
  const names = new Map(Object.entries(f.users).map(([name, id]) => [id, name]));
  const all = await rows(
    connect(f.org),
    `SELECT ${SNAPSHOT_FIELDS.join(', ')} FROM Adoption_Snapshot__c WHERE Period_Start__c = ${PERIOD}`
  );
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of all) {
    const name = names.get(String(r.User__c)) ?? String(r.User__c);
    expect(r.Snapshot_Key__c).toBe(`${r.User__c}:${PERIOD}`);
    expect(r.Period_Start__c).toBe(PERIOD);
    expect(r.Insights__c).toBe(NO_STATEMENTS);
    const { Snapshot_Key__c: _k, User__c: _u, Period_Start__c: _p, Insights__c: _i, ...fields } = r;
    out[name] = fields;
  }
  return out;
}

const q = {
  STALE: '{"flag":"STALE","label":"Coach_Q_Stale"}',
  PAST_DUE: '{"flag":"PAST_DUE","label":"Coach_Q_PastDue"}',
  NO_NEXT_STEP: '{"flag":"NO_NEXT_STEP","label":"Coach_Q_NoNextStep"}',
  PUSHED: '{"flag":"PUSHED","label":"Coach_Q_Pushed"}',
  NO_CONTACT_ROLE: '{"flag":"NO_CONTACT_ROLE","label":"Coach_Q_NoContactRole"}',
  NO_DECISION_MAKER: '{"flag":"NO_DECISION_MAKER","label":"Coach_Q_NoDecisionMaker"}',
  STAGE_REGRESSED: '{"flag":"STAGE_REGRESSED","label":"Coach_Q_StageRegressed"}'
};

/** The insights after the first run, worked out by hand. */
const FIRST_INSIGHTS: Partial<Record<DealName, Record<string, unknown>>> = {
  // A1: Proposal/Price Quote since 11-09 → 11 days (limit 30); call 11-18 → 2 days; close 12-15
  // ahead; next step set; history closes 12-15, 12-15 → 0 pushes; a Decision Maker role.
  // Completeness: all 7 rules apply (90) and all are met → 100.
  A1: {
    Risk_Flags__c: null,
    Push_Count__c: 0,
    Days_In_Stage__c: 11,
    Days_Since_Activity__c: 2,
    Completeness_Score__c: 100,
    Coaching_Questions__c: '[]'
  },
  // A2: Value Proposition since 09-21 → 60 days (> 45: STALE); last activity 10-21 (through
  // LastActivityDate) → 30 days (> 14: STALE as well); no next step; no contact role at all, so
  // no decision maker either. Completeness 90 applicable: next step 0, activity (30 > 14) 0,
  // close 15, amount 15, lead source 10, type 0, description 0 = 40 → floor(44.4) = 44.
  A2: {
    Risk_Flags__c: 'STALE;NO_NEXT_STEP;NO_CONTACT_ROLE;NO_DECISION_MAKER',
    Push_Count__c: 0,
    Days_In_Stage__c: 60,
    Days_Since_Activity__c: 30,
    Completeness_Score__c: 44,
    Coaching_Questions__c: `[${q.STALE},${q.NO_NEXT_STEP},${q.NO_CONTACT_ROLE},${q.NO_DECISION_MAKER}]`
  },
  // A3: Qualification since 08-22 → 31 + 30 + 29 = 90 days (> 30: STALE); call 11-12 → 8 days;
  // close 11-15 < 11-20: PAST_DUE; history closes 09-30 → 10-31 → 11-15: 2 pushes ≥ 2: PUSHED;
  // Head of IT (Director) as Technical Buyer: NO_DECISION_MAKER. Completeness: 90 − close
  // date 15 = 75 → floor(83.3) = 83.
  A3: {
    Risk_Flags__c: 'STALE;PAST_DUE;PUSHED;NO_DECISION_MAKER',
    Push_Count__c: 2,
    Days_In_Stage__c: 90,
    Days_Since_Activity__c: 8,
    Completeness_Score__c: 83,
    Coaching_Questions__c: `[${q.STALE},${q.PAST_DUE},${q.PUSHED},${q.NO_DECISION_MAKER}]`
  },
  // A4: Qualification since 10-05 → 31 + 15 = 46 days (> 30: STALE although the call was on
  // 11-19 → 1 day); Senior Vice President is a VP: a decision maker. Completeness 100.
  A4: {
    Risk_Flags__c: 'STALE',
    Push_Count__c: 0,
    Days_In_Stage__c: 46,
    Days_Since_Activity__c: 1,
    Completeness_Score__c: 100,
    Coaching_Questions__c: `[${q.STALE}]`
  },
  // B1: Needs Analysis since 10-12 → 31 + 8 = 39 days (limit 45); event 11-17 → 3 days; one
  // push (12-01 → 12-20) < 2; VP Operations decides. Completeness 100.
  B1: {
    Risk_Flags__c: null,
    Push_Count__c: 1,
    Days_In_Stage__c: 39,
    Days_Since_Activity__c: 3,
    Completeness_Score__c: 100,
    Coaching_Questions__c: '[]'
  },
  // B2: Qualification (1) → Proposal/Price Quote (6) → Needs Analysis (2): one regression;
  // Needs Analysis since 11-05 → 15 days; call 11-16 → 4 days; no next step. Completeness: 90
  // applicable, earned activity 20 + close 15 + amount 15 = 50 → floor(55.6) = 55.
  B2: {
    Risk_Flags__c: 'NO_NEXT_STEP;STAGE_REGRESSED',
    Push_Count__c: 0,
    Days_In_Stage__c: 15,
    Days_Since_Activity__c: 4,
    Completeness_Score__c: 55,
    Coaching_Questions__c: `[${q.NO_NEXT_STEP},${q.STAGE_REGRESSED}]`
  },
  // B3: Prospecting since 11-02 → 18 days; the latest activity on or before 11-20 is the call
  // of 11-10 → 10 days (not stale); no next step, no contact role; its close date moved from
  // 02-01 to 02-20, within one month: no push. Completeness: Prospecting is
  // before Qualification, so the next-step rule does not apply (70 applicable); LastActivityDate
  // 11-25 is fresh 20, close 15, amount blank 0, lead source 10, type 5, description 0 = 50 →
  // floor(71.4) = 71.
  B3: {
    Risk_Flags__c: 'NO_NEXT_STEP;NO_CONTACT_ROLE;NO_DECISION_MAKER',
    Push_Count__c: 0,
    Days_In_Stage__c: 18,
    Days_Since_Activity__c: 10,
    Completeness_Score__c: 71,
    Coaching_Questions__c: `[${q.NO_NEXT_STEP},${q.NO_CONTACT_ROLE},${q.NO_DECISION_MAKER}]`
  },
  // C1: Id. Decision Makers since 10-26 → 5 + 20 = 25 days; call 11-19 → 1 day; the CEO is
  // C-level. Completeness 100.
  C1: {
    Risk_Flags__c: null,
    Push_Count__c: 0,
    Days_In_Stage__c: 25,
    Days_Since_Activity__c: 1,
    Completeness_Score__c: 100,
    Coaching_Questions__c: '[]'
  },
  // C2: Perception Analysis since 09-01 → 30 + 31 + 19 = 80 days (> 45); last call 10-01 →
  // 50 days: STALE; close 11-01: PAST_DUE; no push (09-30 → 11-01 was made on 10-20, after
  // 09-30 had passed: a re-forecast); no next step; Economic Buyer decides. Completeness:
  // amount 15 + description 5 = 20 of 90 → floor(22.2) = 22.
  C2: {
    Risk_Flags__c: 'STALE;PAST_DUE;NO_NEXT_STEP',
    Push_Count__c: 0,
    Days_In_Stage__c: 80,
    Days_Since_Activity__c: 50,
    Completeness_Score__c: 22,
    Coaching_Questions__c: `[${q.STALE},${q.PAST_DUE},${q.NO_NEXT_STEP}]`
  }
  // B4, C3 (closed before any run) and C4 (closed before the window) get no insight.
};

/**
 * The contacts of the deals' contact roles hold a last name and a title only: of the Contact
 * rules (email 25, title 25, account 20, phone 15, activity within 90 days 15) they earn the
 * title's 25 of 100 → 25 each, so each rep's Contact_Completeness__c is 25.
 */
const CONTACTS = 25;

/** The snapshots after the first run, worked out by hand. */
function firstSnapshots(f: FixtureOrg) {
  const manager = f.users.manager;
  return {
    // Ana: open A1–A4; pipeline 50,000 + 80,000 + 30,000 + 12,000 = 172,000; nothing closed in
    // the window → win rate blank; STALE A2, A3, A4; PAST_DUE A3; no next step A2; PUSHED A3;
    // activities in the week: A1 11-18, A4 11-17 and 11-19 = 3; completeness mean
    // (100 + 44 + 83 + 100) / 4 = 81.75 → 82. Ladder: fresh share (4 − 3) / 4 = 25 % < 50 %,
    // so she qualifies for Understanding only; last week Acceptance with 0 weeks below → one
    // week below (drop after 2): stays Acceptance, 1 week below. Evidence: logged in (she logged
    // activities); 1 engagement (her answer of 11-17); coaching acts 3: A1's task of 11-18 after
    // 28 quiet days since its creation on 10-21, A4's event of 11-17 after 63 days since 09-15
    // (each > 14: a deal gone quiet, revived), and her dismissal of Opp_Details with a reason
    // (feedback). Not at the Acceptance standard (fresh 25 %): 0 periods.
    ana: {
      ...EMPTY_SNAPSHOT,
      Manager__c: manager,
      Completeness_Score__c: 82,
      Adoption_Stage__c: 'Acceptance',
      Weeks_Below_Stage__c: 1,
      Open_Opportunities__c: 4,
      Open_Pipeline__c: 172000,
      Stale_Opportunities__c: 3,
      Past_Due_Opportunities__c: 1,
      Missing_Next_Step__c: 1,
      Pushed_Opportunities__c: 1,
      Activities_Logged__c: 3,
      Contact_Completeness__c: CONTACTS,
      Logged_In__c: true,
      Engagements__c: 1,
      Coaching_Acts__c: 3
    },
    // Ben: open B1–B3; pipeline 40,000 + 20,000 + 0 (B3 has no amount) = 60,000; B4 lost in the
    // window → 0 won of 1 → 0.0 %; no stale or past-due deal; no next step B2, B3; B1 pushed
    // once only; activities: B1 event 11-17, B2 call 11-16 = 2 (B3's 11-10 and 11-25 are outside
    // the week); completeness (100 + 55 + 71) / 3 = 75.3 → 75. Ladder: 2 activities < 3 →
    // Understanding; last week Involvement with 1 week below → the second week below drops one
    // rung: Acceptance, 0 weeks below. Evidence: logged in; 1 engagement (his Fixed answer of
    // 11-18); coaching acts 3: that Fixed answer, B1's event of 11-17 (36 days after its creation
    // on 10-12) and B2's call of 11-16 (46 days after 10-01).
    ben: {
      ...EMPTY_SNAPSHOT,
      Manager__c: manager,
      Completeness_Score__c: 75,
      Adoption_Stage__c: 'Acceptance',
      Open_Opportunities__c: 3,
      Open_Pipeline__c: 60000,
      Lost_Opportunities__c: 1,
      Win_Rate__c: 0,
      Missing_Next_Step__c: 2,
      Activities_Logged__c: 2,
      Contact_Completeness__c: CONTACTS,
      Logged_In__c: true,
      Engagements__c: 1,
      Coaching_Acts__c: 3
    },
    // Cleo: open C1, C2; pipeline 60,000 + 25,000 = 85,000; C3 won in the window (C4 is older)
    // → 1 of 1 = 100 %; C2 stale, past due, no next step; activities: C1 11-19 and the team
    // call 11-18 on no deal = 2; completeness (100 + 22) / 2 = 61. Ladder: logged in (her
    // activities) and 1 engagement (she opened her adoption view on 11-17) → Understanding;
    // 2 activities < 3, so not Acceptance. Coaching acts 1: C1's task of 11-19, 24 days after
    // its creation on 10-26 (her Fixed answer of 11-12 was the week before).
    cleo: {
      ...EMPTY_SNAPSHOT,
      Manager__c: manager,
      Completeness_Score__c: 61,
      Adoption_Stage__c: 'Understanding',
      Open_Opportunities__c: 2,
      Open_Pipeline__c: 85000,
      Won_Opportunities__c: 1,
      Win_Rate__c: 100,
      Stale_Opportunities__c: 1,
      Past_Due_Opportunities__c: 1,
      Missing_Next_Step__c: 1,
      Activities_Logged__c: 2,
      Contact_Completeness__c: CONTACTS,
      Logged_In__c: true,
      Engagements__c: 1,
      Coaching_Acts__c: 1
    },
    // Mia: no deal, no activity, no login known, no earlier snapshot → Awareness. The sync's user and the
    // administrator hold no Rep or Manager permission set: outside the audience, no snapshot.
    manager: { ...EMPTY_SNAPSHOT, Manager__c: null }
  };
}

describe('sync of the hand-built org', () => {
  it('writes the insights and snapshots worked out by hand', async () => {
    const f = await fixture();
    const log: string[] = [];
    const summary = await runSync(connect(f.org), {
      config,
      asOf: AS_OF,
      log: (line) => log.push(line)
    });
    // 9 open deals and the 2 closed in the window (B4, C3); C4 is older than the window.
    expect(summary).toMatchObject({ deals: 11, insights: 9, snapshots: 4, failed: 0 });
    // Rows read: the audience's 4 permission set assignments (Mia's Manager set, the three
    // reps' Rep set); 6 active users (the sync's user, the administrator, Mia, Ana, Ben, Cleo);
    // last week's 3
    // snapshots; none of this week yet; 2 nudge answers since Monday; 11 deals; their history
    // rows A1 2, A2 1, A3 3, A4 2, B1 2, B2 3, B3 2, B4 2, C1 1, C2 2, C3 2 = 22; contact roles
    // A1, A3, A4, B1, B2, C2 one each and C1 two = 8; tasks dated from 11-01 (the week's Monday
    // less 15 days, the staleness window; none falls on 11-01 … 11-05): A1, A3, A4, B2, B3, C1 and Cleo's team call = 7; events A4, B1, B3
    // = 3; no insight yet; no rollup of this week yet; Cleo's engagement row; no programme
    // message receipt (the object is deployed, nobody saw a message); no account; the 8
    // contacts of the roles; no lead. Every query gave the rows it announced (no "announced"
    // line).
    expect(log.filter((l) => /^(extract|score):/.test(l))).toEqual([
      'extract: everything the scores need',
      'score: deals as of 2026-11-20',
      'extract: read 4 audience by permission set, 6 User, 3 earlier snapshots, 0 Adoption_Snapshot__c, 0 Adoption_Rollup__c, 2 Nudge_Response__c, 11 Opportunity, 22 OpportunityHistory, 8 OpportunityContactRole, 7 Task, 3 Event, 0 Deal_Insight__c, 1 Coach_Engagement__c, 0 Message_Receipt__c, 0 Account, 8 Contact, 0 Lead'
    ]);
    expect(summary.read).toBe(75);
    // 9 insights + 4 snapshots + 2 rollups (Mia's team and the org), all new.
    expect(summary.written).toBe(15);
    expect(summary.rollups).toBe(2);
    // Read shares: this week's snapshots of Ana, Ben and Cleo to the rep and to Mia (6), Mia's
    // to Mia (1), last week's three to the rep and to Mia (6), and the team's rollup to Mia (1).
    expect(summary.shared).toBe(14);
    expect(await insightsByDeal(f)).toEqual(FIRST_INSIGHTS);
    expect(await snapshotsByUser(f)).toEqual(firstSnapshots(f));
    // Last week's snapshots are left as they were.
    const earlier = await rows(
      connect(f.org),
      `SELECT Adoption_Stage__c, Weeks_Below_Stage__c FROM Adoption_Snapshot__c WHERE Period_Start__c = 2026-11-09 ORDER BY Completeness_Score__c`
    );
    expect(earlier).toEqual([
      { Adoption_Stage__c: 'Awareness', Weeks_Below_Stage__c: 0 },
      { Adoption_Stage__c: 'Acceptance', Weeks_Below_Stage__c: 0 },
      { Adoption_Stage__c: 'Involvement', Weeks_Below_Stage__c: 1 }
    ]);
  });

  it('rolls the team and the org up and ranks the riskiest deals by hand', async () => {
    const f = await fixture();
    const summary = await runSync(connect(f.org), { config, asOf: AS_OF });
    // Mia's team: Ana, Ben, Cleo, all active (open deals), and all three logged activities this
    // week (3, 2 and 2: firstSnapshots). None at Involvement or above → 0 %.
    // Completeness (82 + 75 + 61) / 3 = 72.7 → 73; pipeline 172,000 + 60,000 + 85,000 =
    // 317,000; 1 won (C3), 1 lost (B4) → 50 %. Most improved: Ana 70 → 82 (+12), Cleo 50 → 61
    // (+11), Ben 80 → 75 (−5): Ana.
    const team = {
      managerId: f.users.manager,
      users: 3,
      activeUsers: 3,
      loggingUsers: 3,
      adoptedUsers: 0,
      tippingPointPct: 0,
      targetPct: 45,
      reached: false,
      stageCounts: {
        Awareness: 0,
        Understanding: 1,
        Acceptance: 2,
        Involvement: 0,
        Commitment: 0
      },
      completenessScore: 73,
      openPipeline: 317000,
      won: 1,
      lost: 1,
      winRate: 50,
      mostImprovedUserId: f.users.ana
    };
    expect(summary.teams).toEqual([team]);
    // The org adds Mia: no deal, no activity (inactive), Awareness.
    expect(summary.org).toEqual({
      ...team,
      managerId: null,
      users: 4,
      stageCounts: { ...team.stageCounts, Awareness: 1 }
    });
    // Amount × risk weight (STALE 3, PAST_DUE 3, NO_NEXT_STEP 2, PUSHED 2, NO_CONTACT_ROLE 1,
    // NO_DECISION_MAKER 2, STAGE_REGRESSED 2): A2 80,000 × 8 = 640,000; A3 30,000 × 10 =
    // 300,000; C2 25,000 × 8 = 200,000; B2 20,000 × 4 = 80,000; A4 12,000 × 3 = 36,000;
    // B3 0 × 5 = 0. Unflagged deals are not listed.
    expect(
      summary.governance.topRisks.map((r) => [r.name, r.amount, r.priority, r.flags.join(';')])
    ).toEqual([
      ['A2 Data platform', 80000, 640000, 'STALE;NO_NEXT_STEP;NO_CONTACT_ROLE;NO_DECISION_MAKER'],
      ['A3 Upgrade', 30000, 300000, 'STALE;PAST_DUE;PUSHED;NO_DECISION_MAKER'],
      ['C2 Old deal', 25000, 200000, 'STALE;PAST_DUE;NO_NEXT_STEP'],
      ['B2 Rollout', 20000, 80000, 'NO_NEXT_STEP;STAGE_REGRESSED'],
      ['A4 Add-on', 12000, 36000, 'STALE'],
      ['B3 Inbound', 0, 0, 'NO_NEXT_STEP;NO_CONTACT_ROLE;NO_DECISION_MAKER']
    ]);
    // The answers given since Monday 11-16: Ben's Fixed (11-18) and Ana's Dismissed (11-17);
    // Cleo's of 11-12 is last week's.
    expect(summary.governance.nudgeAnswers).toEqual({ Fixed: 1, Dismissed: 1 });
    // Last week (11-09): Ana Acceptance, Ben Involvement, Cleo Awareness; then this week's.
    expect(summary.governance.ladderTrend).toEqual([
      { periodStart: '2026-11-09', counts: { Acceptance: 1, Involvement: 1, Awareness: 1 } },
      { periodStart: PERIOD, counts: { ...team.stageCounts, Awareness: 1 } }
    ]);
  });

  it('stores the team and org rollups worked out by hand, and shares the team row with Mia', async () => {
    const f = await fixture();
    await runSync(connect(f.org), { config, asOf: AS_OF });
    // From this week's snapshots above (firstSnapshots): Ana Acceptance 82, 172,000; Ben
    // Acceptance 75, 60,000, 1 lost; Cleo Understanding 61, 85,000, 1 won; Mia Awareness, no
    // score, nothing open. Mia's team is Ana, Ben and Cleo (ManagerId Mia): audience 3; rungs
    // Understanding 1, Acceptance 2; adopters (Involvement or Commitment) 0 → tipping point
    // 0 ÷ 3 × 100 = 0; target 45 (tippingPointTargetPct); completeness (82 + 75 + 61) / 3 =
    // 72.7 → 73; pipeline 317,000; 1 won, 1 lost → 50 %; most improved Ana (70 → 82, +12,
    // against Cleo's +11). Answers since Monday 11-16: Ben's Fixed and Ana's Dismissed, both of
    // the team; Cleo's of 11-12 is last week's. Active: all 3, each with an open deal; logging
    // an activity this week: all 3 (Ana 3, Ben 2, Cleo 2).
    const team = {
      Rollup_Key__c: `TEAM:${f.users.manager}:${PERIOD}`,
      Scope__c: 'Team',
      Manager__c: f.users.manager,
      Period_Start__c: PERIOD,
      Audience_Size__c: 3,
      Adopters__c: 0,
      Active_Users__c: 3,
      Logging_Users__c: 3,
      Tipping_Point__c: 0,
      Target__c: 45,
      Awareness_Users__c: 0,
      Understanding_Users__c: 1,
      Acceptance_Users__c: 2,
      Involvement_Users__c: 0,
      Commitment_Users__c: 0,
      Completeness_Score__c: 73,
      Open_Pipeline__c: 317000,
      Won_Opportunities__c: 1,
      Lost_Opportunities__c: 1,
      Win_Rate__c: 50,
      Most_Improved_User__c: f.users.ana,
      Nudges_Fixed__c: 1,
      Nudges_Snoozed__c: 0,
      Nudges_Dismissed__c: 1
    };
    // The org adds Mia: audience 4, Awareness 1, still no adopter (0 ÷ 4 = 0); she has no
    // completeness score, no deal or activity (still 3 active, 3 logging), no earlier snapshot:
    // the rest as the team's.
    const org = {
      ...team,
      Rollup_Key__c: `ORG:${PERIOD}`,
      Scope__c: 'Org',
      Manager__c: null,
      Audience_Size__c: 4,
      Awareness_Users__c: 1
    };
    const stored = await rows(
      connect(f.org),
      `SELECT ${ROLLUP_FIELDS.join(', ')} FROM Adoption_Rollup__c ORDER BY Rollup_Key__c`
    );
    // 'ORG:…' sorts before 'TEAM:…'.
    expect(stored).toEqual([org, team]);
    // The sync's user owns both; the team's row is shared with Mia (Read, Manual), the org's
    // with nobody (the sponsor reads it through View All).
    const [teamRow] = await rows(
      connect(f.org),
      `SELECT Id FROM Adoption_Rollup__c WHERE Rollup_Key__c = '${team.Rollup_Key__c}'`
    );
    const shares = await rows(
      connect(f.org),
      `SELECT ParentId, UserOrGroupId, AccessLevel FROM Adoption_Rollup__Share WHERE RowCause = 'Manual'`
    );
    expect(shares).toEqual([
      { ParentId: teamRow.Id, UserOrGroupId: f.users.manager, AccessLevel: 'Read' }
    ]);
    // A second run over the same data leaves both rows as they are.
    const again = await runSync(connect(f.org), { config, asOf: AS_OF });
    expect(again).toMatchObject({ written: 0, shared: 0, unchanged: 4 + 9 + 2 });
  });

  it.each([
    ['an incremental run (from the replica)', 'incremental', true, {}],
    ['a full run', 'full', false, {}],
    [
      'a full run through Bulk API 2.0',
      'full',
      false,
      { api: { bulkThreshold: 1 }, bulkLoadThreshold: 1 }
    ]
  ] as const)(
    'after a close, a push and a re-forecast, %s writes what changed and clears the closed deal',
    async (_title, mode, incremental, transport) => {
      const f = await fixture();
      const dir = stateDir();
      await runSync(connect(f.org), { config, asOf: AS_OF, stateDir: dir });
      f.changeBetweenRuns();
      const second = await runSync(connect(f.org), {
        config,
        asOf: AS_OF,
        ...transport,
        ...(incremental ? { stateDir: dir } : {})
      });
      expect(second.mode).toBe(mode);
      // Written: the insights of A2 (cleared) and B1 (pushed); the snapshots of Ana, Ben and
      // Cleo; both rollups (the pipeline changed). C1's insight does not change (an earlier
      // close date is no push).
      expect(second).toMatchObject({ deals: 11, failed: 0, written: 7 });
      expect(await insightsByDeal(f)).toEqual({
        ...FIRST_INSIGHTS,
        // A2 is Closed Won: flags, questions, days in stage and days since activity cleared;
        // no push in its history; completeness of a closed deal: amount 15 + lead source 10 of
        // 35 (type and description blank) → floor(71.4) = 71.
        A2: {
          Risk_Flags__c: null,
          Push_Count__c: 0,
          Days_In_Stage__c: null,
          Days_Since_Activity__c: null,
          Completeness_Score__c: 71,
          Coaching_Questions__c: '[]'
        },
        // B1: closes 12-01 → 2027-01-05 → 2027-02-15, each into a later month before the date
        // had passed: 2 pushes → PUSHED; still in Needs Analysis
        // since 10-12 (the new history row has the same stage) → 39 days.
        B1: {
          ...FIRST_INSIGHTS.B1,
          Risk_Flags__c: 'PUSHED',
          Push_Count__c: 2,
          Coaching_Questions__c: `[${q.PUSHED}]`
        }
      });
      const first = firstSnapshots(f);
      expect(await snapshotsByUser(f)).toEqual({
        ...first,
        // Ana: A2 won on 11-20 → 1 of 1 = 100 %; open A1, A3, A4: pipeline 92,000; stale A3,
        // A4; no deal without a next step; completeness (100 + 83 + 100) / 3 = 94.3 → 94; fresh
        // share 1 / 3 = 33.3 % < 50 % → still one week below Acceptance.
        ana: {
          ...first.ana,
          Completeness_Score__c: 94,
          Open_Opportunities__c: 3,
          Open_Pipeline__c: 92000,
          Won_Opportunities__c: 1,
          Win_Rate__c: 100,
          Stale_Opportunities__c: 2,
          Missing_Next_Step__c: 0
        },
        // Ben: B1 now pushed.
        ben: { ...first.ben, Pushed_Opportunities__c: 1 },
        // Cleo: C1's amount 60,000 → 45,000: pipeline 70,000.
        cleo: { ...first.cleo, Open_Pipeline__c: 70000 }
      });
      // A third run over the same data has nothing to write.
      const third = await runSync(connect(f.org), {
        config,
        asOf: AS_OF,
        ...(incremental ? { stateDir: dir } : {})
      });
      expect(third).toMatchObject({ written: 0, failed: 0, deals: 11 });
    }
  );
});
