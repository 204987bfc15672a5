import type { BrowserConfig } from './browser-config';
import type { AdoptionStage, CoachingConfig, SObjectName } from './config-types';
import { ADOPTION_STAGES, stageIndex } from './constants';
import { completenessOf } from './completeness';
import { compileForSync } from './compiled';
import { fromDayNumber, recordDay, requireDay, toDayNumber, toEpochSeconds } from './dates';
import { scoreDeal } from './risk';
import type {
  ActivityInput,
  DealInput,
  DealScore,
  EvidenceCell,
  EvidenceCounts,
  PeopleEvidence,
  FinishOptions,
  FlatRecord,
  NudgeResponseInput,
  PreviousSnapshot,
  RepRollupInput,
  RepSnapshot,
  StageSignals,
  TeamRollup,
  VisibleFields
} from './types';
import { buildInsights, emptyEvidence, mergeEvidence } from './wiifm';
import { isBlank, round1, toNumber, visibleSet } from './values';
import { nextAdoptionStage } from './stage';

/** Streaming per-rep accumulator: counters only, never the deals themselves. */
export interface RepRollup {
  readonly config: CoachingConfig;
  readonly input: RepRollupInput;
  /** Internal counters; read them through finishRep. */
  readonly state: RollupState;
}

/** Internal counters of a rep's rollup (people.ts folds evidence into them too). */
export interface RollupState {
  asOfDay: number;
  periodStartDay: number;
  periodEndDay: number;
  windowStartDay: number;
  open: number;
  pipeline: number;
  won: number;
  lost: number;
  stale: number;
  pastDue: number;
  missingNextStep: number;
  pushed: number;
  activities: number;
  scoredRecords: number;
  scoreSum: number;
  /** Completeness sums and counts of Account, Contact and Lead records (the snapshot's split). */
  objectSums: Record<'Account' | 'Contact' | 'Lead', { sum: number; n: number }>;
  /** A login known on or before the end of the period, since the rollout started. */
  loggedIn: boolean;
  people: PeopleEvidence;
  evidence: EvidenceCounts;
}

function emptyPeople(): PeopleEvidence {
  return {
    logins: 0,
    viewedAdoption: 0,
    readWiifm: 0,
    messagesSeen: 0,
    feedbackGiven: 0,
    preparedAgenda: 0,
    trainingDone: 0,
    nudgeAnswers: 0,
    fixes: 0
  };
}

/**
 * Starts a rep's rollup for the period [periodStart, periodStart + config.periodDays).
 * Win/loss counts and WIIFM evidence use deals whose CloseDate falls in the trailing window of
 * config.winRateWindowDays days ending at asOf: (asOf − window, asOf].
 */
/** The parts of the sponsor's scorecard, each 0–100 or null when nothing measures it. */
export interface ScorecardParts {
  people: number | null;
  process: number | null;
  technology: number | null;
}

/**
 * The scorecard's overall score: the mean of the parts that have a value, weighted by
 * config.scorecardWeights, to one decimal; null when no part has a value or all weigh 0.
 */
export function scorecardScore(config: BrowserConfig, parts: ScorecardParts): number | null {
  let sum = 0;
  let weight = 0;
  for (const [key, w] of Object.entries(config.scorecardWeights)) {
    const v = parts[key as keyof ScorecardParts];
    if (v === null || v === undefined) continue;
    sum += w * v;
    weight += w;
  }
  return weight === 0 ? null : round1(sum / weight);
}

export function createRepRollup(config: CoachingConfig, input: RepRollupInput): RepRollup {
  const asOfDay = requireDay(input.asOf, 'asOf');
  const periodStartDay = requireDay(input.periodStart, 'periodStart');
  return {
    config,
    input,
    state: {
      asOfDay,
      periodStartDay,
      periodEndDay: periodStartDay + config.periodDays,
      windowStartDay: asOfDay - config.winRateWindowDays + 1,
      open: 0,
      pipeline: 0,
      won: 0,
      lost: 0,
      stale: 0,
      pastDue: 0,
      missingNextStep: 0,
      pushed: 0,
      activities: 0,
      scoredRecords: 0,
      scoreSum: 0,
      objectSums: { Account: { sum: 0, n: 0 }, Contact: { sum: 0, n: 0 }, Lead: { sum: 0, n: 0 } },
      loggedIn: false,
      people: emptyPeople(),
      evidence: emptyEvidence()
    }
  };
}

/**
 * Scores a deal (risk + completeness) as of the rollup's asOf, folds it in, returns the score.
 * The fixes its data shows are folded in by addDealFixes (scripts/engine/people.ts).
 */
export function addDeal(rollup: RepRollup, deal: DealInput): DealScore {
  const score = scoreDeal(rollup.config, deal, rollup.input.asOf);
  addScoredDeal(rollup, deal.opportunity, score);
  return score;
}

/** Whether a UTC day number falls in the rollup's period. */
export function inPeriod(rollup: RepRollup, day: number | null): day is number {
  const s = rollup.state;
  return day !== null && day >= s.periodStartDay && day < s.periodEndDay;
}

/** UTC day number of a date or datetime; null when not one. */
export function dayOf(value: unknown): number | null {
  const t = toEpochSeconds(value);
  return t === null ? null : Math.floor(t / 86400);
}

/** Counts a closed deal in one evidence cell: with or without the fact, won or lost. */
function count(c: EvidenceCell, has: boolean | null, won: boolean): void {
  if (has === null) return;
  if (has) {
    if (won) c.withWon++;
    else c.withLost++;
  } else if (won) c.withoutWon++;
  else c.withoutLost++;
}

/**
 * Folds in a deal already scored with scoreDeal. Open deals add to the open count, the
 * pipeline (Amount; blank or negative counts 0), the flag counts and the completeness mean.
 * Deals closed in the trailing window add to won/lost and to the WIIFM evidence (a fact that
 * is unknown, e.g. contact roles not given, is left out of that evidence).
 */
export function addScoredDeal(rollup: RepRollup, opportunity: FlatRecord, score: DealScore): void {
  const s = rollup.state;
  const risk = score.risk;
  if (risk.status === 'open') {
    s.open++;
    const amount = toNumber(opportunity.Amount);
    if (amount !== null && amount > 0) s.pipeline += amount;
    // By index: for…of over the frozen flags array built an iterator and its results per deal.
    const flags = risk.flags;
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i];
      if (f === 'STALE') s.stale++;
      else if (f === 'PAST_DUE') s.pastDue++;
      else if (f === 'NO_NEXT_STEP') s.missingNextStep++;
      else if (f === 'PUSHED') s.pushed++;
    }
    if (score.completeness.score !== null) {
      s.scoredRecords++;
      s.scoreSum += score.completeness.score;
    }
    return;
  }
  if (risk.status === 'unknown') return;
  const close = recordDay(opportunity, 'CloseDate');
  if (close === null || close < s.windowStartDay || close > s.asOfDay) return;
  const won = risk.status === 'won';
  if (won) s.won++;
  else s.lost++;
  const ev = s.evidence;
  const cfg = rollup.config;
  count(ev.hasNextStep, 'NextStep' in opportunity ? !isBlank(opportunity.NextStep) : null, won);
  count(ev.hasDecisionMaker, risk.hasDecisionMaker, won);
  const cs = score.completeness.score;
  count(ev.complete, cs === null ? null : cs >= cfg.wiifm.completeThreshold, won);
  count(ev.notPushed, risk.historyRows === null ? null : risk.pushCount === 0, won);
  const since = risk.daysSinceActivity;
  const last = since === null ? null : s.asOfDay - since;
  count(ev.recentActivity, last !== null && close - last <= cfg.risk.staleAfterDays, won);
  const roles = risk.contactRoleCount;
  count(ev.hasContactRole, roles === null ? null : roles > 0, won);
}

/** Counts an activity (task or event) whose date (ActivityDate, else CreatedDate) is in the period. */
export function addActivity(rollup: RepRollup, activity: ActivityInput): void {
  const s = rollup.state;
  const day = toDayNumber(activity.ActivityDate) ?? toDayNumber(activity.CreatedDate);
  if (day !== null && day >= s.periodStartDay && day < s.periodEndDay) s.activities++;
}

/**
 * Counts a nudge answer given in the period: any answer is Understanding evidence (the nudge
 * showed its WIIFM line); Fixed is a fix (the component records it once the edit is saved);
 * Dismissed with a reason is feedback on the rule.
 */
export function addNudgeResponse(rollup: RepRollup, response: NudgeResponseInput): void {
  const a = response.Action__c;
  if (a !== 'Fixed' && a !== 'Snoozed' && a !== 'Dismissed') return;
  if (!inPeriod(rollup, dayOf(response.CreatedDate))) return;
  const s = rollup.state;
  s.people.nudgeAnswers++;
  if (a === 'Fixed') s.people.fixes++;
  else if (a === 'Dismissed' && !isBlank(response.Reason__c)) s.people.feedbackGiven++;
}

/**
 * Folds a record owned by the rep into its object's completeness: an Account, Contact or Lead
 * into Account_/Contact_/Lead_Completeness__c; an Opportunity (scored here rather than through
 * addDeal) into Completeness_Score__c, which stays the figure of the rep's deals.
 */
export function addRecord(
  rollup: RepRollup,
  objectName: SObjectName,
  record: FlatRecord,
  visibleFields?: VisibleFields | null
): void {
  const r = completenessOf(
    compileForSync(rollup.config),
    objectName,
    record,
    requireDay(rollup.input.asOf, 'asOf'),
    visibleSet(visibleFields)
  );
  if (r.score === null) return;
  if (objectName === 'Opportunity') {
    rollup.state.scoredRecords++;
    rollup.state.scoreSum += r.score;
  } else {
    const o = rollup.state.objectSums[objectName];
    o.sum += r.score;
    o.n++;
  }
}

/** The rep's WIIFM evidence so far (a copy; merge across reps for team and org figures). */
export function repEvidence(rollup: RepRollup): EvidenceCounts {
  return mergeEvidence(rollup.state.evidence);
}

/**
 * Whether a snapshot row shows an active user: an open opportunity or an activity logged in the
 * period (the `active` of RepSnapshot, from stored fields). A figure beside the tipping point,
 * whose denominator is the whole audience.
 */
export function isActiveSnapshot(record: {
  Open_Opportunities__c?: number | null;
  Activities_Logged__c?: number | null;
}): boolean {
  return (record.Open_Opportunities__c ?? 0) > 0 || (record.Activities_Logged__c ?? 0) > 0;
}

function previousStage(prev: PreviousSnapshot | null | undefined): AdoptionStage | null {
  const v = prev?.Adoption_Stage__c;
  return stageIndex(v) >= 0 ? (v as AdoptionStage) : null;
}

function meanOf(o: { sum: number; n: number }): number | null {
  return o.n === 0 ? null : Math.round(o.sum / o.n);
}

/**
 * The Adoption_Snapshot__c figures for the period. Completeness_Score__c: mean of the scores of
 * the rep's open deals, rounded half up; null when none was scored; the Account, Contact and
 * Lead means of the records added likewise, each in its own field. Win_Rate__c: won ÷ (won + lost) × 100 to one
 * decimal; null with no closed deal in the window. The rung: see nextAdoptionStage; logging an
 * activity in the period also shows the rep logged in.
 */
export function finishRep(rollup: RepRollup, options: FinishOptions = {}): RepSnapshot {
  const s = rollup.state;
  const { userId, managerId, previous } = rollup.input;
  const completeness = s.scoredRecords === 0 ? null : Math.round(s.scoreSum / s.scoredRecords);
  const p = s.people;
  const signals: StageSignals = {
    loggedIn: s.loggedIn || p.logins > 0 || s.activities > 0,
    engagements: p.viewedAdoption + p.readWiifm + p.messagesSeen + p.trainingDone + p.nudgeAnswers,
    activitiesLogged: s.activities,
    completenessScore: completeness,
    freshPct: s.open === 0 ? null : round1((100 * (s.open - s.stale)) / s.open),
    coachingActs: p.fixes + p.feedbackGiven + p.preparedAgenda
  };
  const stage = nextAdoptionStage(rollup.config, {
    previousStage: previousStage(previous),
    previousPeriodsBelow: previous?.Weeks_Below_Stage__c ?? 0,
    previousPeriodsAtStandard: previous?.Periods_At_Standard__c ?? 0,
    signals
  });
  const evidence = repEvidence(rollup);
  const insights = buildInsights(
    rollup.config,
    { rep: evidence, team: options.team, org: options.org },
    rollup.input.asOf
  );
  const periodStart = fromDayNumber(s.periodStartDay);
  const closed = s.won + s.lost;
  return {
    record: {
      Snapshot_Key__c: `${userId}:${periodStart}`,
      User__c: userId,
      Manager__c: managerId ?? null,
      Period_Start__c: periodStart,
      Completeness_Score__c: completeness,
      Adoption_Stage__c: stage.stage,
      Weeks_Below_Stage__c: stage.periodsBelow,
      Open_Opportunities__c: s.open,
      Open_Pipeline__c: Math.round(s.pipeline * 100) / 100,
      Won_Opportunities__c: s.won,
      Lost_Opportunities__c: s.lost,
      Win_Rate__c: closed === 0 ? null : round1((100 * s.won) / closed),
      Stale_Opportunities__c: s.stale,
      Past_Due_Opportunities__c: s.pastDue,
      Missing_Next_Step__c: s.missingNextStep,
      Pushed_Opportunities__c: s.pushed,
      Activities_Logged__c: s.activities,
      Account_Completeness__c: meanOf(s.objectSums.Account),
      Contact_Completeness__c: meanOf(s.objectSums.Contact),
      Lead_Completeness__c: meanOf(s.objectSums.Lead),
      Logged_In__c: signals.loggedIn,
      Engagements__c: signals.engagements,
      Coaching_Acts__c: signals.coachingActs,
      Periods_At_Standard__c: stage.periodsAtStandard,
      Backfilled__c: rollup.input.backfilled === true,
      Insights__c: JSON.stringify(insights)
    },
    insights,
    signals,
    stage,
    active: isActiveSnapshot({ Open_Opportunities__c: s.open, Activities_Logged__c: s.activities }),
    evidence,
    people: { ...p }
  };
}

/**
 * Team rollup (or the whole org, with managerId null) and the tipping point: the share of the
 * audience (every snapshot: the sync writes one for each audience member, non-users included,
 * and for nobody else) standing at Involvement or Commitment, to one decimal; null with nobody;
 * reached when ≥ tippingPointTargetPct. Active users (an open deal or an activity) and users
 * who logged an activity are counted beside it.
 * Most improved: the largest completeness gain over the previous period, at least
 * recognition.minCompletenessGain (ties: the lowest user id).
 */
export function rollupTeam(
  config: BrowserConfig,
  input: {
    managerId: string | null;
    snapshots: readonly RepSnapshot[];
    previousByUser?: Readonly<Record<string, PreviousSnapshot>>;
  }
): TeamRollup {
  const stageCounts = Object.fromEntries(ADOPTION_STAGES.map((s) => [s, 0])) as Record<
    AdoptionStage,
    number
  >;
  let active = 0;
  let logging = 0;
  let adopted = 0;
  let scoreSum = 0;
  let scored = 0;
  let pipeline = 0;
  let won = 0;
  let lost = 0;
  let best: { user: string; gain: number } | null = null;
  const involvement = stageIndex('Involvement');
  for (const snap of input.snapshots) {
    const r = snap.record;
    stageCounts[r.Adoption_Stage__c]++;
    if (snap.active) active++;
    if (r.Activities_Logged__c > 0) logging++;
    if (stageIndex(r.Adoption_Stage__c) >= involvement) adopted++;
    if (r.Completeness_Score__c !== null) {
      scoreSum += r.Completeness_Score__c;
      scored++;
    }
    pipeline += r.Open_Pipeline__c;
    won += r.Won_Opportunities__c;
    lost += r.Lost_Opportunities__c;
    const prev = input.previousByUser?.[r.User__c]?.Completeness_Score__c;
    if (typeof prev === 'number' && r.Completeness_Score__c !== null) {
      const gain = r.Completeness_Score__c - prev;
      if (
        gain >= config.recognition.minCompletenessGain &&
        (best === null || gain > best.gain || (gain === best.gain && r.User__c < best.user))
      ) {
        best = { user: r.User__c, gain };
      }
    }
  }
  const users = input.snapshots.length;
  const pct = users === 0 ? null : round1((100 * adopted) / users);
  const chosen = best as { user: string; gain: number } | null;
  return {
    managerId: input.managerId,
    users,
    activeUsers: active,
    loggingUsers: logging,
    adoptedUsers: adopted,
    tippingPointPct: pct,
    targetPct: config.tippingPointTargetPct,
    reached: pct !== null && pct >= config.tippingPointTargetPct,
    stageCounts,
    completenessScore: scored === 0 ? null : Math.round(scoreSum / scored),
    openPipeline: Math.round(pipeline * 100) / 100,
    won,
    lost,
    winRate: won + lost === 0 ? null : round1((100 * won) / (won + lost)),
    mostImprovedUserId: chosen === null ? null : chosen.user
  };
}
