import { assessDealRisk, scoreDeal } from '../../scripts/engine/risk';
import type { DealInput } from '../../scripts/engine';
import { config } from './helpers';
import { opportunity } from './support/risk-deal';

// The risk assessment case by case: history in any order and shape, pushes and re-forecasts,
// days in stage and activity, and the facts reported beside the flags.

describe('history order, whatever shape the rows come in', () => {
  // Stages rank Prospecting < Qualification < Needs Analysis; a row whose stage ranks below the
  // row before it (oldest first) is a regression. Each case is worked out by hand: rows without a
  // readable CreatedDate are dropped, the rest ordered by the instant they name.
  const open = { ...opportunity, StageName: 'Needs Analysis', NextStep: 'x' };
  const row = (CreatedDate: string | null, StageName: string) => ({
    CreatedDate,
    StageName,
    CloseDate: '2024-03-31'
  });
  const regressions = (rows: ReturnType<typeof row>[]) => {
    const r = assessDealRisk(config, { opportunity: open, history: rows as never }, '2024-02-01');
    return [r.historyRows, r.stageRegressions];
  };

  it.each([
    [
      'newest first, one format: ordered oldest first, no regression',
      [
        row('2024-01-20T00:00:00Z', 'Needs Analysis'),
        row('2024-01-10T00:00:00Z', 'Qualification'),
        row('2024-01-01T00:00:00Z', 'Prospecting')
      ],
      [3, 0]
    ],
    [
      // 10:30+01:00 is 09:30Z, before 10:00Z, though its text sorts after.
      'a Z time then a +0100 time of the same length: ordered by instant',
      [
        row('2024-01-01T10:00:00.000Z', 'Qualification'),
        row('2024-01-01T10:30:00+0100', 'Prospecting')
      ],
      [2, 0]
    ],
    [
      'a +0000 time then a +0100 time: ordered by instant',
      [
        row('2024-01-01T10:00:00+0000', 'Qualification'),
        row('2024-01-01T10:30:00+0100', 'Prospecting')
      ],
      [2, 0]
    ],
    [
      // Month 00 is no date: the row is dropped, though its text sorts first.
      'an unreadable first row',
      [
        row('2024-00-00T00:00:00Z', 'Needs Analysis'),
        row('2024-01-01T00:00:00Z', 'Prospecting'),
        row('2024-01-10T00:00:00Z', 'Qualification')
      ],
      [2, 0]
    ],
    ...['2024/01/09T00:00:00Z', '2024-01/09T00:00:00Z', '2024-01-09T00.00:00Z'].map((bad) => [
      `an unreadable last row (${bad}) that sorts after the others`,
      [
        row('2024-01-01T00:00:00Z', 'Qualification'),
        row('2024-01-05T00:00:00Z', 'Needs Analysis'),
        row(bad, 'Prospecting')
      ],
      [2, 0]
    ]),
    ['no rows at all', [], [0, 0]],
    [
      // Nothing to read on the first row: it is dropped, and the second is the only one.
      'a first row without a CreatedDate',
      [row(null, 'Qualification'), row('2024-01-10T00:00:00Z', 'Needs Analysis')],
      [1, 0]
    ],
    [
      // Month 13: the only row is unreadable, so none is left.
      'a single row with an unreadable CreatedDate',
      [row('2024-13-01T00:00:00Z', 'Qualification')],
      [0, 0]
    ],
    // 10:30-01:00 is 11:30Z, after 11:00Z, though its text sorts first: in time, Qualification
    // (11:00Z) comes before Needs Analysis (11:30Z), so no regression. A first row that is not
    // UTC can never be taken as ordered text, whatever the second row's zone.
    ...[
      ['2024-01-01T10:30:00-0100', '2024-01-01T11:00:00.000Z'],
      ['2024-01-01T10:30:00-0100', '2024-01-01T11:00:00+0000'],
      ['2024-01-01T10:30:00-01:00', '2024-01-01T11:00:00+00:00']
    ].map(([first, second]) => [
      `${first} then ${second}, later as text but earlier in time: ordered by instant`,
      [row(first, 'Needs Analysis'), row(second, 'Qualification')],
      [2, 0]
    ]),
    [
      // The second row ends in "-null", no zone at all: unreadable, dropped.
      'a -0100 time then a row of the same length that is no time',
      [
        row('2024-01-01T10:30:00-0100', 'Qualification'),
        row('2024-01-01T11:00:00-null', 'Prospecting')
      ],
      [1, 0]
    ],
    [
      // A dot with no digits after it is no fraction of a second: unreadable, dropped.
      'a Z time then a longer, unreadable one that sorts after it',
      [row('2024-01-01T10:00:00Z', 'Qualification'), row('2024-01-01T10:00:01.Z', 'Prospecting')],
      [1, 0]
    ],
    // One misplaced separator each (after the year, after the month, in the time), as the second
    // of two rows: each sorts after the first row as text, and each is dropped.
    ...['2024/01-09T00:00:00Z', '2024-01/09T00:00:00Z', '2024-01-09T00.00:00Z'].map((bad) => [
      `an unreadable second row (${bad})`,
      [row('2024-01-01T00:00:00Z', 'Qualification'), row(bad, 'Prospecting')],
      [1, 0]
    ]),
    [
      // February 30 has the shape of a date but is none: dropped, however well the rows are ordered.
      'an impossible date after a readable one, in text order',
      [row('2024-01-01T00:00:00Z', 'Qualification'), row('2024-02-30T00:00:00Z', 'Prospecting')],
      [1, 0]
    ],
    [
      // Two changes saved at the same instant keep the order they came in, either way round.
      'two rows of the same instant, in stage order',
      [row('2024-01-01T00:00:00Z', 'Qualification'), row('2024-01-01T00:00:00Z', 'Needs Analysis')],
      [2, 0]
    ],
    [
      'two rows of the same instant, against stage order',
      [row('2024-01-01T00:00:00Z', 'Needs Analysis'), row('2024-01-01T00:00:00Z', 'Qualification')],
      [2, 1]
    ],
    [
      'a row without a CreatedDate between two readable ones',
      [
        row('2024-01-01T00:00:00Z', 'Qualification'),
        row(null, 'Prospecting'),
        row('2024-01-10T00:00:00Z', 'Needs Analysis')
      ],
      [2, 0]
    ]
  ] as [string, ReturnType<typeof row>[], number[]][])('%s', (_name, rows, expected) => {
    expect(regressions(rows)).toEqual(expected);
  });
});

describe('the facts the risk assessment reports beside its flags', () => {
  const base = {
    ...opportunity,
    StageName: 'Qualification',
    NextStep: 'x',
    LastActivityDate: null
  };
  const assess = (opp: Record<string, unknown>, rest: Partial<DealInput> = {}) =>
    assessDealRisk(config, { opportunity: opp as never, ...rest }, '2024-02-01');

  it('says whether the deal was won', () => {
    expect(assess({ ...base, StageName: 'Closed Won', IsClosed: true, IsWon: true }).isWon).toBe(
      true
    );
    expect(assess({ ...base, StageName: 'Closed Lost', IsClosed: true, IsWon: false }).isWon).toBe(
      false
    );
    expect(assess(base).isWon).toBe(false);
  });

  it('takes no last activity from a LastActivityDate after the day scored, or from nothing', () => {
    // No activity rows and a LastActivityDate in the future: no activity has happened yet.
    expect(assess({ ...base, LastActivityDate: '2024-03-10' }).lastActivityDate).toBeNull();
    expect(assess(base).lastActivityDate).toBeNull();
    // One on the day scored counts.
    expect(assess({ ...base, LastActivityDate: '2024-02-01' }).lastActivityDate).toBe('2024-02-01');
  });

  it('counts an activity on the day scored, and the latest of several', () => {
    const r = assess(base, {
      activities: [
        { ActivityDate: '2024-01-15' },
        { ActivityDate: '2024-02-01' },
        { ActivityDate: '2024-01-20' }
      ]
    });
    expect(r.lastActivityDate).toBe('2024-02-01');
  });

  it('reports no contact-role count when the roles were not read', () => {
    expect(assess(base).contactRoleCount).toBeNull();
    expect(assess(base, { contactRoles: [] }).contactRoleCount).toBe(0);
  });
});

describe('pushes and re-forecasts', () => {
  // Pushes of a deal in Qualification, scored on 2024-03-01, from its close-date history alone.
  const open = { ...opportunity, StageName: 'Qualification', NextStep: 'x' };
  const at = (CreatedDate: string, CloseDate: string | null) => ({
    CreatedDate,
    StageName: 'Qualification',
    CloseDate
  });
  const pushes = (rows: ReturnType<typeof at>[], cfg = config) =>
    assessDealRisk(cfg, { opportunity: open, history: rows }, '2024-03-01').pushCount;
  // The close date 01-15 had passed when it was moved to 02-15 on 01-20.
  const reforecast = [
    at('2024-01-02T09:00:00Z', '2024-01-15'),
    at('2024-01-20T09:00:00Z', '2024-02-15')
  ];

  it('does not count the re-forecast of a date already past', () => {
    expect(pushes(reforecast)).toBe(0);
  });

  it('counts a date moved on the very day it falls due (it has not passed yet)', () => {
    // 01-20 → 02-15 on 01-20: a later month, and the date was today, not past.
    expect(
      pushes([at('2024-01-02T09:00:00Z', '2024-01-20'), at('2024-01-20T09:00:00Z', '2024-02-15')])
    ).toBe(1);
  });

  it('counts the re-forecast when risk.reforecastIsPush says so, and never the first row', () => {
    const strict = { ...config, risk: { ...config.risk, reforecastIsPush: true } };
    // One move (01-15 → 02-15); the first row's 01-15 is where the history starts, no move.
    expect(pushes(reforecast, strict)).toBe(1);
  });

  it('keeps the last known close date across a row without one', () => {
    // 01-31 → (no close date on 01-10) → 02-15 on 01-20, before 01-31 had passed: one push.
    expect(
      pushes([
        at('2024-01-02T09:00:00Z', '2024-01-31'),
        at('2024-01-10T09:00:00Z', null),
        at('2024-01-20T09:00:00Z', '2024-02-15')
      ])
    ).toBe(1);
  });
});

describe('days in stage, activity and the flags they raise', () => {
  // Scored on 2024-03-01 (2024 is a leap year: February has 29 days). Needs Analysis may last
  // 45 days, Qualification 30; a deal is stale after 14 days without activity.
  const assess = (opp: Record<string, unknown>, rest: Partial<DealInput> = {}) =>
    assessDealRisk(config, { opportunity: opp as never, ...rest }, '2024-03-01');
  const qualifying = {
    Id: '006S',
    StageName: 'Qualification',
    IsClosed: false,
    IsWon: false,
    CloseDate: '2024-06-28',
    NextStep: 'Demo',
    CreatedDate: '2023-12-01T10:00:00Z'
  };
  const q = (CreatedDate: string, StageName: string | null = 'Qualification') => ({
    CreatedDate,
    StageName,
    CloseDate: '2024-06-28'
  });

  it('starts the stage at the first row when every row is in the current stage', () => {
    // 2024-01-02 → 2024-02-01 is 30 days, → 2024-03-01 another 29: 59.
    const rows = [q('2024-01-02T09:00:00Z'), q('2024-02-01T09:00:00Z')];
    expect(assess(qualifying, { history: rows }).daysInStage).toBe(59);
  });

  it('reads past a row without a stage inside the current run', () => {
    const rows = [
      q('2024-01-02T09:00:00Z'),
      q('2024-01-10T09:00:00Z', null),
      q('2024-02-01T09:00:00Z')
    ];
    expect(assess(qualifying, { history: rows }).daysInStage).toBe(59);
  });

  it('takes the last row’s stage when the record has none', () => {
    const { StageName: _s, ...noStage } = qualifying;
    // Prospecting then Qualification since 2024-02-01: 29 days.
    const rows = [q('2024-01-02T09:00:00Z', 'Prospecting'), q('2024-02-01T09:00:00Z')];
    expect(assess(noStage, { history: rows }).daysInStage).toBe(29);
    // No stage and no history: from CreatedDate 2023-12-01, 31 + 31 + 29 = 91 days.
    expect(assess(noStage).daysInStage).toBe(91);
  });

  it('has no day count and no staleness when nothing dates the deal', () => {
    const { CreatedDate: _c, ...undated } = qualifying;
    const r = assess(undated);
    expect(r.daysInStage).toBeNull();
    expect(r.daysSinceActivity).toBeNull();
    expect(r.flags).toEqual([]);
  });

  it('is stale from its creation when no activity was ever logged', () => {
    // Created 2024-02-01 in Needs Analysis: 29 days in the stage (within 45), but 29 days with
    // no activity since it was created (more than 14).
    const r = assess({
      ...qualifying,
      StageName: 'Needs Analysis',
      CreatedDate: '2024-02-01T10:00:00Z'
    });
    expect(r.daysInStage).toBe(29);
    expect(r.flags).toEqual(['STALE']);
  });

  it('does not read a LastActivityDate the user cannot see', () => {
    const visibleFields = [
      'Id',
      'StageName',
      'IsClosed',
      'IsWon',
      'CloseDate',
      'NextStep',
      'CreatedDate'
    ];
    const seen = {
      ...qualifying,
      StageName: 'Needs Analysis',
      CreatedDate: '2024-02-01T10:00:00Z',
      LastActivityDate: '2024-02-28'
    };
    // Visible, the call of 02-28 is 2 days old; hidden, the deal is stale from its creation.
    expect(assess(seen).daysSinceActivity).toBe(2);
    const hidden = assess(seen, { visibleFields });
    expect(hidden.daysSinceActivity).toBeNull();
    expect(hidden.lastActivityDate).toBeNull();
    expect(hidden.flags).toEqual(['STALE']);
  });

  it('reads activity dates before 1970 like any other', () => {
    // Scored on 1970-01-10. A call on 1969-12-20 is 11 + 10 = 21 days old; an activity with no
    // date at all changes nothing. Without LastActivityDate, a task of 1969-12-25 is 6 + 10 = 16.
    const early = { ...qualifying, CloseDate: '1970-03-31', CreatedDate: '1969-12-01T10:00:00Z' };
    const at1970 = (opp: Record<string, unknown>, activities: DealInput['activities']) =>
      assessDealRisk(config, { opportunity: opp as never, activities }, '1970-01-10');
    expect(
      at1970({ ...early, LastActivityDate: '1969-12-20' }, [{ ActivityDate: null }])
        .daysSinceActivity
    ).toBe(21);
    const task = at1970(early, [{ ActivityDate: '1969-12-25' }]);
    expect(task.daysSinceActivity).toBe(16);
    expect(task.lastActivityDate).toBe('1969-12-25');
  });

  it('raises no PAST_DUE for a close date that is not a date', () => {
    const fresh = {
      ...qualifying,
      LastActivityDate: '2024-02-28',
      CreatedDate: '2024-02-20T10:00:00Z'
    };
    expect(assess({ ...fresh, CloseDate: null }).flags).toEqual([]);
    expect(assess({ ...fresh, CloseDate: 'end of Q2' }).flags).toEqual([]);
  });

  it('reads contact roles given as null as not read: no count, no contact flag', () => {
    const r = assess(qualifying, { contactRoles: null });
    expect(r.hasDecisionMaker).toBeNull();
    expect(r.contactRoleCount).toBeNull();
    // Stale (no activity since its creation on 2023-12-01, 91 days), but no contact-role flag.
    expect(r.flags).toEqual(['STALE']);
  });

  it('trusts IsClosed over the stage list: an open deal at an unlisted stage gets flags', () => {
    // The org's own stage "Verbal yes" is not in the config; IsClosed false says it is open, and
    // its close date 02-15 has passed (activity 2 days ago, no stage limit for it).
    const verbal = {
      ...qualifying,
      StageName: 'Verbal yes',
      CloseDate: '2024-02-15',
      LastActivityDate: '2024-02-28'
    };
    const r = assess(verbal);
    expect(r.status).toBe('open');
    expect(r.flags).toEqual(['PAST_DUE']);
    const score = scoreDeal(config, { opportunity: verbal }, '2024-03-01');
    expect(score.risk.status).toBe('open');
    expect(score.risk.flags).toEqual(['PAST_DUE']);
  });

  it('refuses a day to score that is not a date, naming asOf', () => {
    const message = /^asOf must be a 'YYYY-MM-DD' date or an ISO datetime, got "soon"$/;
    expect(() => assessDealRisk(config, { opportunity: qualifying }, 'soon')).toThrow(message);
    expect(() => scoreDeal(config, { opportunity: qualifying }, 'soon')).toThrow(message);
  });
});
