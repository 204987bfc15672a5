import { assessDealRisk, scoreDeal, toDealInsightRecord } from '../../scripts/engine/risk';
import type { DealInput } from '../../scripts/engine';
import { config } from './helpers';
import { opportunity } from './support/risk-deal';

// Given out of order on purpose; the engine orders rows by CreatedDate.
const history = [
  {
    CreatedDate: '2024-02-05T09:00:00Z',
    StageName: 'Proposal/Price Quote',
    CloseDate: '2024-02-10',
    Amount: 1000,
    Probability: 75
  },
  {
    CreatedDate: '2023-12-01T10:00:00Z',
    StageName: 'Prospecting',
    CloseDate: '2023-12-31',
    Amount: 1000,
    Probability: 10
  },
  {
    CreatedDate: '2023-12-20T09:00:00Z',
    StageName: 'Qualification',
    CloseDate: '2024-01-31',
    Amount: 1000,
    Probability: 20
  },
  {
    CreatedDate: '2024-01-20T09:00:00Z',
    StageName: 'Qualification',
    CloseDate: '2024-02-15',
    Amount: 1000,
    Probability: 20
  },
  {
    CreatedDate: '2024-02-01T09:00:00Z',
    StageName: 'Negotiation/Review',
    CloseDate: '2024-02-15',
    Amount: 1000,
    Probability: 90
  },
  {
    CreatedDate: '2024-02-08T23:59:59Z',
    StageName: 'Negotiation/Review',
    CloseDate: '2024-02-28',
    Amount: 1000,
    Probability: 90
  }
];

const activities = [
  { ActivityDate: '2024-02-14' },
  // No ActivityDate: CreatedDate 2024-02-16T01:00+03:00 is 2024-02-15T22:00Z.
  { ActivityDate: null, CreatedDate: '2024-02-16T01:00:00+03:00' },
  // Planned for later: not activity that happened.
  { ActivityDate: '2024-03-05' }
];

const roles = [
  { Role: 'Influencer', IsPrimary: true, Contact: { Title: 'Sr. Manager, IT' } },
  { Role: null, IsPrimary: false, 'Contact.Title': 'Sr. VP, Sales Ops' }
];

const deal: DealInput = { opportunity, history, activities, contactRoles: roles };

describe('assessDealRisk', () => {
  it('flags a deal from its history, activities and contact roles (hand-computed)', () => {
    const r = assessDealRisk(config, deal, '2024-03-01');
    // Pushes (a close date moved into a later month before it had passed): 12-31 → 01-31 on
    // 12-20 and 01-31 → 02-15 on 01-20. 02-15 → 02-10 is a pull-in; 02-10 → 02-28 stays in
    // February, so it is no push.
    expect(r.pushCount).toBe(2);
    // Negotiation/Review (7) → Proposal/Price Quote (6).
    expect(r.stageRegressions).toBe(1);
    // Current run of Negotiation/Review starts 2024-02-08: 21 days in Feb (leap) + 1 = 22.
    expect(r.daysInStage).toBe(22);
    // Latest activity 2024-02-15 → 2024-03-01 = 15 days (> 14: STALE).
    expect(r.daysSinceActivity).toBe(15);
    expect(r.lastActivityDate).toBe('2024-02-15');
    expect(r.hasDecisionMaker).toBe(true); // the Sr. VP
    expect(r.contactRoleCount).toBe(2);
    expect(r.historyRows).toBe(6);
    expect(r.flags).toEqual(['STALE', 'PAST_DUE', 'NO_NEXT_STEP', 'PUSHED', 'STAGE_REGRESSED']);
    expect(r.riskWeight).toBe(3 + 3 + 2 + 2 + 2);
    expect(r.questions).toEqual([
      { flag: 'STALE', label: 'Coach_Q_Stale' },
      { flag: 'PAST_DUE', label: 'Coach_Q_PastDue' },
      { flag: 'NO_NEXT_STEP', label: 'Coach_Q_NoNextStep' },
      { flag: 'PUSHED', label: 'Coach_Q_Pushed' },
      { flag: 'STAGE_REGRESSED', label: 'Coach_Q_StageRegressed' }
    ]);
    expect(r.status).toBe('open');
  });

  it('is not stale on the 14th day, and past due the day after the close date (leap day)', () => {
    const r = assessDealRisk(config, deal, '2024-02-29');
    expect(r.daysSinceActivity).toBe(14);
    expect(r.daysInStage).toBe(21);
    expect(r.flags).toEqual(['PAST_DUE', 'NO_NEXT_STEP', 'PUSHED', 'STAGE_REGRESSED']);
    const onCloseDate = assessDealRisk(config, deal, '2024-02-28T23:59:59Z');
    expect(onCloseDate.flags).not.toContain('PAST_DUE');
  });

  it('raises contact-role flags only when roles are given', () => {
    const none = assessDealRisk(config, { ...deal, contactRoles: [] }, '2024-02-29');
    // The flags of the 14th day (above) and both contact-role flags, in the order reported.
    expect(none.flags.join(' ')).toBe(
      'PAST_DUE NO_NEXT_STEP PUSHED NO_CONTACT_ROLE NO_DECISION_MAKER STAGE_REGRESSED'
    );
    expect(none.riskWeight).toBe(3 + 2 + 2 + 1 + 2 + 2);
    const unknown = assessDealRisk(config, { ...deal, contactRoles: undefined }, '2024-02-29');
    expect(unknown.hasDecisionMaker).toBeNull();
    expect(unknown.contactRoleCount).toBeNull();
    expect(unknown.flags).not.toContain('NO_DECISION_MAKER');
  });

  it('recognises a decision maker by role or by title seniority, never by a guess', () => {
    const dm = (r: DealInput['contactRoles']) =>
      assessDealRisk(config, { ...deal, contactRoles: r }, '2024-02-29');
    expect(dm([{ Role: ' decision maker ' }]).hasDecisionMaker).toBe(true);
    expect(dm([{ Role: 'Economic Buyer' }]).hasDecisionMaker).toBe(true);
    expect(dm([{ Role: 'Influencer', Contact: { Title: 'CTO' } }]).hasDecisionMaker).toBe(true);
    const ae = dm([{ Role: 'Influencer', Contact: { Title: 'Account Executive' } }]);
    expect(ae.hasDecisionMaker).toBe(false);
    expect(ae.flags).toContain('NO_DECISION_MAKER');
    expect(ae.flags).not.toContain('NO_CONTACT_ROLE');
    expect(
      dm([
        { Role: 'Other', Contact: { Title: '   ' } },
        { Role: '', Contact: null }
      ]).hasDecisionMaker
    ).toBe(false);
  });

  it('with no history or activity: days in stage from LastStageChangeDate, else CreatedDate; stale from creation', () => {
    const opp = {
      Id: '006B',
      StageName: 'Prospecting',
      IsClosed: false,
      CreatedDate: '2024-01-01T00:00:00Z',
      CloseDate: '2024-06-30',
      NextStep: 'Call CFO',
      Amount: -5
    };
    const r = assessDealRisk(config, { opportunity: opp }, '2024-03-01');
    expect(r.daysInStage).toBe(60);
    expect(r.daysSinceActivity).toBeNull();
    expect(r.pushCount).toBe(0);
    expect(r.historyRows).toBeNull();
    expect(r.flags).toEqual(['STALE']);
    // Recent activity, but 31 days in Prospecting (limit 30): still STALE.
    const inStage = assessDealRisk(
      config,
      {
        opportunity: {
          ...opp,
          LastActivityDate: '2024-02-28',
          LastStageChangeDate: '2024-01-30T12:00:00Z'
        }
      },
      '2024-03-01'
    );
    expect(inStage.daysInStage).toBe(31);
    expect(inStage.flags).toEqual(['STALE']);
    const fine = assessDealRisk(
      config,
      {
        opportunity: { ...opp, LastActivityDate: '2024-02-28', LastStageChangeDate: '2024-01-31' }
      },
      '2024-03-01'
    );
    expect(fine.daysInStage).toBe(30);
    expect(fine.flags).toEqual([]);
  });

  it('raises no flag on fields the user cannot see or the record does not hold', () => {
    const visible = [
      'Id',
      'StageName',
      'IsClosed',
      'IsWon',
      'Amount',
      'LastActivityDate',
      'CreatedDate'
    ];
    const r = assessDealRisk(config, { ...deal, visibleFields: visible }, '2024-02-29');
    expect(r.flags).toEqual(['PUSHED', 'STAGE_REGRESSED']);
    const { NextStep: _n, CloseDate: _c, ...partial } = opportunity;
    expect(assessDealRisk(config, { ...deal, opportunity: partial }, '2024-02-29').flags).toEqual([
      'PUSHED',
      'STAGE_REGRESSED'
    ]);
  });

  it('gives closed and unknown-stage deals no flags but still counts their history', () => {
    const won = assessDealRisk(
      config,
      {
        ...deal,
        opportunity: { ...opportunity, IsClosed: true, IsWon: true, StageName: 'Closed Won' }
      },
      '2024-03-01'
    );
    expect(won.flags).toEqual([]);
    expect(won.status).toBe('won');
    expect(won.isClosed).toBe(true);
    expect(won.pushCount).toBe(2);
    const { IsClosed: _c, IsWon: _w, ...noFlags } = opportunity;
    const unknown = assessDealRisk(
      config,
      { ...deal, opportunity: { ...noFlags, StageName: 'Verbal yes' } },
      '2024-03-01'
    );
    expect(unknown.status).toBe('unknown');
    expect(unknown.flags).toEqual([]);
  });

  it('ignores history rows without a readable CreatedDate and unknown stages in regressions', () => {
    const rows = [
      { CreatedDate: '2024-01-01T00:00:00Z', StageName: 'Qualification', CloseDate: '2024-03-31' },
      { CreatedDate: 'garbage', StageName: 'Prospecting', CloseDate: '2024-12-31' },
      { CreatedDate: '2024-01-10T00:00:00Z', StageName: 'Legacy stage', CloseDate: null },
      { CreatedDate: '2024-01-20T00:00:00Z', StageName: 'Needs Analysis', CloseDate: '2024-03-31' }
    ];
    const r = assessDealRisk(
      config,
      {
        opportunity: {
          ...opportunity,
          StageName: 'Needs Analysis',
          NextStep: 'x',
          LastActivityDate: '2024-02-01'
        },
        history: rows
      },
      '2024-02-01'
    );
    expect(r.pushCount).toBe(0);
    expect(r.stageRegressions).toBe(0);
    expect(r.historyRows).toBe(3);
    expect(r.daysInStage).toBe(12);
    expect(r.flags).toEqual([]);
  });
});

describe('scoreDeal and toDealInsightRecord', () => {
  it('produces the Deal_Insight__c row', () => {
    const score = scoreDeal(config, deal, '2024-03-01');
    // Completeness: next step 20 missing, activity 20 stale (2024-02-10 is 20 days old),
    // close date 15 invalid; amount 15 ok; LeadSource, Type, Description absent = not visible.
    expect(score.completeness.score).toBe(21); // 15 of 70
    expect(toDealInsightRecord(score)).toEqual({
      Opportunity__c: '006A',
      Insight_Key__c: '006A',
      Risk_Flags__c: 'STALE;PAST_DUE;NO_NEXT_STEP;PUSHED;STAGE_REGRESSED',
      Push_Count__c: 2,
      Days_In_Stage__c: 22,
      Days_Since_Activity__c: 15,
      Completeness_Score__c: 21,
      // One question per flag, in flag order, with the questionLabel of config/coaching.config.json.
      Coaching_Questions__c:
        '[{"flag":"STALE","label":"Coach_Q_Stale"},' +
        '{"flag":"PAST_DUE","label":"Coach_Q_PastDue"},' +
        '{"flag":"NO_NEXT_STEP","label":"Coach_Q_NoNextStep"},' +
        '{"flag":"PUSHED","label":"Coach_Q_Pushed"},' +
        '{"flag":"STAGE_REGRESSED","label":"Coach_Q_StageRegressed"}]'
    });
    expect(
      toDealInsightRecord(
        scoreDeal(config, { opportunity: { StageName: 'Prospecting' } }, '2024-03-01')
      )
    ).toBeNull();
  });
});
