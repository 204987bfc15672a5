import {
  agendaDealFromInsight,
  buildCoachingAgenda,
  compareRisk,
  decodeDealInsight,
  decodeRollup,
  decodeSnapshot,
  decodeSnapshotInsights,
  recordFieldNames,
  type RiskRanked
} from '../../scripts/engine';
import { scoreDeal, toDealInsightRecord } from '../../scripts/engine/risk';
import { keepTopRanked } from '../../scripts/engine/agenda';
import * as records from '../../scripts/engine/records';
import { config, configCopy, configWithRule } from './helpers';

describe('the fields the engine reads per object', () => {
  it('lists the display fields, each rule field once, the stage field and the status fields', () => {
    // The shipped Opportunity rules: NextStep, LastActivityDate, CloseDate (twice: required and
    // notInPast), Amount, LeadSource, Type, Description; stage StageName; status IsClosed, IsWon;
    // the deal's Name first, shown on agendas.
    expect(records.scoredFields(config, 'Opportunity')).toEqual([
      'Name',
      'NextStep',
      'LastActivityDate',
      'CloseDate',
      'Amount',
      'LeadSource',
      'Type',
      'Description',
      'StageName',
      'IsClosed',
      'IsWon'
    ]);
    // Lead: its rules' fields (Status is a rule field and the stage field: once), IsConverted.
    expect(records.scoredFields(config, 'Lead')).toEqual([
      'Email',
      'Company',
      'Phone',
      'Title',
      'LeadSource',
      'Status',
      'LastActivityDate',
      'IsConverted'
    ]);
    // Account: no stage, no status field.
    expect(recordFieldNames(config, 'Account')).toEqual([
      'Account.Industry',
      'Account.BillingCountry',
      'Account.Phone',
      'Account.Website',
      'Account.NumberOfEmployees',
      'Account.LastActivityDate'
    ]);
    expect(recordFieldNames(config, 'Case')).toEqual([]);
  });

  it("the sync's optional deal fields are the scored ones deal risk does not already require", () => {
    expect(records.optionalDealFields(config)).toEqual([
      'Name',
      'LeadSource',
      'Type',
      'Description'
    ]);
    const changed = configWithRule('Opportunity', {
      id: 'opp-probability',
      type: 'required',
      field: 'Probability',
      weight: 5
    });
    expect(records.optionalDealFields(changed)).toEqual([
      'Name',
      'LeadSource',
      'Type',
      'Description',
      'Probability'
    ]);
    expect(recordFieldNames(changed, 'Opportunity')).toContain('Opportunity.Probability');
  });
});

describe('decoding the rows the sync writes', () => {
  it('reads back a Deal_Insight__c row the engine wrote: flags, their weight, questions, day counts', () => {
    // An open deal, created 2026-10-01 with no activity and no next step, as of 2026-11-20:
    // STALE (50 days without activity > the 30 configured), NO_NEXT_STEP; no history, no roles
    // read. Weights 3 + 2 = 5.
    const score = scoreDeal(
      config,
      {
        opportunity: {
          Id: '006000000000001AAA',
          StageName: 'Prospecting',
          Amount: 1000,
          CloseDate: '2026-12-31',
          NextStep: null,
          IsClosed: false,
          IsWon: false,
          CreatedDate: '2026-10-01T00:00:00Z'
        }
      },
      '2026-11-20'
    );
    const row = toDealInsightRecord(score)!;
    expect(row.Risk_Flags__c).toBe('STALE;NO_NEXT_STEP');
    const decoded = decodeDealInsight(config, { ...row });
    expect(decoded).toEqual({
      flags: ['STALE', 'NO_NEXT_STEP'],
      riskWeight: 5,
      questions: [
        { flag: 'STALE', label: 'Coach_Q_Stale' },
        { flag: 'NO_NEXT_STEP', label: config.risk.flags.NO_NEXT_STEP.questionLabel }
      ],
      pushCount: 0,
      // In its first stage since it was created: 30 days of October after the 1st, 20 of November.
      daysInStage: 50,
      // No activity was ever logged: no count (staleness runs from CreatedDate instead).
      daysSinceActivity: null
    });
    expect(decoded.riskWeight).toBe(score.risk.riskWeight);
  });

  it('keeps known flags only, in the engine order, and sums their configured weights', () => {
    // Stored out of order with spaces and an unknown code: PUSHED (2) and STALE (3) remain.
    const decoded = decodeDealInsight(config, {
      Risk_Flags__c: ' PUSHED;WHATEVER;STALE ',
      Push_Count__c: '3',
      Days_In_Stage__c: null
    });
    expect(decoded.flags).toEqual(['STALE', 'PUSHED']);
    expect(decoded.riskWeight).toBe(5);
    expect(decoded.pushCount).toBe(3);
    expect(decoded.daysInStage).toBeNull();
    expect(records.decodeRiskFlags(undefined)).toEqual([]);
    const weighted = configCopy();
    weighted.risk.flags.PUSHED.weight = 10;
    expect(decodeDealInsight(weighted, { Risk_Flags__c: 'PUSHED;STALE' }).riskWeight).toBe(13);
  });

  it('gives no question for blank, broken or foreign Coaching_Questions__c text', () => {
    expect(records.decodeQuestions('')).toEqual([]);
    expect(records.decodeQuestions('{broken')).toEqual([]);
    expect(records.decodeQuestions('{"flag":"STALE"}')).toEqual([]);
    expect(
      records.decodeQuestions('[{"flag":"STALE","label":"Coach_Q_Stale"},{"flag":1},null]')
    ).toEqual([{ flag: 'STALE', label: 'Coach_Q_Stale' }]);
  });

  it("an insight row with its deal's name and amount is an agenda deal ranked like a scored one", () => {
    const deal = agendaDealFromInsight(config, {
      Opportunity__c: '006A',
      'Opportunity__r.Name': 'Acme',
      'Opportunity__r.Amount': '2000',
      Risk_Flags__c: 'PAST_DUE;NO_CONTACT_ROLE',
      Coaching_Questions__c: '[]'
    });
    // PAST_DUE 3 + NO_CONTACT_ROLE 1 = 4; 2000 × 4 = 8000.
    const agenda = buildCoachingAgenda(config, { deals: [deal], snapshots: [] });
    expect(agenda.deals).toEqual([
      {
        opportunityId: '006A',
        name: 'Acme',
        amount: 2000,
        flags: ['PAST_DUE', 'NO_CONTACT_ROLE'],
        riskWeight: 4,
        priority: 8000,
        questions: []
      }
    ]);
  });

  it('reads an Adoption_Snapshot__c row and its stored insights', () => {
    expect(
      decodeSnapshot({
        Period_Start__c: '2026-11-16',
        Adoption_Stage__c: 'Acceptance',
        Weeks_Below_Stage__c: '1',
        Completeness_Score__c: '72.5',
        Activities_Logged__c: 4,
        Win_Rate__c: null
      })
    ).toEqual({
      Period_Start__c: '2026-11-16',
      Adoption_Stage__c: 'Acceptance',
      Weeks_Below_Stage__c: 1,
      Completeness_Score__c: 72.5,
      Activities_Logged__c: 4,
      Win_Rate__c: null
    });
    expect(decodeSnapshotInsights('{"statements":[]}')).toEqual({ statements: [] });
    expect(decodeSnapshotInsights('  ')).toBeNull();
    expect(decodeSnapshotInsights('{broken')).toBeNull();
    expect(decodeSnapshotInsights('[1]')).toBeNull();
  });

  it('reads an Adoption_Rollup__c row: numbers may be text, blank counts are 0', () => {
    const team = decodeRollup({
      Scope__c: 'Team',
      Manager__c: '005MGR000000001AAA',
      Period_Start__c: '2026-11-16',
      Audience_Size__c: '4',
      Adopters__c: 2,
      Active_Users__c: '3',
      Logging_Users__c: '2',
      Tipping_Point__c: '50',
      Target__c: 45,
      Awareness_Users__c: 0,
      Understanding_Users__c: 1,
      Acceptance_Users__c: '1',
      Involvement_Users__c: 1,
      Commitment_Users__c: 1,
      Completeness_Score__c: 80,
      Open_Pipeline__c: '1250.5',
      Won_Opportunities__c: 3,
      Lost_Opportunities__c: 1,
      Win_Rate__c: 75,
      Most_Improved_User__c: '005USR000000002AAA',
      Nudges_Fixed__c: 1,
      Nudges_Snoozed__c: null,
      Nudges_Dismissed__c: '1'
    });
    // 50 ≥ 45: reached; the blank Nudges_Snoozed__c counts 0.
    expect(team).toEqual({
      scope: 'Team',
      managerId: '005MGR000000001AAA',
      periodStart: '2026-11-16',
      users: 4,
      adoptedUsers: 2,
      activeUsers: 3,
      loggingUsers: 2,
      tippingPointPct: 50,
      targetPct: 45,
      reached: true,
      stageCounts: {
        Awareness: 0,
        Understanding: 1,
        Acceptance: 1,
        Involvement: 1,
        Commitment: 1
      },
      completenessScore: 80,
      openPipeline: 1250.5,
      won: 3,
      lost: 1,
      winRate: 75,
      mostImprovedUserId: '005USR000000002AAA',
      nudges: { Fixed: 1, Snoozed: 0, Dismissed: 1 }
    });
    // An org row of an empty period: no manager, no tipping point, so not reached; a row stored
    // without Active_Users__c or Logging_Users__c gives no count (null), not 0.
    const org = decodeRollup({
      Scope__c: 'Org',
      Manager__c: null,
      Period_Start__c: '2026-11-16',
      Audience_Size__c: 0,
      Tipping_Point__c: null,
      Target__c: 45
    });
    expect([
      org.scope,
      org.managerId,
      org.users,
      org.tippingPointPct,
      org.reached,
      org.activeUsers,
      org.loggingUsers
    ]).toEqual(['Org', null, 0, null, false, null, null]);
    expect(org.stageCounts.Commitment).toBe(0);
  });
});

describe('the ranking of deals at risk (agendas and the sync report)', () => {
  const deal = (opportunityId: string, priority: number, riskWeight: number): RiskRanked => ({
    opportunityId,
    priority,
    riskWeight
  });

  it('ranks by amount × risk, then the larger risk weight, then the Id', () => {
    const deals = [
      deal('006C', 0, 2),
      deal('006B', 900, 3),
      deal('006A', 900, 3),
      deal('006D', 900, 5),
      deal('006E', 0, 7)
    ];
    // 900s first: weight 5 before the two 3s, which go by Id (A before B); then the 0s, weight 7
    // before weight 2.
    expect([...deals].sort(compareRisk).map((d) => d.opportunityId)).toEqual([
      '006D',
      '006A',
      '006B',
      '006E',
      '006C'
    ]);
  });

  it('keeps the first few in that order whatever order they come in', () => {
    const all = [
      deal('006A', 10, 1),
      deal('006B', 30, 1),
      deal('006C', 20, 2),
      deal('006D', 20, 1)
    ];
    // Ranked: B (30), C (20, weight 2), D (20, weight 1), A (10): the first three are B, C, D.
    for (const order of [all, [...all].reverse()]) {
      const top: RiskRanked[] = [];
      for (const d of order) keepTopRanked(top, d, 3);
      expect(top.map((d) => d.opportunityId)).toEqual(['006B', '006C', '006D']);
    }
  });
});

describe('snapshot field lists', () => {
  it('lists as figures every snapshot field but the keys, the rung, the checkboxes and insights', () => {
    // Not figures: the key, user, manager and period; the rung and the weeks below it; whether
    // the rep logged in and whether history wrote the row; the WIIFM insights text. The other
    // 17 of the 26 fields, in the sync's order.
    const notFigures = new Set([
      'Snapshot_Key__c',
      'User__c',
      'Manager__c',
      'Period_Start__c',
      'Adoption_Stage__c',
      'Weeks_Below_Stage__c',
      'Logged_In__c',
      'Backfilled__c',
      'Insights__c'
    ]);
    expect(records.SNAPSHOT_FIELDS).toHaveLength(26);
    expect(records.SNAPSHOT_NUMBER_FIELDS).toEqual(
      records.SNAPSHOT_FIELDS.filter((f) => !notFigures.has(f))
    );
    expect(records.SNAPSHOT_NUMBER_FIELDS).toHaveLength(17);
  });
});
