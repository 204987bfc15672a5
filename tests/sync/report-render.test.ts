// The governance report and the dry-run table, rendered from a summary written out by hand: every
// figure, chart coordinate and table cell below is worked out in the comments, not by the code.
import { JSDOM } from 'jsdom';
import { renderDryRun, renderReport } from '../../scripts/sync/report';
import type { SyncSummary } from '../../scripts/sync/sync';
import type { TeamRollup } from '../../scripts/engine';
import { tableRows } from './html-table';

const STAGES = ['Awareness', 'Understanding', 'Acceptance', 'Involvement', 'Commitment'];

function team(over: Partial<TeamRollup>): TeamRollup {
  return {
    managerId: null,
    users: 0,
    activeUsers: 0,
    loggingUsers: 0,
    adoptedUsers: 0,
    tippingPointPct: null,
    targetPct: 45,
    reached: false,
    stageCounts: { Awareness: 0, Understanding: 0, Acceptance: 0, Involvement: 0, Commitment: 0 },
    completenessScore: null,
    openPipeline: 0,
    won: 0,
    lost: 0,
    winRate: null,
    mostImprovedUserId: null,
    ...over
  };
}

/** Ten users: 1, 2, 3, 3 and 1 on the five rungs; 4 adopted (Involvement 3 + Commitment 1). */
function summary(over: Partial<SyncSummary> = {}): SyncSummary {
  return {
    asOf: '2026-11-20',
    periodStart: '2026-11-16',
    mode: 'full',
    read: 100,
    written: 25,
    shared: 0,
    unchanged: 5,
    failed: 1,
    apiCalls: 17,
    extractCalls: 9,
    extractCallsByKind: { composite: 4, 'bulk job': 2, 'bulk results': 2, 'REST page': 1 },
    retries: 0,
    durationMs: 1,
    dryRun: false,
    deals: 20,
    snapshots: 10,
    insights: 20,
    rollups: 4,
    failures: [],
    org: team({
      users: 10,
      activeUsers: 8,
      adoptedUsers: 4,
      tippingPointPct: 40,
      stageCounts: { Awareness: 1, Understanding: 2, Acceptance: 3, Involvement: 3, Commitment: 1 }
    }),
    // In the order the sync gives them; the report sorts by manager name.
    teams: [
      team({ managerId: 'M2', users: 5, completenessScore: 55, tippingPointPct: 40 }),
      team({ managerId: null, users: 1 }),
      team({ managerId: 'M1', users: 4, completenessScore: 80, tippingPointPct: 50 })
    ],
    governance: {
      names: { M1: 'Ann & Lee', M2: 'Zoe Adams', U1: 'Rep <One>' },
      ladderTrend: [
        { periodStart: '2026-11-09', counts: { Awareness: 4, Understanding: 1 } },
        {
          periodStart: '2026-11-16',
          counts: { Awareness: 1, Understanding: 2, Acceptance: 3, Involvement: 3, Commitment: 1 }
        }
      ],
      topRisks: [
        {
          opportunityId: '006A',
          name: 'Big deal',
          ownerId: 'U1',
          amount: 1234567.4,
          flags: ['STALE', 'PUSHED'],
          riskWeight: 5,
          priority: 6172837
        },
        {
          opportunityId: '006B',
          name: null,
          ownerId: 'UX',
          amount: 0,
          flags: ['NO_NEXT_STEP'],
          riskWeight: 2,
          priority: 0
        }
      ],
      nudgeAnswers: { Fixed: 3, Snoozed: 1 }
    },
    ...over
  };
}

function parse(html: string) {
  const doc = new JSDOM(html).window.document;
  const table = (caption: string) => tableRows(doc, caption);
  const text = (selector: string) => [...doc.querySelectorAll(selector)].map((e) => e.textContent);
  /** The chart right after the heading (or the paragraph after it) whose text is `title`. */
  const chartAfter = (title: string) => {
    let el = [...doc.querySelectorAll('h2, h3')].find(
      (h) => h.textContent === title
    )?.nextElementSibling;
    while (el && el.tagName.toLowerCase() !== 'svg') el = el.nextElementSibling;
    if (!el) throw new Error(`no chart after '${title}'`);
    return el.outerHTML;
  };
  return { doc, table, text, chartAfter };
}

/** One bar as `bars` draws it: row i is 22 px tall, the bar 300 px at the largest value. */
const bar = (i: number, label: string, width: number, value: number) =>
  `<text x="0" y="${i * 22 + 15}" font-size="12">${label}</text>` +
  `<rect x="150" y="${i * 22 + 4}" width="${width}" height="14" fill="#0176d3"></rect>` +
  `<text x="${156 + width}" y="${i * 22 + 15}" font-size="12">${value}</text>`;
/** A bar chart: 520 px wide, 22 px a row. */
const barChart = (...rows: string[]) =>
  `<svg aria-hidden="true" width="520" height="${rows.length * 22}" viewBox="0 0 520 ${rows.length * 22}">${rows.join('')}</svg>`;

describe('the governance report, rendered', () => {
  // Rendered before each case, not once for the file: a mutation run credits a case only with
  // the code it runs itself, its beforeEach included.
  let r: ReturnType<typeof parse>;
  beforeEach(() => {
    r = parse(renderReport(summary(), '<section id="gov">governance</section>'));
  });

  it('opens with the week, the audience and the tipping point against its target', () => {
    expect(r.doc.title).toBe('Adoption Pulse – 2026-11-16');
    expect(r.doc.documentElement.getAttribute('lang')).toBe('en');
    expect(r.text('p')[0]).toBe('Week starting 2026-11-16 (as of 2026-11-20): 10 users, 8 active.');
    expect(r.text('p')[1]).toBe(
      '4 of the 10 users of the audience are at Involvement or Commitment: 40 % against a target of 45 % (not reached yet).'
    );
    // The gauge is 400 px for 100 %: 40 % fills 160 px, the 45 % target line sits at 180 px.
    const gauge = r.doc.querySelector('svg[role="img"]');
    expect(gauge?.getAttribute('aria-label')).toBe('Tipping point 40 % of a 45 % target');
    expect(gauge?.innerHTML).toBe(
      '<rect width="400" height="20" fill="#e5e5e5"></rect><rect width="160" height="20" fill="#2e844a"></rect><line x1="180" x2="180" y1="0" y2="26" stroke="#000"></line>'
    );
  });

  it('says when the target is reached, and shows no figure before there is one', () => {
    const reached = parse(
      renderReport(
        summary({ org: team({ users: 2, adoptedUsers: 2, tippingPointPct: 100, reached: true }) })
      )
    );
    expect(reached.text('p')[1]).toMatch(/: 100 % against a target of 45 % \(reached\)\.$/);
    // 100 % is 400 px, the whole gauge and no more.
    expect(reached.doc.querySelector('svg[role="img"] rect + rect')?.getAttribute('width')).toBe(
      '400'
    );
    const none = parse(renderReport(summary({ org: team({}) })));
    expect(none.text('p')[1]).toBe(
      '0 of the 0 users of the audience are at Involvement or Commitment: – % against a target of 45 % (not reached yet).'
    );
    expect(none.doc.querySelector('svg[role="img"]')?.getAttribute('aria-label')).toBe(
      'Tipping point 0 % of a 45 % target'
    );
    expect(none.doc.querySelector('svg[role="img"] rect + rect')?.getAttribute('width')).toBe('0');
  });

  it('draws the ladder as bars scaled to the fullest rung, with the same figures in a table', () => {
    // Rungs 1, 2, 3, 3, 1: the fullest (3) is 300 px, so 1 is 100 px and 2 is 200 px.
    expect(r.chartAfter('The adoption ladder')).toBe(
      barChart(
        bar(0, 'Awareness', 100, 1),
        bar(1, 'Understanding', 200, 2),
        bar(2, 'Acceptance', 300, 3),
        bar(3, 'Involvement', 300, 3),
        bar(4, 'Commitment', 100, 1)
      )
    );
    // Five rows: 110 px high.
    expect(r.chartAfter('The adoption ladder')).toMatch(
      /^<svg [^>]*height="110" viewBox="0 0 520 110">/
    );
    expect(r.table('Users per rung this week')).toEqual([
      ['Rung', 'Users'],
      ['Awareness', '1'],
      ['Understanding', '2'],
      ['Acceptance', '3'],
      ['Involvement', '3'],
      ['Commitment', '1']
    ]);
  });

  it('stacks each synced week into a column scaled to the largest week', () => {
    expect(r.text('h3')).toEqual(['Over the last 2 synced weeks']);
    // The largest week has 10 users: 180 px. Week 1 (4, 1): 72 and 18 px, stacked up from
    // y = 200, so at y 128 and 110; its empty rungs are 0 px at 110. Week 2 (1, 2, 3, 3, 1):
    // 18, 36, 54, 54, 18 px at y 182, 146, 92, 38, 20. Columns are 56 px apart, 40 px wide,
    // 8 px in; the date label is centred at 28 and 84.
    const colours = ['#c9c9c9', '#aacbff', '#57a3fd', '#0176d3', '#014486'];
    const rect = (x: number, y: number, h: number, k: number) =>
      `<rect x="${x}" y="${y}" width="40" height="${h}" fill="${colours[k]}"></rect>`;
    const legend = STAGES.map(
      (s, k) =>
        `<rect x="${k * 110}" y="228" width="10" height="10" fill="${colours[k]}"></rect><text x="${k * 110 + 14}" y="237" font-size="11">${s}</text>`
    ).join('');
    /** A week's column: its five rungs' [y, height] from Awareness up. */
    const column = (x: number, rungs: [number, number][]) =>
      rungs.map(([y, h], k) => rect(x, y, h, k)).join('');
    expect(r.chartAfter('Over the last 2 synced weeks')).toBe(
      '<svg aria-hidden="true" width="560" height="244" viewBox="0 0 560 244">' +
        column(8, [
          [128, 72],
          [110, 18],
          [110, 0],
          [110, 0],
          [110, 0]
        ]) +
        '<text x="28" y="216" font-size="10" text-anchor="middle">11-09</text>' +
        column(64, [
          [182, 18],
          [146, 36],
          [92, 54],
          [38, 54],
          [20, 18]
        ]) +
        '<text x="84" y="216" font-size="10" text-anchor="middle">11-16</text>' +
        legend +
        '</svg>'
    );
    expect(r.table('Users per rung by week')).toEqual([
      ['Week', ...STAGES],
      ['2026-11-09', '4', '1', '0', '0', '0'],
      ['2026-11-16', '1', '2', '3', '3', '1']
    ]);
  });

  it('widens the trend chart past ten weeks, 56 px a week', () => {
    const trend = Array.from({ length: 11 }, (_, i) => ({
      periodStart: `2026-08-${String(i + 10).padStart(2, '0')}`,
      counts: { Awareness: 1 }
    }));
    const wide = parse(
      renderReport(summary({ governance: { ...summary().governance, ladderTrend: trend } }))
    );
    // 11 × 56 = 616 px, more than the 560 px minimum.
    expect(wide.chartAfter('Over the last 11 synced weeks')).toMatch(
      /^<svg aria-hidden="true" width="616" height="244" viewBox="0 0 616 244">/
    );
  });

  it('lists teams by manager name, with the completeness bars on a 0–100 scale', () => {
    // Sorted: "Ann & Lee" (M1), "No manager", "Zoe Adams" (M2). Bars: 80 → 240 px, none → 0,
    // 55 → 165 px.
    expect(r.chartAfter('Completeness and adoption by team')).toBe(
      barChart(
        bar(0, 'Ann &amp; Lee', 240, 80),
        bar(1, 'No manager', 0, 0),
        bar(2, 'Zoe Adams', 165, 55)
      )
    );
    expect(r.table('Teams by manager')).toEqual([
      ['Manager', 'Users', 'Completeness (0–100)', 'Tipping point'],
      ['Ann & Lee', '4', '80', '50 %'],
      ['No manager', '1', '–', '–'],
      ['Zoe Adams', '5', '55', '40 %']
    ]);
  });

  it('lists the riskiest deals with owner, whole amount and flags', () => {
    expect(r.text('h2 + p')).toContain(
      "The 2 open deals with the largest amount × risk, as managers' 1:1 agendas rank them."
    );
    // A deal without a name shows its id; an owner without a name shows theirs.
    expect(r.table('Riskiest open deals')).toEqual([
      ['Deal', 'Owner', 'Amount', 'Risks'],
      ['Big deal', 'Rep <One>', '1,234,567', 'STALE, PUSHED'],
      ['006B', 'UX', '0', 'NO_NEXT_STEP']
    ]);
  });

  it('converts nudge answers into a share fixed, in a chart and a table', () => {
    // 3 fixed, 1 snoozed, 0 dismissed: 4 answered, 75 % fixed; bars 300, 100 and 0 px.
    expect(r.text('p')).toContain('3 of 4 nudges reps answered this week were fixed (75 %).');
    expect(r.chartAfter('Nudge conversion')).toBe(
      barChart(bar(0, 'Fixed', 300, 3), bar(1, 'Snoozed', 100, 1), bar(2, 'Dismissed', 0, 0))
    );
    expect(r.table('Nudge answers this week')).toEqual([
      ['Answer', 'Count', 'Share'],
      ['Fixed', '3', '75 %'],
      ['Snoozed', '1', '25 %'],
      ['Dismissed', '0', '0 %']
    ]);
    // One in three fixed: 33.3 %, one decimal.
    const third = parse(
      renderReport(
        summary({
          governance: { ...summary().governance, nudgeAnswers: { Fixed: 1, Dismissed: 2 } }
        })
      )
    );
    expect(third.table('Nudge answers this week')[1]).toEqual(['Fixed', '1', '33.3 %']);
  });

  it('says so when no nudge was answered, and shows no share', () => {
    const quiet = parse(
      renderReport(summary({ governance: { ...summary().governance, nudgeAnswers: {} } }))
    );
    expect(quiet.text('p')).toContain('No nudge was answered this week.');
    expect(quiet.table('Nudge answers this week').slice(1)).toEqual([
      ['Fixed', '0', '–'],
      ['Snoozed', '0', '–'],
      ['Dismissed', '0', '–']
    ]);
    // Nothing to scale to: every bar is 0 px wide.
    expect(quiet.chartAfter('Nudge conversion')).toContain('width="0" height="14"');
    expect(quiet.chartAfter('Nudge conversion')).not.toMatch(/width="[1-9]\d*" height="14"/);
  });

  it('ends with the governance section it is given and the run counts', () => {
    expect(r.doc.querySelector('#gov')?.textContent).toBe('governance');
    expect(r.text('p').at(-1)).toBe(
      '10 snapshots and 20 deal insights computed; 25 written, 5 unchanged, 1 failed, 17 API calls.'
    );
  });
});

describe('the dry-run table', () => {
  const snapshot = (user: string, fields: Record<string, unknown>) => ({
    object: 'Adoption_Snapshot__c',
    key: `${user}-2026-11-16`,
    fields: { User__c: user, ...fields }
  });
  const insight = { object: 'Deal_Insight__c', key: '006A', fields: {} };
  // The columns: two spaces, then Rep (24 wide), Rung (14), Complete (9), Win rate (9), Open (5),
  // Stale, one space between.
  const header = '  Rep                      Rung           Complete  Win rate  Open  Stale';

  it('shows what would be written, a row per rep, cut to the width of each column', () => {
    const out = renderDryRun(
      summary({
        unchanged: 7,
        governance: { ...summary().governance, names: { U1: 'Anastasia Konstantinopoulou-Smith' } },
        pending: [
          snapshot('U1', {
            Adoption_Stage__c: 'Understanding',
            Completeness_Score__c: 61,
            Win_Rate__c: 33.3,
            Open_Opportunities__c: 4,
            Stale_Opportunities__c: 2
          }),
          insight,
          snapshot('U2', {
            Adoption_Stage__c: 'Awareness',
            Completeness_Score__c: null,
            Win_Rate__c: null,
            Open_Opportunities__c: 0,
            Stale_Opportunities__c: null
          })
        ]
      })
    );
    expect(out.split('\n')).toEqual([
      'dry run: nothing was written. It would write 2 Adoption_Snapshot__c and 1 Deal_Insight__c rows; 7 unchanged.',
      header,
      // The name is cut at 24 characters; U2 has no name and shows its id.
      '  Anastasia Konstantinopou Understanding  61        33.3 %    4     2',
      '  U2                       Awareness      –         –         0     –'
    ]);
  });

  it('stops after maxRows reps and says how many more there are', () => {
    const pending = ['U1', 'U2', 'U3'].map((u) =>
      snapshot(u, {
        Adoption_Stage__c: 'Acceptance',
        Completeness_Score__c: 70,
        Win_Rate__c: 0,
        Open_Opportunities__c: 1,
        Stale_Opportunities__c: 0
      })
    );
    const out = renderDryRun(summary({ unchanged: 0, pending }), 2).split('\n');
    expect(out).toEqual([
      'dry run: nothing was written. It would write 3 Adoption_Snapshot__c and 0 Deal_Insight__c rows; 0 unchanged.',
      header,
      // U1 is "Rep <One>" in the summary's names; the terminal shows it as it is.
      '  Rep <One>                Acceptance     70        0 %       1     0',
      '  U2                       Acceptance     70        0 %       1     0',
      '  … and 1 more (--json lists every row)'
    ]);
    // Exactly maxRows: no "more" line.
    expect(renderDryRun(summary({ pending: pending.slice(0, 2) }), 2)).not.toContain('more');
  });

  it('prints only the counts when there is nothing to write', () => {
    expect(renderDryRun(summary({ unchanged: 12, pending: [] }))).toBe(
      'dry run: nothing was written. It would write 0 Adoption_Snapshot__c and 0 Deal_Insight__c rows; 12 unchanged.'
    );
    expect(renderDryRun(summary({ unchanged: 0, pending: undefined }))).toBe(
      'dry run: nothing was written. It would write 0 Adoption_Snapshot__c and 0 Deal_Insight__c rows; 0 unchanged.'
    );
  });
});
