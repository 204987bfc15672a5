import { scoreDeal } from '../../scripts/engine/risk';
import type { ContactRoleInput, OpportunityHistoryRow } from '../../scripts/engine';
import { quickWinKey, quickWinOf, rankQuickWins } from '../../scripts/engine/quick-wins';
import { config, configCopy } from './helpers';

// asOf Monday 9 March 2026; quickWinLookbackDays 7: deals closed 2 to 8 March count.
const AS_OF = '2026-03-09';

const won = (over: Record<string, unknown> = {}) => ({
  Id: '006A',
  OwnerId: '005R1',
  Name: 'Acme renewal',
  StageName: 'Closed Won',
  IsClosed: true,
  IsWon: true,
  Amount: 50000,
  CloseDate: '2026-03-05',
  NextStep: 'Contract signed, kick-off on the 12th',
  CreatedDate: '2026-01-10T09:00:00Z',
  ...over
});
// Planned for 10 March, closed early on the 5th: the close date never moved later.
const KEPT: OpportunityHistoryRow[] = [
  { CreatedDate: '2026-01-10T09:00:00Z', StageName: 'Prospecting', CloseDate: '2026-03-10' },
  { CreatedDate: '2026-03-05T15:00:00Z', StageName: 'Closed Won', CloseDate: '2026-03-05' }
];
const DECIDER: ContactRoleInput[] = [{ Role: 'Decision Maker', Contact: { Title: 'Buyer' } }];

function win(
  opp: Record<string, unknown> = won(),
  history: OpportunityHistoryRow[] | null = KEPT,
  roles: ContactRoleInput[] | null = DECIDER
) {
  const score = scoreDeal(config, { opportunity: opp, history, contactRoles: roles }, AS_OF);
  return quickWinOf(config, opp, score, AS_OF);
}

describe('quick wins', () => {
  it('a deal won last week with a next step, a decision maker and no slip is one', () => {
    expect(win()).toEqual({
      opportunityId: '006A',
      ownerId: '005R1',
      name: 'Acme renewal',
      amount: 50000,
      closeDate: '2026-03-05',
      behaviours: ['NEXT_STEP', 'DECISION_MAKER', 'NO_SLIP']
    });
    expect(quickWinKey('006A')).toBe('win:006A');
  });

  it('a slip, no decision maker, no next step, or facts not read: not one', () => {
    // On 20 February the close date moved from 27 February (not yet past) to 5 March, a later
    // month: a push, as Salesforce's PushCount counts one.
    const slipped: OpportunityHistoryRow[] = [
      { CreatedDate: '2026-01-10T09:00:00Z', StageName: 'Prospecting', CloseDate: '2026-02-27' },
      { CreatedDate: '2026-02-20T10:00:00Z', StageName: 'Prospecting', CloseDate: '2026-03-05' },
      { CreatedDate: '2026-03-05T15:00:00Z', StageName: 'Closed Won', CloseDate: '2026-03-05' }
    ];
    expect(win(won(), slipped)).toBeNull();
    // Moved within its month (3 → 5 March) is no push, so the win stands.
    const withinMonth: OpportunityHistoryRow[] = [
      { CreatedDate: '2026-01-10T09:00:00Z', StageName: 'Prospecting', CloseDate: '2026-03-03' },
      { CreatedDate: '2026-03-05T15:00:00Z', StageName: 'Closed Won', CloseDate: '2026-03-05' }
    ];
    expect(win(won(), withinMonth)).not.toBeNull();
    expect(win(won(), KEPT, [{ Role: 'Influencer', Contact: { Title: 'Analyst' } }])).toBeNull();
    // A VP's title makes a decision maker even without the role.
    expect(win(won(), KEPT, [{ Role: 'Other', Contact: { Title: 'VP Sales' } }])).not.toBeNull();
    expect(win(won({ NextStep: '  ' }))).toBeNull();
    const { NextStep: _hidden, ...noNextStepField } = won();
    expect(win(noNextStepField)).toBeNull();
    expect(win(won(), null)).toBeNull();
    expect(win(won(), KEPT, null)).toBeNull();
  });

  it('only deals won in the 7 days before the day', () => {
    expect(win(won({ CloseDate: '2026-03-02' }))).not.toBeNull();
    expect(win(won({ CloseDate: '2026-03-08' }))).not.toBeNull();
    expect(win(won({ CloseDate: '2026-03-01' }))).toBeNull();
    expect(win(won({ CloseDate: '2026-03-09' }))).toBeNull();
    expect(win(won({ StageName: 'Closed Lost', IsWon: false }))).toBeNull();
  });

  it('needs an Id, an owner and a close date; gives the close date as a day', () => {
    expect(win(won({ Id: null }))).toBeNull();
    expect(win(won({ OwnerId: '  ' }))).toBeNull();
    // A close date given as a datetime is shown as its day.
    expect(win(won({ CloseDate: '2026-03-05T16:30:00Z' }))?.closeDate).toBe('2026-03-05');
    // No close date: not one, even in the first week of 1970, where a missing date taken as
    // day 0 would fall inside the 7 days before 5 January.
    const undated = won({ CloseDate: null });
    const score = scoreDeal(
      config,
      { opportunity: undated, history: KEPT, contactRoles: DECIDER },
      '1970-01-05'
    );
    expect(score.risk.status).toBe('won');
    expect(quickWinOf(config, undated, score, '1970-01-05')).toBeNull();
  });

  it('refuses a day that is not a date, naming asOf', () => {
    const score = scoreDeal(config, { opportunity: won(), history: KEPT }, AS_OF);
    expect(() => quickWinOf(config, won(), score, 'next Monday')).toThrow(
      /^asOf must be a 'YYYY-MM-DD' date or an ISO datetime, got "next Monday"$/
    );
  });

  const w = (id: string, owner: string, amount: number | null, closeDate = '2026-03-05') => ({
    opportunityId: id,
    ownerId: owner,
    name: id,
    amount,
    closeDate,
    behaviours: []
  });
  const ids = (wins: ReturnType<typeof w>[]) =>
    rankQuickWins(config, wins).map((x) => x.opportunityId);

  it('ranks a blank amount last, a later close first, then by id, whatever the input order', () => {
    // maxQuickWins is 5 in the shipped config; every deal here has its own rep.
    expect(ids([w('N', 'R1', null), w('M', 'R2', 100)])).toEqual(['M', 'N']);
    // Same amount: the later close (6 March) before the earlier (3 March), though its id is later.
    expect(ids([w('Y', 'R1', 100, '2026-03-06'), w('X', 'R2', 100, '2026-03-03')])).toEqual([
      'Y',
      'X'
    ]);
    expect(ids([w('X', 'R2', 100, '2026-03-03'), w('Y', 'R1', 100, '2026-03-06')])).toEqual([
      'Y',
      'X'
    ]);
    // Same amount and close: by id, either way round.
    expect(ids([w('Q', 'R1', 100), w('P', 'R2', 100)])).toEqual(['P', 'Q']);
    expect(ids([w('P', 'R2', 100), w('Q', 'R1', 100)])).toEqual(['P', 'Q']);
  });

  it('keeps only the largest win of a rep, even when the next is large too', () => {
    // R1's two deals are the two largest: A (90000) stays, B (80000) goes, G takes its place.
    expect(ids([w('B', 'R1', 80000), w('A', 'R1', 90000), w('G', 'R2', 5000)])).toEqual(['A', 'G']);
  });

  it('keeps the largest, one per rep, at most maxQuickWins', () => {
    const c = configCopy();
    c.messages.maxQuickWins = 3;
    const ranked = rankQuickWins(c, [
      w('A', 'R1', 10000),
      w('B', 'R1', 90000), // R1's largest: B, so A goes
      w('C', 'R2', null),
      w('D', 'R3', 20000, '2026-03-03'),
      w('E', 'R4', 20000, '2026-03-06'), // same amount as D, later close first
      w('F', 'R5', 5000)
    ]);
    // B 90000, E 20000 (06), D 20000 (03); F and C (blank amount last) are past the limit of 3.
    expect(ranked.map((x) => x.opportunityId)).toEqual(['B', 'E', 'D']);
  });
});
