import { buildInsights, emptyEvidence, mergeEvidence } from '../../scripts/engine/wiifm';
import type { EvidenceCounts } from '../../scripts/engine';
import { config } from './helpers';

function evidence(
  cells: Partial<Record<keyof EvidenceCounts, [number, number, number, number]>>
): EvidenceCounts {
  const e = emptyEvidence();
  for (const [k, [withWon, withLost, withoutWon, withoutLost]] of Object.entries(cells)) {
    e[k as keyof EvidenceCounts] = { withWon, withLost, withoutWon, withoutLost };
  }
  return e;
}

describe('WIIFM statements', () => {
  it('uses the rep, else the team, else the org, else says nothing (min sample 10 per group)', () => {
    const rep = evidence({
      hasNextStep: [6, 4, 2, 8],
      complete: [5, 5, 3, 6],
      recentActivity: [9, 0, 0, 9]
    });
    const team = evidence({ complete: [30, 10, 10, 30], hasContactRole: [20, 5, 1, 2] });
    const org = evidence({
      hasContactRole: [7, 3, 7, 3],
      notPushed: [2, 1, 0, 9],
      hasDecisionMaker: [14, 6, 4, 8]
    });
    const i = buildInsights(config, { rep, team, org }, '2024-03-03T12:00:00Z');
    expect(i).toEqual({
      v: 1,
      asOf: '2024-03-03',
      windowDays: 365,
      statements: [
        {
          id: 'nextStep',
          label: 'WIIFM_NextStep',
          params: [60, 20, 10, 10],
          scope: 'rep',
          scopeLabel: 'WIIFM_Scope_Rep'
        },
        // contactRole: team sample 25 / 3 too small; org 70 % vs 70 %: no gain, no statement.
        // decisionMaker: org 14 of 20 = 70 % vs 4 of 12 = 33.3 → 33 %.
        {
          id: 'decisionMaker',
          label: 'WIIFM_DecisionMaker',
          params: [70, 33, 20, 12],
          scope: 'org',
          scopeLabel: 'WIIFM_Scope_Org'
        },
        {
          id: 'complete',
          label: 'WIIFM_Complete',
          params: [75, 25, 40, 40],
          scope: 'team',
          scopeLabel: 'WIIFM_Scope_Team'
        }
        // notPushed: 3 deals with: too small everywhere. recentActivity: 9 with / 9 without.
      ]
    });
  });

  it('makes no statement at all from empty evidence (a user with no deals, no team)', () => {
    expect(buildInsights(config, { rep: emptyEvidence() }, '2024-03-03').statements).toEqual([]);
  });

  it('merges evidence without touching the inputs', () => {
    const a = evidence({ hasNextStep: [1, 2, 3, 4] });
    const b = evidence({ hasNextStep: [10, 20, 30, 40] });
    const m = mergeEvidence(a, null, b, undefined);
    expect(m.hasNextStep).toEqual({ withWon: 11, withLost: 22, withoutWon: 33, withoutLost: 44 });
    expect(a.hasNextStep.withWon).toBe(1);
  });
});

describe('WIIFM statistics', () => {
  it('needs minSample in each group, rounds win rates to whole per cent, skips a missing cell', () => {
    // minSample is 10 in the shipped config. Cells are [withWon, withLost, withoutWon, withoutLost].
    const rep = evidence({
      hasNextStep: [7, 3, 1, 9], // 10 and 10, both exactly the minimum: 70 % vs 10 %
      hasContactRole: [10, 0, 0, 9], // 9 without: too few, and the team has none: the org's
      hasDecisionMaker: [9, 0, 0, 10], // 9 with: too few: the team's
      complete: [21, 19, 1, 39], // 21/40 = 52.5 → 53; 1/40 = 2.5 → 3 (halves round up)
      recentActivity: [13, 3, 1, 15] // 13/16 = 81.25 → 81; 1/16 = 6.25 → 6
    });
    delete (rep as Partial<EvidenceCounts>).notPushed; // no cell at all: the team's
    const team = evidence({ hasDecisionMaker: [10, 0, 0, 10], notPushed: [8, 2, 2, 8] });
    const org = evidence({ hasContactRole: [6, 4, 3, 7] });
    const s = buildInsights(config, { rep, team, org }, '2024-03-03').statements;
    expect(s.map((x) => [x.id, x.scope, x.params])).toEqual([
      ['nextStep', 'rep', [70, 10, 10, 10]],
      ['contactRole', 'org', [60, 30, 10, 10]],
      ['decisionMaker', 'team', [100, 0, 10, 10]],
      ['complete', 'rep', [53, 3, 40, 40]],
      ['notPushed', 'team', [80, 20, 10, 10]],
      ['recentActivity', 'rep', [81, 6, 16, 16]]
    ]);
  });

  it('merges evidence that lacks a kind as zeros for that kind', () => {
    const partial = evidence({ notPushed: [1, 1, 1, 1] });
    delete (partial as Partial<EvidenceCounts>).hasNextStep;
    const m = mergeEvidence(partial, evidence({ hasNextStep: [2, 0, 0, 2] }));
    expect(m.hasNextStep).toEqual({ withWon: 2, withLost: 0, withoutWon: 0, withoutLost: 2 });
    expect(m.notPushed).toEqual({ withWon: 1, withLost: 1, withoutWon: 1, withoutLost: 1 });
  });

  it('refuses a missing asOf by name', () => {
    expect(() => buildInsights(config, { rep: emptyEvidence() }, '')).toThrow(
      "asOf must be a 'YYYY-MM-DD' date"
    );
  });
});
