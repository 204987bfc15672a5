import { buildCoachingAgenda, compareText } from '../../scripts/engine';
import { assessDealRisk } from '../../scripts/engine/risk';
import { config } from './helpers';

const asOf = '2024-03-01';
const base = {
  IsClosed: false,
  CreatedDate: '2024-02-20T00:00:00Z',
  LastActivityDate: '2024-02-28',
  CloseDate: '2024-04-30',
  NextStep: 'Call',
  StageName: 'Qualification'
};
const deal = (opportunity: Record<string, unknown>) => ({
  opportunity,
  risk: assessDealRisk(config, { opportunity }, asOf)
});

describe('buildCoachingAgenda', () => {
  it('orders flagged deals by amount × risk weight with a question per flag', () => {
    const deals = [
      deal({
        ...base,
        Id: 'D2',
        Name: 'Negative',
        Amount: -50,
        CloseDate: '2024-02-01',
        NextStep: null,
        LastActivityDate: '2024-01-01'
      }), // 0 × 8
      deal({ ...base, Id: 'X', Name: 'Big', Amount: 1000, LastActivityDate: '2024-02-01' }), // STALE: 1000 × 3
      deal({
        ...base,
        Id: 'Y',
        Name: 'Mid',
        Amount: '500',
        CloseDate: '2024-02-15',
        NextStep: ' '
      }), // PAST_DUE + NO_NEXT_STEP: 500 × 5
      deal({ ...base, Id: 'Z', Name: 'Healthy', Amount: 9000 }), // no flags
      deal({
        ...base,
        Id: 'W',
        Name: 'Won',
        Amount: 9000,
        IsClosed: true,
        IsWon: true,
        StageName: 'Closed Won'
      })
    ];
    const a = buildCoachingAgenda(config, { deals, snapshots: [] });
    expect(a.deals.map((d) => [d.opportunityId, d.amount, d.riskWeight, d.priority])).toEqual([
      ['X', 1000, 3, 3000],
      ['Y', 500, 5, 2500],
      ['D2', 0, 8, 0]
    ]);
    expect(a.deals[1]).toMatchObject({
      name: 'Mid',
      flags: ['PAST_DUE', 'NO_NEXT_STEP'],
      questions: [
        { flag: 'PAST_DUE', label: 'Coach_Q_PastDue' },
        { flag: 'NO_NEXT_STEP', label: 'Coach_Q_NoNextStep' }
      ]
    });
    expect(a.tip).toBeNull();
    expect(a.stage).toBeNull();
    expect(a.recognition).toEqual([]);
  });

  it('keeps at most agenda.maxDeals deals', () => {
    const deals = Array.from({ length: 12 }, (_, i) =>
      deal({ ...base, Id: `D${i}`, Amount: 100 + i, NextStep: null })
    );
    const a = buildCoachingAgenda(config, { deals, snapshots: [] });
    expect(a.deals).toHaveLength(10);
    expect(a.deals[0].opportunityId).toBe('D11');
  });

  it('recognises improvement, streaks and a rung climbed; gives the tip for the rung', () => {
    const snapshots = [
      { Completeness_Score__c: 80, Adoption_Stage__c: 'Involvement', Activities_Logged__c: 3 },
      { Completeness_Score__c: 70, Adoption_Stage__c: 'Acceptance', Activities_Logged__c: 2 },
      { Completeness_Score__c: 60, Adoption_Stage__c: 'Acceptance', Activities_Logged__c: 1 },
      { Completeness_Score__c: 60, Adoption_Stage__c: 'Acceptance', Activities_Logged__c: 0 },
      { Completeness_Score__c: 60, Adoption_Stage__c: 'Acceptance', Activities_Logged__c: 5 }
    ];
    const a = buildCoachingAgenda(config, { deals: [], snapshots, mostImproved: true });
    expect(a.recognition).toEqual([
      { kind: 'completenessUp', label: 'Recog_CompletenessUp', params: [70, 80] },
      { kind: 'stageUp', label: 'Recog_StageUp', params: [] },
      { kind: 'activityStreak', label: 'Recog_ActivityStreak', params: [3] },
      { kind: 'mostImproved', label: 'Recog_MostImproved', params: [] }
    ]);
    expect(a.stage).toBe('Involvement');
    expect(a.tip).toBe('Tip_Involvement');
  });

  it('does not recognise small gains, short streaks or null scores', () => {
    const a = buildCoachingAgenda(config, {
      deals: [],
      snapshots: [
        { Completeness_Score__c: 74, Adoption_Stage__c: 'Understanding', Activities_Logged__c: 1 },
        { Completeness_Score__c: 70, Adoption_Stage__c: 'Acceptance', Activities_Logged__c: 1 },
        { Completeness_Score__c: null, Adoption_Stage__c: 'Acceptance', Activities_Logged__c: 0 }
      ]
    });
    expect(a.recognition).toEqual([]);
    expect(a.tip).toBe('Tip_Understanding');
  });

  it('ranks deals of equal amount × weight by the larger weight, then by Id', () => {
    // No amount: every priority is 0. STALE weighs 3; STALE + NO_NEXT_STEP 3 + 2 = 5.
    const stale = { ...base, Amount: null, LastActivityDate: '2024-02-01' };
    const deals = [
      deal({ ...stale, Id: 'X' }),
      deal({ ...stale, Id: 'A' }),
      deal({ ...stale, Id: 'M', NextStep: null })
    ];
    // The same order whichever order the deals come in.
    for (const input of [deals, [...deals].reverse()]) {
      const a = buildCoachingAgenda(config, { deals: input, snapshots: [] });
      expect(a.deals.map((d) => [d.opportunityId, d.riskWeight, d.priority])).toEqual([
        ['M', 5, 0],
        ['A', 3, 0],
        ['X', 3, 0]
      ]);
    }
  });

  it('leaves out a deal whose risk is not open, flags or not', () => {
    const d = deal({ ...base, Id: 'C', Amount: 10, NextStep: null });
    expect(d.risk.flags).toEqual(['NO_NEXT_STEP']);
    const closed = { ...d, risk: { ...d.risk, status: 'won' as const } };
    expect(buildCoachingAgenda(config, { deals: [closed], snapshots: [] }).deals).toEqual([]);
  });

  it('needs two snapshots with scores and known rungs to see progress', () => {
    // One snapshot: no comparison, but its rung gives the tip (Awareness is rung 0).
    const one = buildCoachingAgenda(config, {
      deals: [],
      snapshots: [{ Completeness_Score__c: 90, Adoption_Stage__c: 'Awareness' }]
    });
    expect([one.recognition, one.stage, one.tip]).toEqual([[], 'Awareness', 'Tip_Awareness']);
    // A gain of exactly minCompletenessGain (5) counts; a climb from rung 0 counts.
    const up = buildCoachingAgenda(config, {
      deals: [],
      snapshots: [
        { Completeness_Score__c: 65, Adoption_Stage__c: 'Understanding' },
        { Completeness_Score__c: 60, Adoption_Stage__c: 'Awareness' }
      ]
    });
    expect(up.recognition.map((r) => [r.kind, r.params])).toEqual([
      ['completenessUp', [60, 65]],
      ['stageUp', []]
    ]);
    // No earlier score or rung: nothing; a rung down with a gain: the gain alone.
    const kinds = (previous: object) =>
      buildCoachingAgenda(config, {
        deals: [],
        snapshots: [{ Completeness_Score__c: 80, Adoption_Stage__c: 'Acceptance' }, previous]
      }).recognition.map((r) => r.kind);
    expect(kinds({ Completeness_Score__c: null, Adoption_Stage__c: null })).toEqual([]);
    expect(kinds({ Completeness_Score__c: 10, Adoption_Stage__c: 'Commitment' })).toEqual([
      'completenessUp'
    ]);
    // A score in text, the same rung: nothing.
    const same = buildCoachingAgenda(config, {
      deals: [],
      snapshots: [
        { Completeness_Score__c: '90' as unknown as number, Adoption_Stage__c: 'Acceptance' },
        { Completeness_Score__c: 10, Adoption_Stage__c: 'Acceptance' }
      ]
    });
    expect(same.recognition).toEqual([]);
  });
});

describe('compareText', () => {
  it('orders by UTF-16 code units, equal texts and a blank against null as 0', () => {
    // 'B' (66) < 'a' (97): capitals first, as Salesforce orders Ids.
    expect([compareText('B', 'a'), compareText('a', 'B')]).toEqual([-1, 1]);
    expect([
      compareText('006A', '006A'),
      compareText(null, ''),
      compareText('', undefined)
    ]).toEqual([0, 0, 0]);
    expect([compareText(null, 'a'), compareText('a', null)]).toEqual([-1, 1]);
  });
});
