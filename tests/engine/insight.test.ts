import type { DealInput } from '../../scripts/engine';
import { assessDealRisk, scoreDeal, toDealInsightRecord } from '../../scripts/engine/risk';
import { config } from './helpers';

describe('the Deal_Insight__c row of a closed deal', () => {
  // Won on 2024-02-20 after two pushes (01-31 → 02-10 → 03-05, each into a later month before
  // the date had passed, then pulled in to 02-20), with
  // no next step, no contact role and a last call on 01-05.
  const opportunity = {
    Id: '006W',
    StageName: 'Closed Won',
    IsClosed: true,
    IsWon: true,
    CloseDate: '2024-02-20',
    Amount: 5000,
    NextStep: null,
    LeadSource: 'Web',
    Type: null,
    Description: null,
    LastActivityDate: '2024-01-05',
    CreatedDate: '2023-12-01T09:00:00Z'
  };
  const history = [
    { CreatedDate: '2023-12-01T09:00:00Z', StageName: 'Qualification', CloseDate: '2024-01-31' },
    { CreatedDate: '2024-01-20T09:00:00Z', StageName: 'Qualification', CloseDate: '2024-02-10' },
    { CreatedDate: '2024-02-05T09:00:00Z', StageName: 'Qualification', CloseDate: '2024-03-05' },
    { CreatedDate: '2024-02-20T09:00:00Z', StageName: 'Closed Won', CloseDate: '2024-02-20' }
  ];

  it('has no flag, no question and no day counts; keeps its push count and completeness', () => {
    const score = scoreDeal(config, { opportunity, history, contactRoles: [] }, '2024-03-01');
    expect(toDealInsightRecord(score)).toEqual({
      Opportunity__c: '006W',
      Insight_Key__c: '006W',
      // A closed deal raises no flag (the same deal open would be STALE, PAST_DUE, NO_NEXT_STEP,
      // PUSHED, NO_CONTACT_ROLE and NO_DECISION_MAKER).
      Risk_Flags__c: '',
      // Closes 01-31 → 02-10 → 02-25 → 02-20: two moves later.
      Push_Count__c: 2,
      Days_In_Stage__c: null,
      Days_Since_Activity__c: null,
      // Closed: only amount 15, lead source 10, type 5 and description 5 apply; 25 of 35 →
      // floor(71.4) = 71.
      Completeness_Score__c: 71,
      Coaching_Questions__c: '[]'
    });
  });

  it('a lost deal is cleared the same way', () => {
    const lost = { ...opportunity, StageName: 'Closed Lost', IsWon: false };
    const record = toDealInsightRecord(
      scoreDeal(config, { opportunity: lost, history }, '2024-03-01')
    );
    expect(record).toMatchObject({
      Risk_Flags__c: '',
      Days_In_Stage__c: null,
      Days_Since_Activity__c: null,
      Coaching_Questions__c: '[]'
    });
  });

  it('an open deal keeps its day counts', () => {
    const open = { ...opportunity, StageName: 'Qualification', IsClosed: false, IsWon: false };
    const record = toDealInsightRecord(
      scoreDeal(config, { opportunity: open, history }, '2024-03-01')
    );
    // In Qualification since the first row (2023-12-01): the last row is Closed Won, so the
    // current stage's latest run is not in the history → CreatedDate 2023-12-01 → 91 days
    // (31 in December, 31 in January, 29 in February 2024).
    // Last activity 2024-01-05 → 56 days (26 left in January + 29 + 1).
    expect(record).toMatchObject({ Days_In_Stage__c: 91, Days_Since_Activity__c: 56 });
  });

  it('writes the same row from a score read back from JSON', () => {
    // The deal open in Qualification with no contact role, on 2024-03-01: STALE (56 days since
    // the call, 91 in the stage against 30), PAST_DUE (02-20), NO_NEXT_STEP, PUSHED (two pushes,
    // 2 needed), NO_CONTACT_ROLE and NO_DECISION_MAKER. Completeness: of 90 (next step 20,
    // activity 20, close date 15, amount 15, lead source 10, type 5, description 5) it earns
    // amount and lead source, 25: floor(100 × 25 ÷ 90) = 27.
    const open = { ...opportunity, StageName: 'Qualification', IsClosed: false, IsWon: false };
    const expected = {
      Opportunity__c: '006W',
      Insight_Key__c: '006W',
      Risk_Flags__c: 'STALE;PAST_DUE;NO_NEXT_STEP;PUSHED;NO_CONTACT_ROLE;NO_DECISION_MAKER',
      Push_Count__c: 2,
      Days_In_Stage__c: 91,
      Days_Since_Activity__c: 56,
      Completeness_Score__c: 27,
      Coaching_Questions__c:
        '[{"flag":"STALE","label":"Coach_Q_Stale"},' +
        '{"flag":"PAST_DUE","label":"Coach_Q_PastDue"},' +
        '{"flag":"NO_NEXT_STEP","label":"Coach_Q_NoNextStep"},' +
        '{"flag":"PUSHED","label":"Coach_Q_Pushed"},' +
        '{"flag":"NO_CONTACT_ROLE","label":"Coach_Q_NoContactRole"},' +
        '{"flag":"NO_DECISION_MAKER","label":"Coach_Q_NoDecisionMaker"}]'
    };
    const score = scoreDeal(config, { opportunity: open, history, contactRoles: [] }, '2024-03-01');
    expect(toDealInsightRecord(score)).toEqual(expected);
    // A score that went through a file: its flag and question arrays are new copies.
    expect(toDealInsightRecord(JSON.parse(JSON.stringify(score)))).toEqual(expected);
  });
});

describe('history rows in the REST API form', () => {
  const open = {
    Id: '006H',
    StageName: 'Qualification',
    IsClosed: false,
    IsWon: false,
    CloseDate: '2024-02-25',
    NextStep: 'x',
    CreatedDate: '2024-01-02T09:00:00.000+0000'
  };
  const row = (at: string, close: string, stage = 'Qualification') => ({
    CreatedDate: at,
    StageName: stage,
    CloseDate: close
  });
  /** The risk on 2024-02-20 of the open deal (`opportunity`) with `history`. */
  const riskOf = (history: DealInput['history'], opportunity = open) =>
    assessDealRisk(config, { opportunity, history }, '2024-02-20');

  it('orders rows by time whatever order they come in', () => {
    // In time: 01-02 closes 01-31, 01-20 closes 02-10, 02-05 closes 03-05 → two pushes (each
    // into a later month before the date had passed). In the order given (02-10, 01-31, 03-05)
    // there would be none: a pull-in, then a move of a date already past (a re-forecast).
    const r = riskOf([
      row('2024-01-20T09:00:00.000+0000', '2024-02-10'),
      row('2024-01-02T09:00:00.000+0000', '2024-01-31'),
      row('2024-02-05T09:00:00.000+0000', '2024-03-05')
    ]);
    expect(r.pushCount).toBe(2);
    expect(r.historyRows).toBe(3);
  });

  it('drops a row without a CreatedDate among rows in order', () => {
    // The middle row (close 2024-03-31) has no date: dropped. Left: 02-10 → 03-25 on 02-05, one
    // push; two rows counted.
    const r = riskOf([
      row('2024-01-02T09:00:00Z', '2024-02-10'),
      {
        CreatedDate: null as unknown as string,
        StageName: 'Qualification',
        CloseDate: '2024-03-31'
      },
      row('2024-02-05T09:00:00Z', '2024-03-25')
    ]);
    expect(r.pushCount).toBe(1);
    expect(r.historyRows).toBe(2);
  });

  it('goes by time, not by text, when offsets differ', () => {
    // 2024-01-20T01:00:00+05:00 is 2024-01-19T20:00Z, before 2024-01-19T22:00:00+00:00; in time:
    // closes 01-31 then 02-10 (one push, stage Needs Analysis since 01-19); as text the other way.
    const r = riskOf(
      [
        row('2024-01-19T22:00:00+00:00', '2024-02-10', 'Needs Analysis'),
        row('2024-01-20T01:00:00+05:00', '2024-01-31', 'Qualification')
      ],
      { ...open, StageName: 'Needs Analysis' }
    );
    expect(r.pushCount).toBe(1);
    expect(r.stageRegressions).toBe(0);
    // Needs Analysis since 2024-01-19 → 31 days to 02-19, 32 to 02-20.
    expect(r.daysInStage).toBe(32);
  });
});
