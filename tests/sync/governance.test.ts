import { JSDOM } from 'jsdom';
import { loadConfigFile } from '../../scripts/build/load-config';
import { readGovernance, renderGovernanceSection } from '../../scripts/sync/governance';
import type { GovernanceView } from '../../scripts/engine';
import { syncedDemoDuring } from './org';
import { tableRows } from './html-table';

// A Friday: the week starts on Monday 2026-11-16.
const NOW = new Date('2026-11-20T18:00:00Z');
const config = loadConfigFile();

describe('the governance part of the sync, on the demo org', () => {
  const demo = syncedDemoDuring(NOW, config);
  let view: GovernanceView;
  let names: Map<string, string>;

  beforeAll(async () => {
    const users = await demo.conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM User');
    names = new Map(users.records.map((u) => [u.Id, u.Name]));
  });
  // The view is read for each test (a few queries), so that the test checks the read it sees.
  beforeEach(async () => {
    const read = await readGovernance(demo.conn, config, '2026-11-20', demo.summary.periodStart);
    if (!read.view) throw new Error(read.reason);
    view = read.view;
  });

  it('reads the group as the sync user, with the part nobody plays', () => {
    // The demo's group: the VP as sponsor, Omar Haddad as lead, Sofia Lind for people, the
    // administrator for technology; Marco Bianchi left the process part (inactive).
    expect(view.members.map((m) => `${m.part}: ${m.name}`)).toEqual([
      'Sponsor: Valerie Grant',
      'Lead: Omar Haddad',
      'People: Sofia Lind',
      'Technology: Org Administrator'
    ]);
    expect(view.gaps).toEqual(['Process']);
  });

  it('gives the cadence: last held 100 days ago, more than a quarter, next in 14 days', () => {
    expect(view.cadence).toEqual({
      lastMeeting: '2026-08-12',
      nextMeeting: '2026-12-04',
      daysSinceLast: 100,
      everyDays: 91,
      overdue: true
    });
  });

  it('lists the open roadblocks with who raised them, the overdue one first', () => {
    expect(
      view.openRoadblocks.map((r) => [
        r.Subject__c,
        r.OwnerName,
        r.Status__c,
        r.Due_Date__c,
        r.overdue
      ])
    ).toEqual([
      [
        'The weekly forecast call still runs from a spreadsheet',
        'Sofia Lind',
        'In_Progress',
        '2026-11-17',
        true
      ],
      [
        'Quotes are built outside the CRM, so the amount is typed twice',
        names.get(view.openRoadblocks[1].OwnerId!),
        'Open',
        '2026-11-30',
        false
      ]
    ]);
    expect(view.closedRoadblocks).toBe(1);
  });

  it("counts each manager's 1:1s of the last 30 days as the org holds them", async () => {
    // Every Coaching_Session__c of 2026-10-22 to 2026-11-20, counted by a query of its own.
    const rows = await demo.conn.query<{ Manager__c: string; Rep__c: string }>(
      'SELECT Manager__c, Rep__c FROM Coaching_Session__c WHERE Session_Date__c >= 2026-10-22 AND Session_Date__c <= 2026-11-20'
    );
    const held = new Map<string, number>();
    for (const r of rows.records) held.set(r.Manager__c, (held.get(r.Manager__c) ?? 0) + 1);
    for (const m of view.managers)
      expect([m.name, m.sessions]).toEqual([m.name, held.get(m.managerId) ?? 0]);
    // The demo's 1:1s, by hand: Marco Bianchi six (five reps), Sofia Lind two (two reps), Omar
    // Haddad none in the window (one 40 days ago); the VP's team is the three managers.
    expect(view.managers.map((m) => [m.name, m.sessions, m.covered, m.reps, m.coveredPct])).toEqual(
      [
        ['Marco Bianchi', 6, 5, 8, 62.5],
        ['Omar Haddad', 0, 0, 8, 0],
        ['Sofia Lind', 2, 2, 8, 25],
        ['Valerie Grant', 0, 0, 3, 0]
      ]
    );
  });

  it("puts each team's tipping point as the sync computed it beside the coaching", () => {
    // The sync's own rollup (from the snapshots it computed) and the view's (from the rows read
    // back from the org) must agree.
    for (const m of view.managers) {
      const team = demo.summary.teams.find((t) => t.managerId === m.managerId);
      expect([m.name, m.tippingPointPct]).toEqual([m.name, team?.tippingPointPct ?? null]);
    }
  });

  it("writes each measure's week as the org's open deals show it", async () => {
    // The open deals' insights as the org holds them, counted here flag by flag.
    const insights = await demo.conn.query<{ Risk_Flags__c: string | null }>(
      'SELECT Risk_Flags__c FROM Deal_Insight__c WHERE Opportunity__r.IsClosed = false'
    );
    const open = insights.records.length;
    const without = (flag: string) =>
      insights.records.filter((r) => !(r.Risk_Flags__c ?? '').split(';').includes(flag)).length;
    const rows = await demo.conn.query<{ Measure__c: string; Met__c: number; Counted__c: number }>(
      `SELECT Measure__c, Met__c, Counted__c FROM Governance_Measure__c WHERE Period_Start__c = ${demo.summary.periodStart}`
    );
    const byId = new Map(rows.records.map((r) => [r.Measure__c, [r.Met__c, r.Counted__c]]));
    expect(open).toBeGreaterThan(0);
    expect(byId.get('DecisionMakerKnown')).toEqual([without('NO_DECISION_MAKER'), open]);
    expect(byId.get('BuyersNamed')).toEqual([without('NO_CONTACT_ROLE'), open]);
    expect(byId.get('DealsTouched')).toEqual([without('STALE'), open]);
    // The view shows them as shares of the open deals.
    const figure = view.objectives[0].behaviours[0].measures[0];
    expect([figure.met, figure.counted]).toEqual([without('NO_DECISION_MAKER'), open]);
  });

  it('renders the section with the same figures, every value escaped', () => {
    const doc = new JSDOM(`<body>${renderGovernanceSection(view)}</body>`).window.document;
    const table = (caption: string) => tableRows(doc, caption).slice(1);
    expect(table('Governance group').map((r) => r[1])).toEqual([
      'Executive sponsor',
      'Programme lead',
      'People expert',
      'Technology expert'
    ]);
    expect(doc.body.textContent).toContain('Gaps: no process expert.');
    expect(doc.body.textContent).toContain('Last meeting: 2026-08-12 (100 days ago)');
    expect(table('Open roadblocks').map((r) => [r[0], r[5]])).toEqual([
      ['The weekly forecast call still runs from a spreadsheet', '2026-11-17 (overdue)'],
      ['Quotes are built outside the CRM, so the amount is typed twice', '2026-11-30']
    ]);
    expect(table("Managers' coaching")[0].slice(0, 3)).toEqual([
      'Marco Bianchi',
      '6',
      '5 of 8 (62.5 %)'
    ]);
    expect(table('Objective map').map((r) => r[0])).toEqual([
      'DecisionMakerKnown',
      'BuyersNamed',
      'NextStepAgreed',
      'DealsTouched',
      'CloseDateCurrent'
    ]);
    // Objective and behaviour names in words (the labels' values), not label names.
    expect(table('Objective map')[0].slice(1, 3)).toEqual([
      'Win more of the deals we compete for',
      "Know who decides on the customer's side"
    ]);
  });
});
