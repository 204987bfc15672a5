import {
  audienceMember,
  audienceMembers,
  inAudience,
  isMessageLive,
  messageReach,
  messageReceiptKey,
  nextMessageShow,
  selectMessages,
  shownReceipt
} from '../../scripts/engine';
import { config, configCopy } from './helpers';
import { msg, receipt, rep } from './support/message-rows';

// The shipped schedule: reshowHours [48, 96, 168], perDay 1; the nudge budget is 3 a day.

describe('the spaced schedule of a programme message', () => {
  it('is due at once when never shown', () => {
    expect(nextMessageShow(config, null)).toEqual({ acknowledged: false, at: null });
  });

  it('comes back 48 hours after the first showing, then after 96, then every 168', () => {
    // Shown once on 2 March 09:00 UTC: + 48 h = 4 March 09:00.
    expect(nextMessageShow(config, receipt()).at).toBe('2026-03-04T09:00:00.000Z');
    // Shown a 2nd time on 4 March 10:00: + 96 h (4 days) = 8 March 10:00.
    const second = receipt({ Last_Shown__c: '2026-03-04T10:00:00.000Z', Times_Shown__c: 2 });
    expect(nextMessageShow(config, second).at).toBe('2026-03-08T10:00:00.000Z');
    // 3rd showing on 8 March 10:00: + 168 h = 15 March 10:00; the 5th repeats the last gap.
    const third = receipt({ Last_Shown__c: '2026-03-08T10:00:00.000Z', Times_Shown__c: 3 });
    expect(nextMessageShow(config, third).at).toBe('2026-03-15T10:00:00.000Z');
    const fifth = receipt({ Last_Shown__c: '2026-03-20T00:30:00.000Z', Times_Shown__c: 5 });
    expect(nextMessageShow(config, fifth).at).toBe('2026-03-27T00:30:00.000Z');
  });

  it('counts from the instant in any UTC offset', () => {
    // 11:00 at +02:00 is 09:00 UTC; + 48 h.
    const r = receipt({ Last_Shown__c: '2026-03-02T11:00:00.000+02:00' });
    expect(nextMessageShow(config, r).at).toBe('2026-03-04T09:00:00.000Z');
  });

  it('never comes back once acknowledged', () => {
    const r = receipt({ Acknowledged__c: '2026-03-02T09:01:00.000Z' });
    expect(nextMessageShow(config, r)).toEqual({ acknowledged: true, at: null });
  });

  it('follows a configured schedule', () => {
    const c = configCopy();
    c.messages.reshowHours = [24];
    // One gap only: every 24 h.
    const r = receipt({ Last_Shown__c: '2026-03-02T09:00:00.000Z', Times_Shown__c: 4 });
    expect(nextMessageShow(c, r).at).toBe('2026-03-03T09:00:00.000Z');
  });
});

describe('selectMessages', () => {
  const base = { messages: [msg()], member: rep(), shownToday: 0 };

  it('shows an unseen message of the rep’s team', () => {
    const s = selectMessages(config, { ...base, receipts: [], asOf: '2026-03-02T09:00:00.000Z' });
    expect(s.show.map((m) => m.Id)).toEqual(['a01M1']);
  });

  it('holds an unacknowledged message until 48 hours after it was shown, not a second before', () => {
    const receipts = [receipt()];
    const before = selectMessages(config, { ...base, receipts, asOf: '2026-03-04T08:59:59.000Z' });
    expect(before.show).toEqual([]);
    expect(before.suppressed).toEqual([
      { message: msg(), reason: 'waiting', until: '2026-03-04T09:00:00.000Z' }
    ]);
    const at = selectMessages(config, { ...base, receipts, asOf: '2026-03-04T09:00:00.000Z' });
    expect(at.show.map((m) => m.Id)).toEqual(['a01M1']);
  });

  it('never shows an acknowledged one, nor one of another team, a proposal or one out of dates', () => {
    const asOf = '2026-03-10T12:00:00.000Z';
    const acked = selectMessages(config, {
      ...base,
      receipts: [receipt({ Acknowledged__c: '2026-03-02T09:00:05.000Z' })],
      asOf
    });
    expect(acked.show).toEqual([]);
    expect(acked.suppressed[0].reason).toBe('acknowledged');
    for (const m of [
      msg({ Audience_Value__c: '005MGR2' }),
      msg({ Status__c: 'Withdrawn' }),
      msg({ Start_Date__c: '2026-03-11' }),
      msg({ End_Date__c: '2026-03-09' })
    ]) {
      const s = selectMessages(config, { ...base, messages: [m], receipts: [], asOf });
      expect(s).toEqual({ show: [], suppressed: [] });
    }
  });

  it('shows one a day, newest start first, and no more once today’s is shown', () => {
    const older = msg({ Id: 'a01M0', Start_Date__c: '2026-02-20', Audience_Type__c: 'Everyone' });
    const newer = msg({ Id: 'a01M2', Start_Date__c: '2026-03-05', Audience_Type__c: 'Everyone' });
    const asOf = '2026-03-06T10:00:00.000Z';
    const input = { ...base, messages: [older, newer], receipts: [], asOf };
    // perDay 1 (within the nudge budget of 3): the newer one; the older waits for the budget.
    const s = selectMessages(config, { ...input, shownToday: 0 });
    expect(s.show.map((m) => m.Id)).toEqual(['a01M2']);
    expect(s.suppressed).toEqual([{ message: older, reason: 'budget', until: null }]);
    // One message already shown today on another page: none.
    const full = selectMessages(config, { ...input, shownToday: 1 });
    expect(full.show).toEqual([]);
    expect(full.suppressed.map((x) => x.reason)).toEqual(['budget', 'budget']);
    // perDay 5 but a nudge budget of 2: two.
    const c = configCopy();
    c.messages.perDay = 5;
    c.nudges.budgetPerDay = 2;
    const two = selectMessages(c, { ...input, shownToday: 0 });
    expect(two.show.map((m) => m.Id)).toEqual(['a01M2', 'a01M0']);
  });

  it('refuses an asOf that is not a date-time', () => {
    expect(() => selectMessages(config, { ...base, receipts: [], asOf: 'soon' })).toThrow(
      'asOf: expected an ISO date-time, found soon'
    );
  });
});

describe('audiences', () => {
  it('everyone, a team, a rung, a missing behaviour', () => {
    const m = rep({ stage: 'Acceptance', missing: ['NO_NEXT_STEP'] });
    expect(inAudience(msg({ Audience_Type__c: 'Everyone', Audience_Value__c: null }), m)).toBe(
      true
    );
    expect(inAudience(msg(), m)).toBe(true);
    expect(inAudience(msg({ Audience_Value__c: '005MGR2' }), m)).toBe(false);
    expect(inAudience(msg({ Audience_Type__c: 'Rung', Audience_Value__c: 'Acceptance' }), m)).toBe(
      true
    );
    expect(inAudience(msg({ Audience_Type__c: 'Rung', Audience_Value__c: 'Awareness' }), m)).toBe(
      false
    );
    const behaviour = (v: string) =>
      msg({ Audience_Type__c: 'Missing_Behaviour', Audience_Value__c: v });
    expect(inAudience(behaviour('NO_NEXT_STEP'), m)).toBe(true);
    expect(inAudience(behaviour('STALE'), m)).toBe(false);
    expect(inAudience(msg({ Audience_Type__c: 'Somebody' }), m)).toBe(false);
    expect(inAudience(msg({ Audience_Value__c: null }), rep({ managerId: null }))).toBe(false);
    // A quick win of another team still reaches the rep whose win it is.
    const win = msg({ Audience_Value__c: '005MGR2', Win_Rep__c: '005REP1' });
    expect(inAudience(win, m)).toBe(true);
    expect(inAudience(win, rep({ userId: '005REP2' }))).toBe(false);
  });

  it('a reply on a rule reaches those who gave feedback on that rule before it was written', () => {
    const reply = msg({
      Audience_Type__c: 'Feedback_Givers',
      Audience_Value__c: 'Opp_NextStep',
      CreatedDate: '2026-03-05T12:00:00.000Z'
    });
    const gave = (nudgeKey: string, at: string) => rep({ feedback: [{ nudgeKey, at }] });
    expect(inAudience(reply, gave('Opp_NextStep', '2026-03-05T11:59:59.000Z'))).toBe(true);
    expect(inAudience(reply, gave('Opp_NextStep', '2026-03-05T12:00:01.000Z'))).toBe(false);
    expect(inAudience(reply, gave('Opp_Amount', '2026-03-01T00:00:00.000Z'))).toBe(false);
    expect(inAudience(reply, rep())).toBe(false);
  });

  it('one member per user from the latest snapshot, with the feedback they gave', () => {
    const members = audienceMembers(
      [
        { User__c: 'U1', Manager__c: 'M2', Period_Start__c: '2026-02-23' },
        { User__c: 'U1', Manager__c: 'M1', Period_Start__c: '2026-03-02' },
        { User__c: 'U2', Manager__c: 'M1', Period_Start__c: '2026-03-02' },
        { User__c: null, Manager__c: 'M1', Period_Start__c: '2026-03-02' }
      ],
      [
        {
          OwnerId: 'U1',
          Nudge_Key__c: 'Opp_NextStep:006A',
          Action__c: 'Dismissed',
          Reason__c: "I don't know how",
          CreatedDate: '2026-03-03T10:00:00.000Z'
        },
        // Not feedback: no reason, or not a dismissal.
        { OwnerId: 'U1', Nudge_Key__c: 'Opp_Amount:006A', Action__c: 'Dismissed', Reason__c: null },
        { OwnerId: 'U2', Nudge_Key__c: 'Opp_Amount:006B', Action__c: 'Fixed', Reason__c: null }
      ]
    );
    expect(members.map((m) => [m.userId, m.managerId, m.feedback])).toEqual([
      ['U1', 'M1', [{ nudgeKey: 'Opp_NextStep', at: '2026-03-03T10:00:00.000Z' }]],
      ['U2', 'M1', []]
    ]);
  });

  it('reads a member from a snapshot row', () => {
    const row = {
      User__c: '005REP1',
      Manager__c: '005MGR1',
      Adoption_Stage__c: 'Acceptance',
      Missing_Next_Step__c: 2,
      Stale_Opportunities__c: 0,
      Past_Due_Opportunities__c: null,
      Pushed_Opportunities__c: 1
    };
    expect(audienceMember(row)).toEqual({
      userId: '005REP1',
      managerId: '005MGR1',
      stage: 'Acceptance',
      missing: ['NO_NEXT_STEP', 'PUSHED'],
      feedback: []
    });
  });
});

describe('receipts and reach', () => {
  it('a showing keeps the first-seen time and counts one more', () => {
    expect(shownReceipt(null, '2026-03-02T09:00:00.000Z')).toEqual({
      First_Seen__c: '2026-03-02T09:00:00.000Z',
      Last_Shown__c: '2026-03-02T09:00:00.000Z',
      Times_Shown__c: 1
    });
    expect(shownReceipt(receipt(), '2026-03-04T09:30:00.000Z')).toEqual({
      First_Seen__c: '2026-03-02T09:00:00.000Z',
      Last_Shown__c: '2026-03-04T09:30:00.000Z',
      Times_Shown__c: 2
    });
    expect(messageReceiptKey('a01M1', '005REP1')).toBe('a01M1:005REP1');
  });

  it('counts seen and acknowledged among the audience, by team', () => {
    const everyone = msg({ Audience_Type__c: 'Everyone', Audience_Value__c: null });
    const members = [
      rep({ userId: 'U1', managerId: 'M1' }),
      rep({ userId: 'U2', managerId: 'M1' }),
      rep({ userId: 'U3', managerId: 'M2' }),
      rep({ userId: 'U4', managerId: null })
    ];
    const receipts = [
      receipt({ User__c: 'U1', Acknowledged__c: '2026-03-02T09:00:10.000Z' }),
      receipt({ User__c: 'U3' }),
      // A receipt of someone outside the rollout's audience, and one of another message.
      receipt({ User__c: 'U9', Acknowledged__c: '2026-03-02T09:00:10.000Z' }),
      receipt({ Message__c: 'a01OTHER', User__c: 'U2' })
    ];
    // U1 seen + acknowledged, U2 nothing (its receipt is of another message), U3 seen, U4 nothing.
    expect(messageReach(everyone, members, receipts)).toEqual({
      audience: 4,
      seen: 2,
      acknowledged: 1,
      byTeam: [
        { managerId: 'M1', audience: 2, seen: 1, acknowledged: 1 },
        { managerId: 'M2', audience: 1, seen: 1, acknowledged: 0 },
        { managerId: null, audience: 1, seen: 0, acknowledged: 0 }
      ]
    });
    // The team message: only M1's two reps are its audience.
    expect(messageReach(msg({ Audience_Value__c: 'M1' }), members, receipts)).toMatchObject({
      audience: 2,
      seen: 1,
      acknowledged: 1
    });
  });

  it('a message is live between its dates, inclusive, when published', () => {
    expect(isMessageLive(msg(), '2026-03-31T23:59:59.000Z')).toBe(true);
    expect(isMessageLive(msg(), '2026-04-01T00:00:00.000Z')).toBe(false);
    expect(
      isMessageLive(msg({ Start_Date__c: null, End_Date__c: null }), '2030-01-01T00:00:00Z')
    ).toBe(true);
  });
});
