/**
 * Programme messages (Adoption_Message__c) and their receipts (Message_Receipt__c): who is in a
 * message's audience, when an unacknowledged message comes back (a spaced schedule counted in
 * hours from the last time it was shown), which messages to show now within the daily budget,
 * and a message's reach. Pure functions; `asOf` is an ISO instant, so tests need no clock.
 */
import type { BrowserConfig } from './browser-config';
import { toDayNumber, toEpochSeconds } from './dates';
import type { AdoptionStage, RiskFlag } from './config-types';
import { isFeedback, type FeedbackRow } from './feedback';
import { parseNudgeResponseKey } from './nudges';
import { compareTeam, compareText, toNumber, toText } from './values';

/** The audiences a message can name (Audience_Type__c). */
export const MESSAGE_AUDIENCES = [
  'Everyone',
  'Team',
  'Rung',
  'Missing_Behaviour',
  'Feedback_Givers'
] as const;
export type MessageAudience = (typeof MESSAGE_AUDIENCES)[number];

/**
 * The behaviours a Missing_Behaviour audience can name, each with the snapshot count that says
 * a rep is missing it (more than 0 deals).
 */
export const MESSAGE_BEHAVIOURS: Readonly<Partial<Record<RiskFlag, string>>> = {
  NO_NEXT_STEP: 'Missing_Next_Step__c',
  STALE: 'Stale_Opportunities__c',
  PAST_DUE: 'Past_Due_Opportunities__c',
  PUSHED: 'Pushed_Opportunities__c'
};

/** The Adoption_Message__c fields the engine reads. */
export interface MessageRow {
  Id: string;
  Name?: string | null;
  Kind__c?: string | null;
  Status__c?: string | null;
  Audience_Type__c?: string | null;
  Audience_Value__c?: string | null;
  Start_Date__c?: string | null;
  End_Date__c?: string | null;
  /** A quick win's rep: always in its audience, so they hear their win is shared. */
  Win_Rep__c?: string | null;
  CreatedDate?: string | null;
}

/** The Message_Receipt__c fields the engine reads. */
export interface ReceiptRow {
  Message__c: string;
  User__c?: string | null;
  First_Seen__c?: string | null;
  Last_Shown__c?: string | null;
  Times_Shown__c?: number | null;
  Acknowledged__c?: string | null;
}

/** One user of the rollout as the audience rules see them. */
export interface AudienceMember {
  userId: string;
  /** The team: the manager on the user's latest snapshot. */
  managerId: string | null;
  stage: AdoptionStage | null;
  /** Behaviours (MESSAGE_BEHAVIOURS keys) the user's latest snapshot says are missing. */
  missing: RiskFlag[];
  /** Feedback the user gave: nudge key and when (a dismissal with a reason). */
  feedback: { nudgeKey: string; at: string }[];
}

/**
 * An audience member from the user's latest Adoption_Snapshot__c row (User__c, Manager__c,
 * Adoption_Stage__c and the MESSAGE_BEHAVIOURS counts) and their feedback.
 */
export function audienceMember(
  snapshot: Record<string, unknown>,
  feedback: AudienceMember['feedback'] = []
): AudienceMember {
  const missing: RiskFlag[] = [];
  for (const [flag, field] of Object.entries(MESSAGE_BEHAVIOURS)) {
    if ((toNumber(snapshot[field as string]) ?? 0) > 0) missing.push(flag as RiskFlag);
  }
  return {
    userId: String(snapshot.User__c ?? ''),
    managerId: toText(snapshot.Manager__c),
    stage: toText(snapshot.Adoption_Stage__c) as AdoptionStage | null,
    missing,
    feedback
  };
}

/**
 * The audience members of the rollout: one per user, from their latest snapshot (the greatest
 * Period_Start__c), with the feedback they gave (`responses`: Nudge_Response__c rows with
 * OwnerId; those that are feedback — a dismissal with a reason — count).
 */
export function audienceMembers(
  snapshots: readonly Record<string, unknown>[],
  responses: readonly FeedbackRow[] = []
): AudienceMember[] {
  const feedback = new Map<string, AudienceMember['feedback']>();
  for (const r of responses) {
    const owner = toText(r.OwnerId);
    if (owner === null || !isFeedback(r) || typeof r.Nudge_Key__c !== 'string') continue;
    const list = feedback.get(owner) ?? [];
    list.push({
      nudgeKey: parseNudgeResponseKey(r.Nudge_Key__c).nudgeKey,
      at: toText(r.CreatedDate) ?? ''
    });
    feedback.set(owner, list);
  }
  const latest = new Map<string, Record<string, unknown>>();
  for (const s of snapshots) {
    const user = toText(s.User__c);
    if (user === null) continue;
    const seen = latest.get(user);
    if (!seen || String(s.Period_Start__c ?? '') > String(seen.Period_Start__c ?? '')) {
      latest.set(user, s);
    }
  }
  return [...latest.entries()].map(([user, s]) => audienceMember(s, feedback.get(user) ?? []));
}

/**
 * Whether `member` is in the audience the message names (a quick win's own rep always is). An
 * unknown audience reaches nobody.
 */
export function inAudience(message: MessageRow, member: AudienceMember): boolean {
  if (toText(message.Win_Rep__c) !== null && message.Win_Rep__c === member.userId) return true;
  if (message.Audience_Type__c === 'Everyone') return true;
  // Every other audience names its team, rung, behaviour or nudge: none named, nobody.
  const value = toText(message.Audience_Value__c);
  if (value === null) return false;
  switch (message.Audience_Type__c) {
    case 'Team':
      return member.managerId === value;
    case 'Rung':
      return member.stage === value;
    case 'Missing_Behaviour':
      return member.missing.includes(value as RiskFlag);
    case 'Feedback_Givers': {
      // Feedback given before the reply was written; without a creation time, any feedback.
      const until = toEpochSeconds(message.CreatedDate);
      return member.feedback.some((f) => {
        if (f.nudgeKey !== value) return false;
        const at = toEpochSeconds(f.at);
        return until === null || (at !== null && at <= until);
      });
    }
    default:
      return false;
  }
}

/** Published, and `asOf`'s UTC day within its start and end dates (a blank date is open). */
export function isMessageLive(message: MessageRow, asOf: string): boolean {
  if (message.Status__c !== 'Published') return false;
  const day = Math.floor(requireInstant(asOf, 'asOf') / 86400);
  const start = toDayNumber(message.Start_Date__c);
  const end = toDayNumber(message.End_Date__c);
  return (start === null || day >= start) && (end === null || day <= end);
}

function requireInstant(value: string, name: string): number {
  const t = toEpochSeconds(value);
  if (t === null) throw new Error(`${name}: expected an ISO date-time, found ${String(value)}`);
  return t;
}

/**
 * When an unacknowledged message may be shown again, as an ISO instant; null when it is due
 * now (never shown) or never again (acknowledged: `acknowledged` true). After the n-th showing
 * it waits messages.reshowHours[n-1] hours from Last_Shown__c; past the end of the list, the
 * last gap repeats until the message is acknowledged or ends.
 */
export function nextMessageShow(
  config: BrowserConfig,
  receipt: ReceiptRow | null | undefined
): { acknowledged: boolean; at: string | null } {
  if (toText(receipt?.Acknowledged__c) !== null) return { acknowledged: true, at: null };
  // Never shown (no receipt, or no Last_Shown__c): due now.
  const last = toEpochSeconds(receipt?.Last_Shown__c);
  if (last === null) return { acknowledged: false, at: null };
  const gaps = config.messages.reshowHours;
  const shown = Math.max(1, Math.floor(toNumber(receipt?.Times_Shown__c) ?? 1));
  const hours = gaps[Math.min(shown, gaps.length) - 1];
  return { acknowledged: false, at: new Date((last + hours * 3600) * 1000).toISOString() };
}

export interface MessageSelectionInput {
  messages: readonly MessageRow[];
  /** The user's own receipts (any message). */
  receipts: readonly ReceiptRow[];
  member: AudienceMember;
  /** ISO instant. */
  asOf: string;
  /** Programme messages already shown to the user today on other pages. */
  shownToday: number;
}

export type MessageSuppressReason = 'acknowledged' | 'waiting' | 'budget';

export interface MessageSelection {
  show: MessageRow[];
  /** Live messages of the user's audience not shown now, with when they may return. */
  suppressed: { message: MessageRow; reason: MessageSuppressReason; until: string | null }[];
}

/**
 * The messages to show the user now: live, in their audience, never acknowledged, and due on
 * the spaced schedule; newest start first; no more a day than messages.perDay and the nudge
 * budget (nudges.budgetPerDay) allow, less those already shown today. Messages come first in
 * the daily budget: each one shown counts against the nudges shown after it (the components
 * keep one ledger of both), and nudges never hold a message back.
 */
export function selectMessages(
  config: BrowserConfig,
  input: MessageSelectionInput
): MessageSelection {
  const now = requireInstant(input.asOf, 'asOf');
  const byMessage = new Map(input.receipts.map((r) => [r.Message__c, r]));
  const due: MessageRow[] = [];
  const suppressed: MessageSelection['suppressed'] = [];
  const suppress = (message: MessageRow, reason: MessageSuppressReason, until: string | null) =>
    suppressed.push({ message, reason, until });
  for (const m of input.messages) {
    if (!isMessageLive(m, input.asOf) || !inAudience(m, input.member)) continue;
    const next = nextMessageShow(config, byMessage.get(m.Id));
    if (next.acknowledged) suppress(m, 'acknowledged', null);
    else if (next.at !== null && (toEpochSeconds(next.at) as number) > now)
      suppress(m, 'waiting', next.at);
    else due.push(m);
  }
  due.sort((a, b) => {
    const sa = toDayNumber(a.Start_Date__c) ?? 0;
    const sb = toDayNumber(b.Start_Date__c) ?? 0;
    return sb - sa || compareText(a.Id, b.Id);
  });
  const room = Math.max(
    0,
    Math.min(config.messages.perDay, config.nudges.budgetPerDay) - Math.max(0, input.shownToday)
  );
  for (const m of due.slice(room)) suppress(m, 'budget', null);
  return { show: due.slice(0, room), suppressed };
}

/**
 * The receipt fields to write when the message is shown at `asOf`: first seen (kept once set),
 * last shown, and one more showing.
 */
export function shownReceipt(
  receipt: ReceiptRow | null | undefined,
  asOf: string
): Pick<ReceiptRow, 'First_Seen__c' | 'Last_Shown__c' | 'Times_Shown__c'> {
  requireInstant(asOf, 'asOf');
  return {
    First_Seen__c: toText(receipt?.First_Seen__c) ?? asOf,
    Last_Shown__c: asOf,
    Times_Shown__c: Math.max(0, Math.floor(toNumber(receipt?.Times_Shown__c) ?? 0)) + 1
  };
}

/** The value of Message_Receipt__c.Receipt_Key__c: `<MessageId>:<UserId>`. */
export function messageReceiptKey(messageId: string, userId: string): string {
  return `${messageId}:${userId}`;
}

export interface ReachCount {
  audience: number;
  seen: number;
  acknowledged: number;
}

export interface MessageReach extends ReachCount {
  /** Per team (manager id; null: users without a manager), teams in id order, null last. */
  byTeam: (ReachCount & { managerId: string | null })[];
}

/**
 * A message's reach among `members` (the rollout's audience, one per user): how many are in its
 * audience, how many of those have seen it (a receipt with First_Seen__c) and acknowledged it.
 * Receipts of users outside the audience are not counted.
 */
export function messageReach(
  message: MessageRow,
  members: readonly AudienceMember[],
  receipts: readonly ReceiptRow[]
): MessageReach {
  const byUser = new Map<string, ReceiptRow>();
  for (const r of receipts) {
    if (r.Message__c === message.Id && typeof r.User__c === 'string') byUser.set(r.User__c, r);
  }
  const none = (): ReachCount => ({ audience: 0, seen: 0, acknowledged: 0 });
  const total = none();
  const teams = new Map<string | null, ReachCount>();
  for (const m of members) {
    if (!inAudience(message, m)) continue;
    const team = teams.get(m.managerId) ?? none();
    teams.set(m.managerId, team);
    const r = byUser.get(m.userId);
    const seen = toText(r?.First_Seen__c) !== null ? 1 : 0;
    const ack = toText(r?.Acknowledged__c) !== null ? 1 : 0;
    for (const c of [total, team]) {
      c.audience++;
      c.seen += seen;
      c.acknowledged += ack;
    }
  }
  const byTeam = [...teams.entries()]
    .sort(([a], [b]) => compareTeam(a, b))
    .map(([managerId, c]) => ({ managerId, ...c }));
  return { ...total, byTeam };
}
