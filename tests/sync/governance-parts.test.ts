/**
 * The governance part of the sync, piece by piece: the report's section rendered from a view
 * built here by hand (every figure and text placed as the section lays it out), and the
 * week's measure rows written to a local org.
 */
import type { Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import type { GovernanceView, ManagerCoaching, MeasureFigure } from '../../scripts/engine';
import { Api } from '../../scripts/sync/api';
import { renderGovernanceSection, writeMeasures } from '../../scripts/sync/governance';
import { API_DEFAULTS } from '../../scripts/sync/sync';
import { connect } from './org';

const manager = (
  name: string,
  sessions: number,
  covered: number,
  reps: number,
  coveredPct: number | null,
  tippingPointPct: number | null,
  climb: number | null
): ManagerCoaching => ({
  managerId: `005${name}`,
  name,
  sessions,
  reps,
  covered,
  coveredPct,
  tippingPointPct,
  previousTippingPointPct: null,
  climb
});
const figure = (
  id: string,
  source: MeasureFigure['source'],
  met: number | null,
  counted: number | null,
  pct: number | null,
  reached: boolean
): MeasureFigure => ({
  id,
  source,
  targetPct: 80,
  recognition: `Praise for ${id}`,
  met,
  counted,
  pct,
  reached
});

const VIEW: GovernanceView = {
  asOf: '2026-11-20',
  periodStart: '2026-11-16',
  members: [
    { id: 'm1', userId: 'u1', name: 'Ann <A&B>', part: 'Sponsor' },
    { id: 'm2', userId: 'u2', name: 'Bo', part: 'Technology' }
  ],
  gaps: ['Lead', 'Process'],
  cadence: {
    lastMeeting: '2026-10-01',
    nextMeeting: null,
    daysSinceLast: 50,
    everyDays: 91,
    overdue: false
  },
  openRoadblocks: [
    {
      Id: 'r1',
      Name: 'RB-1',
      Subject__c: null,
      OwnerId: '005Raiser',
      OwnerName: null,
      Status__c: 'Open',
      Blocked_Team__c: '005Mia',
      BlockedTeamName: 'Mia',
      Blocked_Rule__c: 'Opp_Amount',
      Raised_On__c: '2026-11-01',
      Due_Date__c: '2026-11-10',
      overdue: true
    },
    {
      Id: 'r2',
      Name: 'RB-2',
      Subject__c: 'Quotes "by hand"',
      OwnerId: '005Bo',
      OwnerName: 'Bo',
      Status__c: 'In_Progress',
      Blocked_Team__c: '005Ned',
      BlockedTeamName: null,
      Blocked_Rule__c: null,
      Raised_On__c: '2026-11-02',
      Due_Date__c: null,
      overdue: false
    },
    {
      Id: 'r3',
      Name: 'RB-3',
      Subject__c: 'Nothing blocked',
      OwnerId: '005Bo',
      OwnerName: 'Bo',
      Status__c: 'Open',
      Raised_On__c: '2026-11-03',
      overdue: false
    }
  ],
  closedRoadblocks: 2,
  coachingWindowDays: 30,
  managers: [
    manager('Mia', 3, 2, 4, 50, 25, 12.5),
    manager('Ned', 0, 0, 0, null, null, null),
    manager('Ola', 1, 1, 2, 50, 0, -50),
    manager('Pia', 2, 1, 3, 33.3, 33.3, 0)
  ],
  objectives: [
    {
      id: 'o1',
      label: 'Objective_One',
      behaviours: [
        {
          id: 'b1',
          label: 'Behaviour_One',
          measures: [
            figure('Known', { flag: 'NO_DECISION_MAKER' }, 3, 4, 75, false),
            figure('Dated', { rule: 'Opp_CloseDate' }, null, null, null, false)
          ]
        },
        {
          id: 'b2',
          label: 'Behaviour_Two',
          measures: [figure('Named', { rule: 'R&D' }, 5, 5, 100, true)]
        }
      ]
    }
  ]
};

describe('the governance section of the report', () => {
  it('lays out every figure of the view, escaped, with the labels’ words', () => {
    const html = renderGovernanceSection(VIEW, (name) => `«${name}»`);
    // By hand, row by row: members with their parts' names; the gaps in lower case; the last
    // meeting 50 days ago, none planned, not overdue; roadblocks with their subject (else their
    // name), who raised them (else the owner id), what they block (the team by its manager's
    // name, else its id; the rule), status, raised and due dates ("(overdue)"); managers'
    // sessions, reps covered with the share, the team's tipping point and its change signed
    // (+12.5, −50, 0, none as "–"); measures with their objective and behaviour words, the flag
    // or rule measured, the week's figure ("no figure" when nothing counted), the target
    // ("(reached)") and the recognition.
    expect(html).toBe(
      [
        '<h2>Governance</h2>',
        '<table><caption>Governance group</caption><tr><th scope="col">Member</th><th scope="col">Part</th></tr>' +
          '<tr><th scope="row">Ann &lt;A&amp;B&gt;</th><td>Executive sponsor</td></tr>' +
          '<tr><th scope="row">Bo</th><td>Technology expert</td></tr></table>',
        '<p><strong>Gaps:</strong> no programme lead, no process expert.</p>',
        '<h3>Meeting cadence</h3>',
        '<p>Last meeting: 2026-10-01 (50 days ago); next: none planned.</p>',
        '<h3>Open roadblocks</h3>',
        '<p>3 open, 2 closed.</p>',
        '<table><caption>Open roadblocks</caption><tr><th scope="col">Roadblock</th><th scope="col">Raised by</th><th scope="col">Blocks</th><th scope="col">Status</th><th scope="col">Raised</th><th scope="col">Due</th></tr>' +
          '<tr><th scope="row">RB-1</th><td>005Raiser</td><td>team of Mia; rule Opp_Amount</td><td>Open</td><td>2026-11-01</td><td>2026-11-10 (overdue)</td></tr>' +
          '<tr><th scope="row">Quotes &quot;by hand&quot;</th><td>Bo</td><td>team of 005Ned</td><td>In_Progress</td><td>2026-11-02</td><td></td></tr>' +
          '<tr><th scope="row">Nothing blocked</th><td>Bo</td><td></td><td>Open</td><td>2026-11-03</td><td></td></tr></table>',
        "<h3>Managers' coaching and their teams' climb</h3>",
        '<table><caption>Managers\' coaching</caption><tr><th scope="col">Manager</th><th scope="col">1:1s in the last 30 days</th><th scope="col">Reps coached</th><th scope="col">Team at Involvement or above</th><th scope="col">Change since the week before</th></tr>' +
          '<tr><th scope="row">Mia</th><td>3</td><td>2 of 4 (50 %)</td><td>25 %</td><td>+12.5 points</td></tr>' +
          '<tr><th scope="row">Ned</th><td>0</td><td>0 of 0 (–)</td><td>–</td><td>–</td></tr>' +
          '<tr><th scope="row">Ola</th><td>1</td><td>1 of 2 (50 %)</td><td>0 %</td><td>-50 points</td></tr>' +
          '<tr><th scope="row">Pia</th><td>2</td><td>1 of 3 (33.3 %)</td><td>33.3 %</td><td>0 points</td></tr></table>',
        '<h3>Objectives, behaviours and measures (week starting 2026-11-16)</h3>',
        '<table><caption>Objective map</caption><tr><th scope="col">Measure</th><th scope="col">Objective</th><th scope="col">Behaviour</th><th scope="col">Measured by</th><th scope="col">This week</th><th scope="col">Target</th><th scope="col">Recognition</th></tr>' +
          '<tr><th scope="row">Known</th><td>«Objective_One»</td><td>«Behaviour_One»</td><td>no NO_DECISION_MAKER flag</td><td>75 % (3 of 4)</td><td>80 %</td><td>Praise for Known</td></tr>' +
          '<tr><th scope="row">Dated</th><td>«Objective_One»</td><td>«Behaviour_One»</td><td>rule Opp_CloseDate</td><td>no figure</td><td>80 %</td><td>Praise for Dated</td></tr>' +
          '<tr><th scope="row">Named</th><td>«Objective_One»</td><td>«Behaviour_Two»</td><td>rule R&amp;D</td><td>100 % (5 of 5)</td><td>80 % (reached)</td><td>Praise for Named</td></tr></table>',
        ''
      ].join('\n')
    );
  });

  it('says when every part is played, no meeting was held and none is planned, and no week', () => {
    const html = renderGovernanceSection(
      {
        ...VIEW,
        periodStart: null,
        gaps: [],
        cadence: {
          lastMeeting: null,
          nextMeeting: '2026-12-04',
          daysSinceLast: null,
          everyDays: 91,
          overdue: true
        },
        openRoadblocks: [],
        managers: [],
        objectives: []
      },
      (name) => name
    );
    expect(html).toContain('\n<p>Every part of the group is played.</p>\n');
    // No meeting yet: overdue, with the quarter's rule.
    expect(html).toContain(
      '\n<p>Last meeting: none; next: 2026-12-04. <strong>More than 91 days without a meeting: the group should meet at least quarterly.</strong></p>\n'
    );
    expect(html).toContain('\n<p>0 open, 2 closed.</p>\n');
    expect(html).toContain('\n<h3>Objectives, behaviours and measures (week starting –)</h3>\n');
  });
});

describe('the week’s measure rows', () => {
  let org: LocalOrg;
  let conn: Connection;
  beforeAll(async () => {
    org = await startLocalOrg({ seed: 'none', now: () => new Date('2026-11-20T18:00:00Z') });
    conn = connect(org);
  });
  afterAll(() => org.close());

  it('writes only the rows the org does not hold with the same counts, 200 a call', async () => {
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    const api = new Api(conn, { ...API_DEFAULTS, log });
    const row = (id: string, met: number, counted: number, week: string) => ({
      Measure_Key__c: `${id}:${week}`,
      Measure__c: id,
      Period_Start__c: week,
      Met__c: met,
      Counted__c: counted
    });
    // 41 characters: Measure__c holds 40, so the org refuses that row alone.
    const long = 'M'.repeat(41);
    const tooLong = {
      errorCode: 'STRING_TOO_LONG',
      message: `Measure: data value too large: ${'M'.repeat(40)}... (max length=40)`
    };
    // No rows: nothing asked of the org.
    expect(await writeMeasures(api, [], '2026-06-01', log)).toEqual({ written: 0, failures: [] });
    expect([api.calls, lines]).toEqual([0, []]);

    // 200 new rows of a week, the fourth refused: one query of what the org holds, one call of
    // 200 (and no empty one after it); the other 199 written.
    const week = '2026-06-01';
    const first = Array.from({ length: 200 }, (_, i) =>
      row(i === 3 ? long : `Bulk${i}`, i % 7, 10, week)
    );
    expect(await writeMeasures(api, first, week, log)).toEqual({
      written: 199,
      failures: [{ key: `${long}:${week}`, ...tooLong }]
    });
    expect(api.calls).toBe(2);
    expect(lines).toEqual(['load: 199 Governance_Measure__c rows']);

    // Again, with Bulk0 unchanged (0 of 10), Bulk1's met count changed (1 → 4), Bulk2's counted
    // count changed (10 → 12) and one new row: three written, in one call after the query.
    lines.length = 0;
    const second = [
      row('Bulk0', 0, 10, week),
      row('Bulk1', 4, 10, week),
      row('Bulk2', 2, 12, week),
      row('New', 3, 3, week)
    ];
    expect(await writeMeasures(api, second, week, log)).toEqual({ written: 3, failures: [] });
    expect([api.calls, lines]).toEqual([4, ['load: 3 Governance_Measure__c rows']]);
    const held = await conn.query<{ Measure__c: string; Met__c: number; Counted__c: number }>(
      `SELECT Measure__c, Met__c, Counted__c FROM Governance_Measure__c WHERE Measure__c IN ('Bulk0', 'Bulk1', 'Bulk2', 'New') AND Period_Start__c = ${week} ORDER BY Measure__c`
    );
    expect(held.records.map((r) => [r.Measure__c, r.Met__c, r.Counted__c])).toEqual([
      ['Bulk0', 0, 10],
      ['Bulk1', 4, 10],
      ['Bulk2', 2, 12],
      ['New', 3, 3]
    ]);

    // The same rows once more: all held with the same counts, so only the query is made.
    lines.length = 0;
    expect(await writeMeasures(api, second, week, log)).toEqual({ written: 0, failures: [] });
    expect([api.calls, lines]).toEqual([5, []]);

    // 201 new rows of the next week, the first refused: 200 in a call (199 written, the refused
    // one alone failing), the last in a second.
    const next = '2026-06-08';
    const third = Array.from({ length: 201 }, (_, i) => row(i === 0 ? long : `W${i}`, 1, 1, next));
    expect(await writeMeasures(api, third, next, log)).toEqual({
      written: 200,
      failures: [{ key: `${long}:${next}`, ...tooLong }]
    });
    expect(api.calls).toBe(8);
  });
});
