import { finishRep } from '../../scripts/engine/rollup';
import type { DealInput } from '../../scripts/engine';
import * as people from '../../scripts/engine/people';
import { config, configCopy } from './helpers';
import { closeDateMoves, weekRollup } from './support/week';

// The week of support/week.ts: Monday 2024-02-26 to 03-03, asOf its last day. risk.staleAfterDays
// 14 in the shipped config. Every rollup below is made inside its test: the work must run inside
// the test that checks it.
const rep = (c = config) => weekRollup('R', 'M', { previous: null }, c);

type Opportunity = DealInput['opportunity'];

/** The fixes one deal shows in the week, folded into a fresh rollup. */
const fixes = (deal: DealInput) => people.addDealFixes(rep(), deal);

// An open deal created on 2024-01-01: 01-01 → 02-27 is 30 + 27 = 57 days.
const open = {
  Id: '006F',
  StageName: 'Qualification',
  IsClosed: false,
  CloseDate: '2024-03-31',
  CreatedDate: '2024-01-01T09:00:00Z'
};

describe('an activity on a deal gone quiet', () => {
  it('measures the quiet from the previous activity, its last activity date or the creation', () => {
    // Only the deal's LastActivityDate (02-27), 57 days after its creation: a fix.
    expect(fixes({ opportunity: { ...open, LastActivityDate: '2024-02-27' } })).toBe(1);
    // Only one activity (02-27), no LastActivityDate: 57 days after the creation, a fix.
    expect(fixes({ opportunity: open, activities: [{ ActivityDate: '2024-02-27' }] })).toBe(1);
    // An activity without any date is left out: the 02-27 one still follows the creation.
    expect(fixes({ opportunity: open, activities: [{}, { ActivityDate: '2024-02-27' }] })).toBe(1);
    // An activity without ActivityDate is dated by its CreatedDate (02-27 15:00 UTC): a fix.
    expect(
      fixes({ opportunity: open, activities: [{ CreatedDate: '2024-02-27T15:00:00Z' }] })
    ).toBe(1);
    // ActivityDate wins over CreatedDate: 01-20 is before the week, so no fix in it.
    expect(
      fixes({
        opportunity: open,
        activities: [{ ActivityDate: '2024-01-20', CreatedDate: '2024-02-27T15:00:00Z' }]
      })
    ).toBe(0);
    // No CreatedDate and no earlier activity: nothing to measure the quiet from.
    const { CreatedDate: _created, ...undated } = open;
    expect(fixes({ opportunity: undated, activities: [{ ActivityDate: '2024-02-27' }] })).toBe(0);
  });

  it('counts only a quiet gap ending inside the week', () => {
    // Created 2023-11-01. Gaps: 2023-12-01 → 01-20 is 30 + 20 = 50 days and 01-20 → 02-20 is
    // 11 + 20 = 31 days, both ending before the week; 02-20 → 02-27 is 7 days ≤ 14: no fix.
    expect(
      fixes({
        opportunity: { ...open, CreatedDate: '2023-11-01T09:00:00Z' },
        activities: [
          { ActivityDate: '2023-12-01' },
          { ActivityDate: '2024-01-20' },
          { ActivityDate: '2024-02-20' },
          { ActivityDate: '2024-02-27' }
        ]
      })
    ).toBe(0);
    // The same activity twice on 02-27 after 01-28 (3 + 27 = 30 quiet days): one fix.
    expect(
      fixes({
        opportunity: open,
        activities: [
          { ActivityDate: '2024-02-27' },
          { ActivityDate: '2024-01-28' },
          { ActivityDate: '2024-02-27' }
        ]
      })
    ).toBe(1);
  });

  it('counts a fix made while the deal was open: an open deal past its close date, or on the day it closed', () => {
    // 01-28 → 02-27: 30 quiet days.
    const quiet = [{ ActivityDate: '2024-01-28' }, { ActivityDate: '2024-02-27' }];
    // Open, its close date 02-20 already past: still open, so a fix.
    expect(fixes({ opportunity: { ...open, CloseDate: '2024-02-20' }, activities: quiet })).toBe(1);
    const closed = { ...open, IsClosed: true, StageName: 'Closed Won' };
    // Closed on 03-02, after the activity: a fix.
    expect(fixes({ opportunity: { ...closed, CloseDate: '2024-03-02' }, activities: quiet })).toBe(
      1
    );
    // Closed on 02-27, the activity's own day: still open that day, a fix.
    expect(fixes({ opportunity: { ...closed, CloseDate: '2024-02-27' }, activities: quiet })).toBe(
      1
    );
    // Closed on 02-26, the day before: none.
    expect(fixes({ opportunity: { ...closed, CloseDate: '2024-02-26' }, activities: quiet })).toBe(
      0
    );
    // Closed with no close date known: counted (nothing says it was closed before).
    expect(fixes({ opportunity: { ...closed, CloseDate: null }, activities: quiet })).toBe(1);
  });
});

describe('a past close date re-forecast', () => {
  const reforecast = (history: DealInput['history'], opportunity: Opportunity = open) =>
    fixes({ opportunity, history });

  it('reads the history in time order, whatever order it comes in', () => {
    // 01-10 set 02-15; on 02-27 (02-15 past) moved to 03-20: a fix, though listed first.
    expect(
      reforecast(closeDateMoves(['2024-02-27', '2024-03-20'], ['2024-01-10', '2024-02-15']))
    ).toBe(1);
  });

  it('leaves out rows with an unreadable time, and rows without a close date move nothing', () => {
    // The row with no readable time is left out: the 02-27 row has no earlier close date known.
    expect(
      reforecast([
        { CreatedDate: 'not a date', CloseDate: '2024-02-10' },
        { CreatedDate: '2024-02-27T09:00:00Z', CloseDate: '2024-03-20' }
      ])
    ).toBe(0);
    // The 02-20 row records no close date: the one before 02-27 is still 02-15 (past): a fix.
    expect(
      reforecast(
        closeDateMoves(
          ['2024-01-10', '2024-02-15'],
          ['2024-02-20', null],
          ['2024-02-27', '2024-03-20']
        )
      )
    ).toBe(1);
  });

  it('counts a move inside the week, from a date already past, to a date not past that day', () => {
    // Moved on 02-10, before the week (01-31 past then): no fix in this week.
    expect(
      reforecast(closeDateMoves(['2024-01-10', '2024-01-31'], ['2024-02-10', '2024-03-20']))
    ).toBe(0);
    // A single row in the week: no earlier close date, no re-forecast.
    expect(reforecast(closeDateMoves(['2024-02-27', '2024-03-20']))).toBe(0);
    // The close date 02-27 moved on 02-27: not past yet that day, no re-forecast.
    expect(
      reforecast(closeDateMoves(['2024-01-10', '2024-02-27'], ['2024-02-27', '2024-03-20']))
    ).toBe(0);
    // 02-15 (past) moved on 02-27 to 02-27 itself: not in the past that day, a fix.
    expect(
      reforecast(closeDateMoves(['2024-01-10', '2024-02-15'], ['2024-02-27', '2024-02-27']))
    ).toBe(1);
    // Two re-forecasts in the week (02-15 → 02-26 on 02-26, 02-26 → 03-20 on 02-28): one fix.
    expect(
      reforecast(
        closeDateMoves(
          ['2024-01-10', '2024-02-15'],
          ['2024-02-26', '2024-02-26'],
          ['2024-02-28', '2024-03-20']
        )
      )
    ).toBe(1);
    // A deal closed (lost) on 02-26 and re-forecast on 02-27: after it closed, none.
    expect(
      reforecast(closeDateMoves(['2024-01-10', '2024-02-15'], ['2024-02-27', '2024-03-20']), {
        ...open,
        IsClosed: true,
        StageName: 'Closed Lost',
        CloseDate: '2024-02-26'
      })
    ).toBe(0);
  });
});

describe('a first contact role', () => {
  const roles = (contactRoles: DealInput['contactRoles'], opportunity: Opportunity = open) =>
    fixes({ opportunity, contactRoles });

  it('is the earliest dated role, added in the week, after the day the deal was created', () => {
    // Earliest 01-15, listed first or last: before the week, no fix.
    expect(
      roles([{ CreatedDate: '2024-01-15T10:00:00Z' }, { CreatedDate: '2024-02-28T10:00:00Z' }])
    ).toBe(0);
    expect(
      roles([{ CreatedDate: '2024-02-28T10:00:00Z' }, { CreatedDate: '2024-01-15T10:00:00Z' }])
    ).toBe(0);
    // A role without a date is left out: the first dated one is 02-28, a fix.
    expect(roles([{ CreatedDate: '2024-02-28T10:00:00Z' }, { Role: 'Influencer' }])).toBe(1);
    // The deal has no creation date: not known to be created before, none.
    const { CreatedDate: _created, ...undated } = open;
    expect(roles([{ CreatedDate: '2024-02-28T10:00:00Z' }], undated)).toBe(0);
    // Created 02-27 09:00, a role the same day at 10:00: part of creating it, none; on 02-28 a fix.
    const fresh = { ...open, CreatedDate: '2024-02-27T09:00:00Z' };
    expect(roles([{ CreatedDate: '2024-02-27T10:00:00Z' }], fresh)).toBe(0);
    expect(roles([{ CreatedDate: '2024-02-28T10:00:00Z' }], fresh)).toBe(1);
    // Closed on 02-27: a role added that day is a fix, one added on 02-28 is not.
    const closed = { ...open, IsClosed: true, StageName: 'Closed Won', CloseDate: '2024-02-27' };
    expect(roles([{ CreatedDate: '2024-02-27T10:00:00Z' }], closed)).toBe(1);
    expect(roles([{ CreatedDate: '2024-02-28T10:00:00Z' }], closed)).toBe(0);
  });

  it('adds each deal’s fixes to the rep’s count', () => {
    const r = rep();
    // A quiet deal (1 fix), a deal with nothing to fix (0), a first role (1): 2 in all.
    expect(
      people.addDealFixes(r, { opportunity: { ...open, LastActivityDate: '2024-02-27' } })
    ).toBe(1);
    expect(people.addDealFixes(r, { opportunity: open })).toBe(0);
    expect(
      people.addDealFixes(r, {
        opportunity: open,
        contactRoles: [{ CreatedDate: '2024-03-01T08:00:00Z' }]
      })
    ).toBe(1);
    expect(finishRep(r).people.fixes).toBe(2);
  });
});

describe('logins, engagement rows and receipts at the edges of the week', () => {
  it('counts a login in the week, and an earlier one as Awareness only', () => {
    // The first second after the week: neither evidence nor a login of the week.
    const after = rep();
    people.addLogin(after, '2024-03-04T00:00:00Z');
    expect(finishRep(after).signals.loggedIn).toBe(false);
    expect(finishRep(after).people.logins).toBe(0);

    const r = rep();
    people.addLogin(r, null);
    people.addLogin(r, undefined);
    people.addLogin(r, 'soon');
    expect(finishRep(r).signals.loggedIn).toBe(false);
    people.addLogin(r, '2024-02-25T23:59:59Z'); // the Sunday before: Awareness, not a login of the week
    expect(finishRep(r).signals.loggedIn).toBe(true);
    expect(finishRep(r).people.logins).toBe(0);
    people.addLogin(r, '2024-02-26T00:00:00Z'); // the week's first second
    people.addLogin(r, '2024-03-03T23:59:59Z'); // its last second
    expect(finishRep(r).people.logins).toBe(2);
  });

  it('counts no login before the rollout started, from its first day on', () => {
    const c = configCopy();
    c.ladder.rolloutStart = '2024-02-28';
    const before = rep(c);
    people.addLogin(before, '2024-02-27T23:59:59Z'); // in the week, but before the rollout
    expect(finishRep(before).signals.loggedIn).toBe(false);
    expect(finishRep(before).people.logins).toBe(0);
    const first = rep(c);
    people.addLogin(first, '2024-02-28T00:00:00Z'); // the rollout's first second
    expect(finishRep(first).signals.loggedIn).toBe(true);
    expect(finishRep(first).people.logins).toBe(1);
    // A rollout start that is not a date is named in the error.
    c.ladder.rolloutStart = '2024-02-30';
    expect(() => people.addLogin(rep(c), '2024-02-28T08:00:00Z')).toThrow(
      'ladder.rolloutStart must be a \'YYYY-MM-DD\' date or an ISO datetime, got "2024-02-30"'
    );
  });

  it('dates an engagement row by Occurred_At__c, else CreatedDate; a receipt by either date', () => {
    const r = rep();
    // Occurred in the week, created after it: counted by when it occurred.
    people.addEngagement(r, {
      Kind__c: 'Read_Wiifm',
      Occurred_At__c: '2024-03-01T08:00:00Z',
      CreatedDate: '2024-03-05T08:00:00Z'
    });
    // Occurred before the week, created in it: not counted.
    people.addEngagement(r, {
      Kind__c: 'Read_Wiifm',
      Occurred_At__c: '2024-02-20T08:00:00Z',
      CreatedDate: '2024-02-27T08:00:00Z'
    });
    // No occurrence time: its CreatedDate (in the week) counts.
    people.addEngagement(r, {
      Kind__c: 'Training_Done',
      Occurred_At__c: null,
      CreatedDate: '2024-02-27T08:00:00Z'
    });
    // Neither date: not counted.
    people.addEngagement(r, { Kind__c: 'Training_Done' });
    // First seen in the week, never shown again: seen. Neither date in the week: not seen.
    people.addMessageReceipt(r, { First_Seen__c: '2024-02-28T08:00:00Z', Last_Shown__c: null });
    people.addMessageReceipt(r, {
      First_Seen__c: '2024-02-01T08:00:00Z',
      Last_Shown__c: '2024-03-04T08:00:00Z'
    });
    // Both in the week: seen once.
    people.addMessageReceipt(r, {
      First_Seen__c: '2024-02-26T08:00:00Z',
      Last_Shown__c: '2024-03-03T08:00:00Z'
    });
    expect(finishRep(r).people).toMatchObject({ readWiifm: 1, trainingDone: 1, messagesSeen: 2 });
  });
});

describe('a deal as it stood at the end of an earlier day', () => {
  // Created 01-05 10:00; now Closed Won on 03-20 for 9000, its last activity 03-18.
  const won = {
    Id: '006W',
    StageName: 'Closed Won',
    IsClosed: true,
    IsWon: true,
    CloseDate: '2024-03-20',
    Amount: 9000,
    NextStep: 'Sign the order form',
    CreatedDate: '2024-01-05T10:00:00Z',
    LastActivityDate: '2024-03-18'
  };
  // History rows, listed out of time order.
  const h1 = {
    CreatedDate: '2024-02-10T09:00:00Z',
    StageName: 'Negotiation/Review',
    CloseDate: '2024-03-15',
    Amount: 7000
  };
  const h0 = {
    CreatedDate: '2024-01-05T10:00:00Z',
    StageName: 'Prospecting',
    CloseDate: '2024-02-28',
    Amount: 5000
  };
  const h2 = {
    CreatedDate: '2024-03-20T09:00:00Z',
    StageName: 'Closed Won',
    CloseDate: '2024-03-20',
    Amount: 9000
  };
  // Activities: a0 01-20; a2 dated by its CreatedDate 02-25; a1 02-14; a3 planned on 02-20 for
  // 03-01 (its ActivityDate decides); a4 03-18; a5 without any date.
  const a0 = { ActivityDate: '2024-01-20' };
  const a2 = { ActivityDate: null, CreatedDate: '2024-02-25T15:00:00Z' };
  const a1 = { ActivityDate: '2024-02-14' };
  const a3 = { ActivityDate: '2024-03-01', CreatedDate: '2024-02-20T08:00:00Z' };
  const a4 = { ActivityDate: '2024-03-18' };
  const a5 = {};
  // Roles: added 01-10, added 03-05, and one without a date (kept: not known to be later).
  const r0 = { Role: 'Decision Maker', CreatedDate: '2024-01-10T00:00:00Z' };
  const r1 = { Role: 'Influencer', CreatedDate: '2024-03-05T00:00:00Z' };
  const r2 = { Role: 'Economic Buyer' };
  const deal = (): DealInput => ({
    opportunity: { ...won },
    history: [h1, h0, h2],
    activities: [a0, a2, a1, a3, a4, a5],
    contactRoles: [r0, r1, r2]
  });

  it('takes the latest history row on or before the day, and cuts the related rows at it', () => {
    const input = deal();
    // On 02-29: rows h1 (02-10) and h0 (01-05); the latest is h1: Negotiation/Review, an open
    // stage in the config (IsClosed and IsWon false), close 03-15, 7000. Activities on or
    // before 02-29: a0, a2, a1 (a3 is dated 03-01); the latest of them 02-25 is the last
    // activity then (03-18 came later). Roles r0 and r2.
    expect(people.dealAsOf(config, input, '2024-02-29')).toEqual({
      opportunity: {
        ...won,
        StageName: 'Negotiation/Review',
        IsClosed: false,
        IsWon: false,
        CloseDate: '2024-03-15',
        Amount: 7000,
        LastActivityDate: '2024-02-25'
      },
      history: [h1, h0],
      activities: [a0, a2, a1],
      contactRoles: [r0, r2]
    });
    // The deal given is not changed.
    expect(input).toEqual(deal());
    // On 03-20, its close day (the h2 row at 09:00 counts): as it is now; every dated row kept.
    expect(people.dealAsOf(config, input, '2024-03-20')).toEqual({
      opportunity: won,
      history: [h1, h0, h2],
      activities: [a0, a2, a1, a3, a4],
      contactRoles: [r0, r1, r2]
    });
  });

  it('exists from the day it was created, with no activity before it', () => {
    // On 01-05, its creation day: h0 only (Prospecting, close 02-28, 5000); no activity yet, so
    // no last activity; r2 only (r0 came on 01-10).
    expect(people.dealAsOf(config, deal(), '2024-01-05')).toEqual({
      opportunity: {
        ...won,
        StageName: 'Prospecting',
        IsClosed: false,
        IsWon: false,
        CloseDate: '2024-02-28',
        Amount: 5000,
        LastActivityDate: null
      },
      history: [h0],
      activities: [],
      contactRoles: [r2]
    });
    // The day before: it did not exist.
    expect(people.dealAsOf(config, deal(), '2024-01-04')).toBeNull();
    // An asOf that is not a date is named in the error.
    expect(() => people.dealAsOf(config, deal(), '2024-01-32')).toThrow(
      'asOf must be a \'YYYY-MM-DD\' date or an ISO datetime, got "2024-01-32"'
    );
  });

  it('keeps a last activity on or before the day as it is', () => {
    // The activities read hold only 02-14; the deal's own LastActivityDate 02-20 is not after
    // the day asked (02-20, or 02-29), so it stays.
    const input = (): DealInput => ({
      opportunity: { ...won, LastActivityDate: '2024-02-20' },
      activities: [a1]
    });
    expect(people.dealAsOf(config, input(), '2024-02-20')?.opportunity.LastActivityDate).toBe(
      '2024-02-20'
    );
    expect(people.dealAsOf(config, input(), '2024-02-29')?.opportunity.LastActivityDate).toBe(
      '2024-02-20'
    );
    // Without history, activities or roles: the record as it is, history and activities empty,
    // the roles left unknown (undefined) or known to be none (null) as given.
    const bare = people.dealAsOf(
      config,
      { opportunity: { ...won, LastActivityDate: null } },
      '2024-02-29'
    );
    expect(bare).toEqual({
      opportunity: { ...won, LastActivityDate: null },
      history: [],
      activities: []
    });
    expect(bare?.contactRoles).toBeUndefined();
    const none = people.dealAsOf(config, { opportunity: won, contactRoles: null }, '2024-03-20');
    expect(none?.contactRoles).toBeNull();
  });

  it('reads the stage’s open, won or lost state from the config', () => {
    // Reopened: Closed Lost on 02-01, back to Qualification on 02-15; now open.
    const reopened: DealInput = {
      opportunity: { ...won, StageName: 'Qualification', IsClosed: false, IsWon: false },
      history: [
        { CreatedDate: '2024-01-05T10:00:00Z', StageName: 'Prospecting' },
        { CreatedDate: '2024-02-01T09:00:00Z', StageName: 'Closed Lost' },
        { CreatedDate: '2024-02-15T09:00:00Z', StageName: 'Qualification' }
      ]
    };
    // On 02-10 the latest row is Closed Lost: closed, not won.
    expect(people.dealAsOf(config, reopened, '2024-02-10')?.opportunity).toMatchObject({
      StageName: 'Closed Lost',
      IsClosed: true,
      IsWon: false
    });
    // A stage the config does not list: the name is taken, IsClosed and IsWon stay as they are.
    const legacy: DealInput = {
      opportunity: won,
      history: [{ CreatedDate: '2024-02-01T09:00:00Z', StageName: 'Legacy Stage' }]
    };
    expect(people.dealAsOf(config, legacy, '2024-02-10')?.opportunity).toMatchObject({
      StageName: 'Legacy Stage',
      IsClosed: true,
      IsWon: true
    });
    // A config without Opportunity stages: the same.
    const c = configCopy();
    delete c.objects.Opportunity.stages;
    expect(people.dealAsOf(c, reopened, '2024-02-10')?.opportunity).toMatchObject({
      StageName: 'Closed Lost',
      IsClosed: false,
      IsWon: false
    });
  });

  it('takes only the fields a history row records', () => {
    // The latest row on 02-10 records no stage (null) and a null close date, and no amount:
    // the stage, IsClosed, IsWon and amount stay; the close date becomes null.
    const noStage: DealInput = {
      opportunity: won,
      history: [{ CreatedDate: '2024-02-01T09:00:00Z', StageName: null, CloseDate: null }]
    };
    expect(people.dealAsOf(config, noStage, '2024-02-10')?.opportunity).toEqual({
      ...won,
      CloseDate: null,
      LastActivityDate: null
    });
    // A row with only an amount: the stage and close date stay.
    const amountOnly: DealInput = {
      opportunity: won,
      history: [{ CreatedDate: '2024-02-01T09:00:00Z', Amount: 8000 }]
    };
    expect(people.dealAsOf(config, amountOnly, '2024-02-10')?.opportunity).toEqual({
      ...won,
      Amount: 8000,
      LastActivityDate: null
    });
    // Two rows at the same second: the one listed last (the sync reads them in Id order, the
    // order they were written).
    const tie: DealInput = {
      opportunity: won,
      history: [
        { CreatedDate: '2024-02-01T09:00:00Z', StageName: 'Qualification' },
        { CreatedDate: '2024-02-01T09:00:00Z', StageName: 'Needs Analysis' }
      ]
    };
    expect(people.dealAsOf(config, tie, '2024-02-10')?.opportunity.StageName).toBe(
      'Needs Analysis'
    );
  });
});

describe('the record completeness of a snapshot already written', () => {
  it('replaces the object sums with the snapshot’s figures that are numbers', () => {
    const r = rep();
    // A first snapshot's 80 for the accounts; the next one's 55 replaces it (not 135 over 2).
    people.keepRecordCompleteness(r, { Account_Completeness__c: 80 });
    expect(r.state.objectSums.Account).toEqual({ sum: 80, n: 1 });
    people.keepRecordCompleteness(r, {
      Account_Completeness__c: 55,
      Contact_Completeness__c: '72.5', // a number read as text
      Lead_Completeness__c: '' // empty: not a figure
    });
    expect(r.state.objectSums).toEqual({
      Account: { sum: 55, n: 1 },
      Contact: { sum: 72.5, n: 1 },
      Lead: { sum: 0, n: 0 }
    });
    expect(finishRep(r).record).toMatchObject({
      Account_Completeness__c: 55,
      Contact_Completeness__c: 73, // the snapshot rounds its means: 72.5 → 73
      Lead_Completeness__c: null
    });

    const other = rep();
    people.keepRecordCompleteness(other, {
      Account_Completeness__c: null,
      Contact_Completeness__c: 'n/a',
      Lead_Completeness__c: 64
    });
    people.keepRecordCompleteness(other, { Lead_Completeness__c: Number.NaN });
    people.keepRecordCompleteness(other, { Contact_Completeness__c: Number.POSITIVE_INFINITY });
    expect(other.state.objectSums).toEqual({
      Account: { sum: 0, n: 0 },
      Contact: { sum: 0, n: 0 },
      Lead: { sum: 64, n: 1 }
    });
  });
});
