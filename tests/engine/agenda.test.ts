import { assessDealRisk, buildCoachingAgenda } from '../../scripts/engine';
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
});
