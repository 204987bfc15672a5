import {
  nudgeCandidates,
  nudgeResponseKey,
  parseNudgeResponseKey,
  scoreCompleteness,
  selectNudges
} from '../../scripts/engine';
import { assessDealRisk } from '../../scripts/engine/risk';
import type { NudgeCandidate, NudgeResponseInput } from '../../scripts/engine';
import { config, openDeal } from './helpers';

const opp = { ...openDeal, CreatedDate: '2024-02-01T00:00:00Z' };

function candidates(): NudgeCandidate[] {
  const completeness = scoreCompleteness(config, 'Opportunity', opp, { asOf: '2024-03-01' });
  const risk = assessDealRisk(config, { opportunity: opp, contactRoles: [] }, '2024-03-01');
  return nudgeCandidates(config, 'Opportunity', '006A', { completeness, risk });
}

const r = (key: string, action: string, created: string, extra: Partial<NudgeResponseInput> = {}) =>
  ({ Nudge_Key__c: key, Action__c: action, CreatedDate: created, ...extra }) as NudgeResponseInput;

describe('nudge keys', () => {
  it('stores <nudgeKey>:<recordId> and reads bare keys too', () => {
    expect(nudgeResponseKey('Opp_NextStep', '006A')).toBe('Opp_NextStep:006A');
    expect(parseNudgeResponseKey('Opp_NextStep:006A')).toEqual({
      nudgeKey: 'Opp_NextStep',
      recordId: '006A'
    });
    expect(parseNudgeResponseKey(' Opp_NextStep ')).toEqual({
      nudgeKey: 'Opp_NextStep',
      recordId: null
    });
    expect(parseNudgeResponseKey('Opp_NextStep:')).toEqual({
      nudgeKey: 'Opp_NextStep',
      recordId: null
    });
  });
});

describe('nudgeCandidates', () => {
  it('lists the nudges whose rule failed or whose flag is raised, highest priority first', () => {
    const c = candidates();
    expect(c.map((x) => [x.nudgeKey, x.priority])).toEqual([
      ['Opp_NextStep', 90],
      ['Opp_CloseDate', 85],
      ['Opp_Activity', 80],
      ['Opp_ContactRole', 75],
      ['Opp_DecisionMaker', 70],
      ['Opp_Amount', 60],
      ['Opp_Details', 30]
    ]);
    expect(c[0]).toEqual({
      nudgeKey: 'Opp_NextStep',
      recordId: '006A',
      responseKey: 'Opp_NextStep:006A',
      priority: 90,
      label: 'Nudge_Opp_NextStep',
      wiifm: 'nextStep',
      benefit: 'Nudge_Benefit_NextStep'
    });
  });

  it('lists nothing for a complete record', () => {
    const contact = {
      Email: 'a@b.co',
      Title: 'CTO',
      AccountId: '001',
      Phone: '555 0100 12',
      LastActivityDate: '2024-02-20'
    };
    const completeness = scoreCompleteness(config, 'Contact', contact, { asOf: '2024-03-01' });
    expect(nudgeCandidates(config, 'Contact', '003A', { completeness })).toEqual([]);
  });
});

describe('selectNudges', () => {
  const responses = [
    r('Opp_NextStep:006A', 'Dismissed', '2024-03-07T10:00:00Z', { Reason__c: 'Busy' }),
    r('Opp_CloseDate:006A', 'Snoozed', '2024-03-08T10:00:00Z', { Snooze_Until__c: '2024-03-12' }),
    r('Opp_Activity:006A', 'Dismissed', '2024-03-01T10:00:00Z'),
    r('Opp_Activity:006A', 'Dismissed', '2024-03-07T10:00:00Z'),
    r('Opp_ContactRole:006A', 'Fixed', '2024-03-10T08:00:00Z'),
    r('Opp_DecisionMaker', 'Dismissed', '2024-03-09T08:00:00Z', {
      Record_Id__c: '006A',
      Reason__c: " doesn't FIT my deals "
    }),
    r('Opp_Details:006A', 'Dismissed', '2024-01-01T00:00:00Z'),
    r('Opp_Details:006A', 'Dismissed', '2024-01-05T00:00:00Z'),
    r('Opp_Details:006A', 'Dismissed', '2024-01-10T00:00:00Z'),
    r('Opp_Details:006A', 'Dismissed', '2024-01-20T00:00:00Z'),
    r('Opp_Amount:006B', 'Fixed', '2024-03-10T00:00:00Z'),
    r('Opp_Amount:006A', 'Maybe later', '2024-03-10T00:00:00Z')
  ];

  /** The selection on 2024-03-10 among every candidate, with `shownToday` shown already. */
  const selectOn10th = (shownToday: number, answers = responses, budget?: number) =>
    selectNudges(config, {
      candidates: candidates(),
      responses: answers,
      shownToday,
      asOf: '2024-03-10',
      ...(budget === undefined ? {} : { budget })
    });

  it('applies fixed, snoozed, dismissed (spaced 2, 4, 8 days), retired and the budget', () => {
    const s = selectOn10th(1);
    // Budget 3, one already shown: room for 2. Eligible: NextStep (1st dismissal + 2 days =
    // 03-09 ≤ 03-10) and Amount (other record's answer and unknown action ignored).
    expect(s.show.map((c) => c.nudgeKey)).toEqual(['Opp_NextStep', 'Opp_Amount']);
    const why = Object.fromEntries(
      s.suppressed.map((x) => [x.candidate.nudgeKey, [x.reason, x.until]])
    );
    expect(why).toEqual({
      Opp_CloseDate: ['snoozed', '2024-03-12'],
      Opp_Activity: ['dismissed', '2024-03-11'], // 2nd dismissal 03-07 + 4 days
      Opp_ContactRole: ['fixed', '2024-03-11'],
      Opp_DecisionMaker: ['retired', null],
      Opp_Details: ['retired', null] // 4 dismissals: beyond the 3-step schedule
    });
  });

  it('never goes beyond the budget', () => {
    const two = selectOn10th(2);
    expect(two.show.map((c) => c.nudgeKey)).toEqual(['Opp_NextStep']);
    expect(
      two.suppressed.filter((x) => x.reason === 'budget').map((x) => x.candidate.nudgeKey)
    ).toEqual(['Opp_Amount']);
    const over = selectOn10th(5, []);
    expect(over.show).toEqual([]);
    const custom = selectOn10th(0, [], 5);
    expect(custom.show).toHaveLength(5);
  });

  it('brings a dismissed nudge back on the day the spacing ends, not before', () => {
    const one = [r('Opp_NextStep:006A', 'Dismissed', '2024-03-07T23:00:00-02:00')]; // 03-08 UTC
    const c = candidates().filter((x) => x.nudgeKey === 'Opp_NextStep');
    expect(
      selectNudges(config, { candidates: c, responses: one, shownToday: 0, asOf: '2024-03-09' })
        .suppressed[0]
    ).toMatchObject({ reason: 'dismissed', until: '2024-03-10' });
    expect(
      selectNudges(config, { candidates: c, responses: one, shownToday: 0, asOf: '2024-03-10' })
        .show
    ).toHaveLength(1);
    const three = [
      r('Opp_NextStep:006A', 'Dismissed', '2024-02-01T00:00:00Z'),
      r('Opp_NextStep:006A', 'Dismissed', '2024-02-10T00:00:00Z'),
      r('Opp_NextStep:006A', 'Dismissed', '2024-02-27T00:00:00Z')
    ];
    // 3rd dismissal: 8 days → 2024-03-06 (2024 is a leap year).
    expect(
      selectNudges(config, { candidates: c, responses: three, shownToday: 0, asOf: '2024-03-05' })
        .suppressed[0].until
    ).toBe('2024-03-06');
  });

  it('lets the latest answer decide, and snoozes a blank Snooze_Until__c for one day', () => {
    const c = candidates().filter((x) => x.nudgeKey === 'Opp_NextStep');
    const later = [
      r('Opp_NextStep:006A', 'Fixed', '2024-03-09T10:00:00Z'),
      r('Opp_NextStep:006A', 'Snoozed', '2024-03-01T10:00:00Z', { Snooze_Until__c: '2024-03-20' })
    ];
    expect(
      selectNudges(config, { candidates: c, responses: later, shownToday: 0, asOf: '2024-03-10' })
        .show
    ).toHaveLength(1);
    const blank = [
      r('Opp_NextStep:006A', 'Snoozed', '2024-03-10T10:00:00Z', { Snooze_Until__c: '  ' })
    ];
    expect(
      selectNudges(config, { candidates: c, responses: blank, shownToday: 0, asOf: '2024-03-10' })
        .suppressed[0]
    ).toMatchObject({ reason: 'snoozed', until: '2024-03-11' });
  });
});

describe('selectNudges at its edges', () => {
  const only = (key: string) => candidates().filter((x) => x.nudgeKey === key);
  const select = (c: NudgeCandidate[], responses: NudgeResponseInput[], asOf: string) =>
    selectNudges(config, { candidates: c, responses, shownToday: 0, asOf });

  it('shows a fixed nudge again on the day its quiet days end, not before', () => {
    // Fixed on 03-09 (10:00 UTC), fixedQuietDays 1: quiet until 03-10, shown from 03-10.
    const fixed = [r('Opp_NextStep:006A', 'Fixed', '2024-03-09T10:00:00Z')];
    const c = only('Opp_NextStep');
    const on = (asOf: string) => select(c, fixed, asOf);
    expect(on('2024-03-09').suppressed).toEqual([
      { candidate: c[0], reason: 'fixed', until: '2024-03-10' }
    ]);
    expect(on('2024-03-10').show).toEqual(c);
    // Snoozed until 03-12: quiet on 03-11, shown on 03-12.
    const snoozed = [
      r('Opp_NextStep:006A', 'Snoozed', '2024-03-09T10:00:00Z', { Snooze_Until__c: '2024-03-12' })
    ];
    const snooze = (asOf: string) => select(c, snoozed, asOf);
    expect(snooze('2024-03-11').suppressed[0]).toMatchObject({ reason: 'snoozed' });
    expect(snooze('2024-03-12').show).toEqual(c);
  });

  it('lets the answer listed last decide between two given at the same instant', () => {
    // Both at 03-01 10:00: the snooze (listed last) decides, quiet until 03-20; had the fix
    // decided, its one quiet day would be over by 03-10.
    const c = only('Opp_NextStep');
    const same = [
      r('Opp_NextStep:006A', 'Fixed', '2024-03-01T10:00:00Z'),
      r('Opp_NextStep:006A', 'Snoozed', '2024-03-01T10:00:00Z', { Snooze_Until__c: '2024-03-20' })
    ];
    expect(select(c, same, '2024-03-10').suppressed).toEqual([
      { candidate: c[0], reason: 'snoozed', until: '2024-03-20' }
    ]);
  });

  it('ignores answers without a readable date, a key, a record or a known action', () => {
    // Each would keep the nudge quiet until 2099 if it were read.
    const c = only('Opp_NextStep');
    const until = { Snooze_Until__c: '2099-01-01' };
    const unreadable = [
      r('Opp_NextStep:006A', 'Snoozed', 'yesterday', until),
      { ...r('', 'Snoozed', '2024-03-10T08:00:00Z', until), Nudge_Key__c: null },
      r('Opp_NextStep', 'Snoozed', '2024-03-10T08:00:00Z', { ...until, Record_Id__c: '  ' }),
      r('Opp_NextStep', 'Snoozed', '2024-03-10T08:00:00Z', until)
    ] as NudgeResponseInput[];
    const s = select(c, unreadable, '2024-03-10');
    expect(s.show).toEqual(c);
    expect(s.suppressed).toEqual([]);
    // An answer with an unknown action, later than a fix, leaves the fix in charge.
    const fixedThenUnknown = [
      r('Opp_NextStep:006A', 'Fixed', '2024-03-10T08:00:00Z'),
      r('Opp_NextStep:006A', 'Later', '2024-03-10T09:00:00Z')
    ];
    expect(select(c, fixedThenUnknown, '2024-03-10').suppressed).toEqual([
      { candidate: c[0], reason: 'fixed', until: '2024-03-11' }
    ]);
  });

  it('counts only dismissals towards the spacing', () => {
    // Two fixes, then one dismissal (03-05): the first step, 2 days → shown again on 03-07.
    const c = only('Opp_NextStep');
    const answers = [
      r('Opp_NextStep:006A', 'Fixed', '2024-03-01T08:00:00Z'),
      r('Opp_NextStep:006A', 'Fixed', '2024-03-03T08:00:00Z'),
      r('Opp_NextStep:006A', 'Dismissed', '2024-03-05T08:00:00Z')
    ];
    expect(select(c, answers, '2024-03-06').suppressed).toEqual([
      { candidate: c[0], reason: 'dismissed', until: '2024-03-07' }
    ]);
    expect(select(c, answers, '2024-03-07').show).toEqual(c);
  });

  it('refuses a missing asOf by name', () => {
    expect(() => select(only('Opp_NextStep'), [], '')).toThrow("asOf must be a 'YYYY-MM-DD' date");
  });

  it('reads a negative shownToday as none shown', () => {
    // Budget 3, shownToday −2 counts as 0: room for 3 of the 7 candidates, not 5.
    const s = selectNudges(config, {
      candidates: candidates(),
      responses: [],
      shownToday: -2,
      asOf: '2024-03-10'
    });
    expect(s.show.map((c) => c.nudgeKey)).toEqual([
      'Opp_NextStep',
      'Opp_CloseDate',
      'Opp_Activity'
    ]);
    expect(s.suppressed.map((x) => x.reason)).toEqual(['budget', 'budget', 'budget', 'budget']);
  });

  it('orders by priority, then nudge key, then record id', () => {
    const cand = (nudgeKey: string, recordId: string, priority: number): NudgeCandidate => ({
      nudgeKey,
      recordId,
      responseKey: nudgeResponseKey(nudgeKey, recordId),
      priority,
      label: `Nudge_${nudgeKey}`,
      wiifm: null,
      benefit: 'Nudge_Benefit_NextStep'
    });
    const list = [
      cand('B', '006B', 50),
      cand('A', '006Z', 50),
      cand('A', '006A', 50),
      cand('C', '006A', 60),
      cand('A', '006M', 40)
    ];
    // 60 first; the three at 50: key A before B, and within A, 006A before 006Z; then 40.
    // The same order whichever order the candidates come in.
    for (const input of [list, [...list].reverse()]) {
      const s = selectNudges(config, {
        candidates: input,
        responses: [],
        shownToday: 0,
        asOf: '2024-03-10',
        budget: 10
      });
      expect(s.show.map((c) => c.responseKey)).toEqual([
        'C:006A',
        'A:006A',
        'A:006Z',
        'B:006B',
        'A:006M'
      ]);
    }
  });
});

describe('nudge keys and candidates at their edges', () => {
  it('splits at the first colon and trims the record id', () => {
    expect(parseNudgeResponseKey('Opp_NextStep: 006A ')).toEqual({
      nudgeKey: 'Opp_NextStep',
      recordId: '006A'
    });
    // A colon in first place: an empty nudge key, the record id after it.
    expect(parseNudgeResponseKey(':006A')).toEqual({ nudgeKey: '', recordId: '006A' });
  });

  it('lists the flag nudges alone when only the risk was scored', () => {
    const risk = assessDealRisk(config, { opportunity: opp, contactRoles: [] }, '2024-03-01');
    // No contact role on the deal: NO_CONTACT_ROLE and NO_DECISION_MAKER raise their nudges
    // (75 and 70); the rule nudges need a completeness result.
    expect(nudgeCandidates(config, 'Opportunity', '006A', { risk }).map((c) => c.nudgeKey)).toEqual(
      ['Opp_ContactRole', 'Opp_DecisionMaker']
    );
    expect(nudgeCandidates(config, 'Opportunity', '006A', {})).toEqual([]);
  });

  it('lists candidates by priority, not in catalogue order', () => {
    // Account catalogue: Acc_Details (30) before Acc_Touch (35). An account with a missing
    // industry and an old activity fails a rule of each.
    const account = {
      Industry: null,
      BillingCountry: 'NO',
      Phone: '+47 22 33 44 55',
      Website: 'x.no',
      NumberOfEmployees: 5,
      LastActivityDate: '2023-01-01'
    };
    const completeness = scoreCompleteness(config, 'Account', account, { asOf: '2024-03-01' });
    expect(
      nudgeCandidates(config, 'Account', '001A', { completeness }).map((c) => c.nudgeKey)
    ).toEqual(['Acc_Touch', 'Acc_Details']);
  });
});
