// Programme messages at their edges: blank fields, the first and last instant of a window, ties,
// instants before 1970, and the error that names the field. Every expected value is worked out
// by hand from the rules in scripts/engine/messages.ts (reasoning beside each).
import {
  audienceMember,
  audienceMembers,
  inAudience,
  isMessageLive,
  messageReach,
  nextMessageShow,
  selectMessages,
  shownReceipt
} from '../../scripts/engine';
import type { MessageRow, ReceiptRow } from '../../scripts/engine';
import { config, configCopy } from './helpers';
import { msg as teamMessage, rep } from './support/message-rows';

// The message of these tests reaches everyone (the shared row is a team message).
const msg = (over: Partial<MessageRow> = {}): MessageRow =>
  teamMessage({ Audience_Type__c: 'Everyone', Audience_Value__c: null, ...over });

describe('audience members from blank fields', () => {
  it('a snapshot row with nothing in it gives a member with no user, team, rung or gap', () => {
    // User__c absent: String('') is ''; Manager__c and Adoption_Stage__c absent: null; no
    // behaviour count above 0: nothing missing; no feedback given.
    expect(audienceMember({})).toEqual({
      userId: '',
      managerId: null,
      stage: null,
      missing: [],
      feedback: []
    });
  });

  it('keeps the first of two snapshots of the same period and ignores a snapshot with no period', () => {
    const members = audienceMembers([
      // U1: the newer snapshot comes first; the older one after it must not replace it.
      { User__c: 'U1', Manager__c: 'M1', Period_Start__c: '2026-03-02' },
      { User__c: 'U1', Manager__c: 'M2', Period_Start__c: '2026-02-23' },
      // U2: two snapshots of the same week: the first one stays (the later is not greater).
      { User__c: 'U2', Manager__c: 'M1', Period_Start__c: '2026-03-02' },
      { User__c: 'U2', Manager__c: 'M2', Period_Start__c: '2026-03-02' },
      // U3: a snapshot without a period ('' sorts before any date) does not replace a dated one.
      { User__c: 'U3', Manager__c: 'M1', Period_Start__c: '2026-03-02' },
      { User__c: 'U3', Manager__c: 'M2' },
      // U4: ... and a dated one replaces one without a period.
      { User__c: 'U4', Manager__c: 'M2', Period_Start__c: null },
      { User__c: 'U4', Manager__c: 'M1', Period_Start__c: '2026-03-02' }
    ]);
    // Members in the order each user was first seen; every one of them in team M1.
    expect(members.map((m) => [m.userId, m.managerId])).toEqual([
      ['U1', 'M1'],
      ['U2', 'M1'],
      ['U3', 'M1'],
      ['U4', 'M1']
    ]);
    // No responses given: nobody has feedback.
    expect(members.every((m) => m.feedback.length === 0)).toBe(true);
  });

  it('feedback without a creation time, without an owner or without a nudge key', () => {
    const members = audienceMembers(
      [{ User__c: 'U1', Manager__c: 'M1', Period_Start__c: '2026-03-02' }],
      [
        // Feedback (a dismissal with a reason) with no CreatedDate: counted, at ''.
        {
          OwnerId: 'U1',
          Nudge_Key__c: 'Opp_NextStep:006A',
          Action__c: 'Dismissed',
          Reason__c: "I don't know how"
        },
        // No owner, or no nudge key: left out (and a missing key is not read).
        {
          OwnerId: null,
          Nudge_Key__c: 'Opp_Amount:006A',
          Action__c: 'Dismissed',
          Reason__c: "I don't know how"
        },
        { OwnerId: 'U1', Nudge_Key__c: null, Action__c: 'Dismissed', Reason__c: "I don't know how" }
      ]
    );
    expect(members).toEqual([
      {
        userId: 'U1',
        managerId: 'M1',
        stage: null,
        missing: [],
        feedback: [{ nudgeKey: 'Opp_NextStep', at: '' }]
      }
    ]);
  });
});

describe('audiences with blank values', () => {
  it('a quick win with a blank rep reaches nobody through the win, not even a member with no user', () => {
    // The member read from an empty row has userId ''; Win_Rep__c '' is blank, so the win rule
    // does not apply, and the team message names another team.
    const nobody = audienceMember({ Manager__c: 'M1' });
    const win = msg({ Audience_Type__c: 'Team', Audience_Value__c: 'M2', Win_Rep__c: '' });
    expect(inAudience(win, nobody)).toBe(false);
  });

  it('a rung message with no rung reaches nobody, not even a member with no rung', () => {
    expect(
      inAudience(msg({ Audience_Type__c: 'Rung', Audience_Value__c: null }), rep({ stage: null }))
    ).toBe(false);
  });

  it('a reply with no creation time reaches every giver of feedback on the rule', () => {
    const reply = msg({
      Audience_Type__c: 'Feedback_Givers',
      Audience_Value__c: 'Opp_NextStep',
      CreatedDate: null
    });
    // No creation time: feedback at any instant counts, even long after the message start.
    const gave = rep({ feedback: [{ nudgeKey: 'Opp_NextStep', at: '2026-06-01T00:00:00.000Z' }] });
    expect(inAudience(reply, gave)).toBe(true);
  });

  it('feedback given the very second the reply was written counts; feedback with no time does not', () => {
    const reply = msg({
      Audience_Type__c: 'Feedback_Givers',
      Audience_Value__c: 'Opp_NextStep',
      CreatedDate: '2026-03-05T12:00:00.000Z'
    });
    // at == CreatedDate: "before or at" the reply, so in.
    const same = rep({ feedback: [{ nudgeKey: 'Opp_NextStep', at: '2026-03-05T12:00:00.000Z' }] });
    expect(inAudience(reply, same)).toBe(true);
    // at '' is no instant: it cannot be shown to be before the reply, so out.
    const blank = rep({ feedback: [{ nudgeKey: 'Opp_NextStep', at: '' }] });
    expect(inAudience(reply, blank)).toBe(false);
  });
});

describe('the day window of a message', () => {
  it('is live from the first second of its start day', () => {
    // Start 1 March: 1 March 00:00:00 UTC is inside, 28 February 23:59:59 is not.
    expect(isMessageLive(msg(), '2026-03-01T00:00:00.000Z')).toBe(true);
    expect(isMessageLive(msg(), '2026-02-28T23:59:59.000Z')).toBe(false);
  });

  it('a blank start is open however far back, before 1970 too', () => {
    // 31 Dec 1969 12:00 UTC is day -1; with no start date nothing bounds it below; the end
    // (31 March 2026) is later.
    expect(isMessageLive(msg({ Start_Date__c: null }), '1969-12-31T12:00:00.000Z')).toBe(true);
  });

  it('names asOf when it is not a date-time', () => {
    expect(() => isMessageLive(msg(), 'soon')).toThrow(
      'asOf: expected an ISO date-time, found soon'
    );
    expect(() => shownReceipt(null, 'later')).toThrow(
      'asOf: expected an ISO date-time, found later'
    );
  });
});

describe('the schedule with a receipt never shown', () => {
  it('is due at once when the receipt has no last showing', () => {
    // A receipt row exists (e.g. created, then the write of Last_Shown__c failed) but no
    // showing is recorded and it is not acknowledged: due now.
    const r: ReceiptRow = { Message__c: 'a01M1', User__c: '005REP1', Last_Shown__c: null };
    expect(nextMessageShow(config, r)).toEqual({ acknowledged: false, at: null });
  });

  it('shows a never-shown open message at an instant before 1970', () => {
    // asOf 31 Dec 1969 12:00 UTC (epoch -43200 s). No receipt: due now, not waiting.
    const m = msg({ Start_Date__c: null, End_Date__c: null });
    const s = selectMessages(config, {
      messages: [m],
      receipts: [],
      member: rep(),
      asOf: '1969-12-31T12:00:00.000Z',
      shownToday: 0
    });
    expect(s).toEqual({ show: [m], suppressed: [] });
  });
});

describe('the order of due messages', () => {
  it('newest start first, a blank start last, equal starts by Id', () => {
    const c = configCopy();
    c.messages.perDay = 10;
    c.nudges.budgetPerDay = 10;
    const a = msg({ Id: 'a01MA', Start_Date__c: '2026-03-01' });
    const b = msg({ Id: 'a01MB', Start_Date__c: '2026-03-05' });
    const blank = msg({ Id: 'a01MC', Start_Date__c: null });
    const d = msg({ Id: 'a01MD', Start_Date__c: '2026-03-05' });
    const e = msg({ Id: 'a01ME', Start_Date__c: '2026-03-03' });
    const asOf = '2026-03-06T10:00:00.000Z';
    // 5 March (B and D, B first by Id), then 3 March (E), 1 March (A), no start (C: day 0).
    const expected = ['a01MB', 'a01MD', 'a01ME', 'a01MA', 'a01MC'];
    for (const messages of [
      [blank, a, d, b, e],
      [e, d, b, a, blank],
      [a, blank, e, b, d]
    ]) {
      const s = selectMessages(c, { messages, receipts: [], member: rep(), asOf, shownToday: 0 });
      expect(s.show.map((m) => m.Id)).toEqual(expected);
    }
  });

  it('equal starts go by Id whichever comes first', () => {
    const c = configCopy();
    c.messages.perDay = 10;
    c.nudges.budgetPerDay = 10;
    const ids = ['a01M3', 'a01M1', 'a01M2'];
    const asOf = '2026-03-06T10:00:00.000Z';
    for (const order of [ids, [...ids].reverse(), ['a01M2', 'a01M3', 'a01M1']]) {
      const messages = order.map((Id) => msg({ Id }));
      const s = selectMessages(c, { messages, receipts: [], member: rep(), asOf, shownToday: 0 });
      // All start on 1 March: ascending Id.
      expect(s.show.map((m) => m.Id)).toEqual(['a01M1', 'a01M2', 'a01M3']);
    }
  });
});

describe('reach by team', () => {
  it('lists the teams in id order with the users without a manager last, whatever the order met', () => {
    const everyone = msg();
    // No receipts: each team has audience 1 (2 for M1 in the second list), nothing seen.
    const one = (managerId: string | null, audience = 1) => ({
      managerId,
      audience,
      seen: 0,
      acknowledged: 0
    });
    const first = messageReach(
      everyone,
      [
        rep({ userId: 'U1', managerId: 'M3' }),
        rep({ userId: 'U2', managerId: null }),
        rep({ userId: 'U3', managerId: 'M1' }),
        rep({ userId: 'U4', managerId: 'M2' })
      ],
      []
    );
    expect(first.byTeam).toEqual([one('M1'), one('M2'), one('M3'), one(null)]);
    const second = messageReach(
      everyone,
      [
        rep({ userId: 'U1', managerId: null }),
        rep({ userId: 'U2', managerId: 'M2' }),
        rep({ userId: 'U3', managerId: 'M1' }),
        rep({ userId: 'U4', managerId: 'M1' })
      ],
      []
    );
    expect(second.byTeam).toEqual([one('M1', 2), one('M2'), one(null)]);
    const third = messageReach(
      everyone,
      [rep({ userId: 'U1', managerId: 'M2' }), rep({ userId: 'U2', managerId: 'M1' })],
      []
    );
    expect(third.byTeam).toEqual([one('M1'), one('M2')]);
  });

  it('a receipt with no user counts for nobody', () => {
    const receipts: ReceiptRow[] = [
      { Message__c: 'a01M1', User__c: null, First_Seen__c: '2026-03-02T09:00:00.000Z' }
    ];
    // One member, no receipt of theirs: audience 1, seen 0.
    expect(messageReach(msg(), [rep()], receipts)).toMatchObject({
      audience: 1,
      seen: 0,
      acknowledged: 0
    });
  });
});
