/**
 * People-side evidence for the adoption ladder: what a rep did with the coaching (engagement
 * rows, message receipts, logins) and the fixes their deals' data shows. Folded into a rep's
 * rollup by the sync; not part of the browser bundle (the components never need it).
 */
import type { CoachingConfig } from './config-types';
import { fromDayNumber, recordDay, requireDay, toDayNumber, toEpochSeconds } from './dates';
import { dayOf, inPeriod, type RepRollup } from './rollup';
import type {
  DateLike,
  DealInput,
  EngagementInput,
  FlatRecord,
  MessageReceiptInput,
  PeopleEvidence
} from './types';

/**
 * Fixes a deal's own data shows in the period, each counted once per deal whether or not the rep
 * clicked the nudge (StageSignals.coachingActs), while the deal was open (not closed before):
 * - an activity dated in the period on a deal gone quiet: more than risk.staleAfterDays since its
 *   previous activity (or, with none, since the deal was created);
 * - a past close date re-forecast: a history row in the period moving a close date that had
 *   passed to a date not in the past on that day;
 * - a first contact role: the deal's earliest role added in the period, the deal created before.
 * Returns the number of fixes counted.
 */
export function addDealFixes(rollup: RepRollup, deal: DealInput): number {
  const s = rollup.state;
  const inWeek = (day: number | null): day is number => inPeriod(rollup, day);
  const opp = deal.opportunity;
  const created = recordDay(opp, 'CreatedDate');
  const open = opp.IsClosed !== true;
  const closeDay = recordDay(opp, 'CloseDate');
  const openOn = (day: number) => open || closeDay === null || day <= closeDay;
  let fixes = 0;

  const days: number[] = [];
  const last = recordDay(opp, 'LastActivityDate');
  if (last !== null) days.push(last);
  for (const a of deal.activities ?? []) {
    const d = toDayNumber(a.ActivityDate) ?? toDayNumber(a.CreatedDate);
    if (d !== null) days.push(d);
  }
  days.sort((a, b) => a - b);
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (!inWeek(d) || (i > 0 && days[i - 1] === d)) continue;
    const before = i > 0 ? days[i - 1] : created;
    if (before !== null && d - before > rollup.config.risk.staleAfterDays && openOn(d)) {
      fixes++;
      break;
    }
  }

  const rows = (deal.history ?? [])
    .map((r) => ({ t: toEpochSeconds(r.CreatedDate), close: toDayNumber(r.CloseDate) }))
    .filter((r): r is { t: number; close: number | null } => r.t !== null)
    .sort((a, b) => a.t - b.t);
  let prevClose: number | null = null;
  for (const r of rows) {
    const day = Math.floor(r.t / 86400);
    if (r.close === null) continue;
    if (inWeek(day) && prevClose !== null && prevClose < day && r.close >= day && openOn(day)) {
      fixes++;
      break;
    }
    prevClose = r.close;
  }

  let firstRole: number | null = null;
  for (const role of deal.contactRoles ?? []) {
    const d = toDayNumber(role.CreatedDate);
    if (d !== null && (firstRole === null || d < firstRole)) firstRole = d;
  }
  if (inWeek(firstRole) && created !== null && created < firstRole && openOn(firstRole)) {
    fixes++;
  }
  s.people.fixes += fixes;
  return fixes;
}

const ENGAGEMENT_KINDS: Readonly<Record<string, keyof PeopleEvidence>> = {
  Viewed_Adoption: 'viewedAdoption',
  Read_Wiifm: 'readWiifm',
  Prepared_Agenda: 'preparedAgenda',
  Training_Done: 'trainingDone',
  Feedback: 'feedbackGiven'
};

/** Counts a Coach_Engagement__c row that occurred in the period (unknown kinds are ignored). */
export function addEngagement(rollup: RepRollup, row: EngagementInput): void {
  const kind = ENGAGEMENT_KINDS[row.Kind__c];
  if (kind === undefined) return;
  const s = rollup.state;
  if (inPeriod(rollup, dayOf(row.Occurred_At__c ?? row.CreatedDate))) s.people[kind]++;
}

/** Counts a Message_Receipt__c seen in the period (first seen or last shown in it). */
export function addMessageReceipt(rollup: RepRollup, row: MessageReceiptInput): void {
  const s = rollup.state;
  if (inPeriod(rollup, dayOf(row.First_Seen__c)) || inPeriod(rollup, dayOf(row.Last_Shown__c))) {
    s.people.messagesSeen++;
  }
}

/**
 * Folds in a login (a LoginHistory LoginTime, or User.LastLoginDate): one on or before the end of
 * the period and not before ladder.rolloutStart is Awareness evidence; one in the period counts
 * in PeopleEvidence.logins.
 */
export function addLogin(rollup: RepRollup, at: DateLike | null | undefined): void {
  const s = rollup.state;
  const day = dayOf(at);
  if (day === null || day >= s.periodEndDay) return;
  const start = rollup.config.ladder.rolloutStart;
  if (start !== undefined && day < requireDay(start, 'ladder.rolloutStart')) return;
  s.loggedIn = true;
  if (day >= s.periodStartDay) s.people.logins++;
}

/**
 * A deal as it stood at the end of `asOf`'s day, for scoring an earlier period from the history
 * the org records (the first sync's backfill): null when it did not exist yet; else the record
 * with StageName, CloseDate and Amount of its latest OpportunityHistory row on or before that
 * day (IsClosed and IsWon from that stage in the config), its history, activities and contact
 * roles cut at that day, and its last activity the latest of those activities. Fields the history
 * does not record (next step, lead source, …) keep their current values.
 */
export function dealAsOf(
  config: CoachingConfig,
  deal: DealInput,
  asOf: DateLike
): DealInput | null {
  const day = requireDay(asOf, 'asOf');
  const opp = deal.opportunity;
  const created = recordDay(opp, 'CreatedDate');
  if (created !== null && created > day) return null;
  const until = (value: unknown) => {
    const d = dayOf(value);
    return d !== null && d <= day;
  };
  const history = (deal.history ?? []).filter((r) => until(r.CreatedDate));
  let latest: (typeof history)[number] | null = null;
  let latestAt = -Infinity;
  for (const r of history) {
    const t = toEpochSeconds(r.CreatedDate) ?? -Infinity;
    if (t >= latestAt) {
      latest = r;
      latestAt = t;
    }
  }
  const opportunity: FlatRecord = { ...opp };
  if (latest !== null) {
    if (latest.StageName !== undefined && latest.StageName !== null) {
      opportunity.StageName = latest.StageName;
      const closed = config.objects.Opportunity.stages?.find((s) => s.name === latest!.StageName);
      if (closed !== undefined) {
        opportunity.IsClosed = closed.closed !== undefined;
        opportunity.IsWon = closed.closed === 'won';
      }
    }
    if (latest.CloseDate !== undefined) opportunity.CloseDate = latest.CloseDate;
    if (latest.Amount !== undefined) opportunity.Amount = latest.Amount;
  }
  const activities = (deal.activities ?? []).filter(
    (a) => until(a.ActivityDate) || (!a.ActivityDate && until(a.CreatedDate))
  );
  const last = recordDay(opp, 'LastActivityDate');
  if (last !== null && last > day) {
    // Its last activity then: the latest of the activities read on or before that day.
    let then: number | null = null;
    for (const a of activities) {
      const d = toDayNumber(a.ActivityDate) ?? toDayNumber(a.CreatedDate);
      if (d !== null && (then === null || d > then)) then = d;
    }
    opportunity.LastActivityDate = then === null ? null : fromDayNumber(then);
  }
  return {
    ...deal,
    opportunity,
    history,
    activities,
    contactRoles:
      deal.contactRoles === null || deal.contactRoles === undefined
        ? deal.contactRoles
        : deal.contactRoles.filter((r) => r.CreatedDate === undefined || until(r.CreatedDate))
  };
}

/**
 * Carries the Account, Contact and Lead completeness of a snapshot already written for the
 * period into the rollup (an incremental rerun of the period does not read those records again).
 */
export function keepRecordCompleteness(
  rollup: RepRollup,
  snapshot: {
    Account_Completeness__c?: unknown;
    Contact_Completeness__c?: unknown;
    Lead_Completeness__c?: unknown;
  }
): void {
  const sums = rollup.state.objectSums;
  const keep = (o: 'Account' | 'Contact' | 'Lead', v: unknown) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN;
    if (Number.isFinite(n)) sums[o] = { sum: n, n: 1 };
  };
  keep('Account', snapshot.Account_Completeness__c);
  keep('Contact', snapshot.Contact_Completeness__c);
  keep('Lead', snapshot.Lead_Completeness__c);
}
