/**
 * Inputs and outputs of the coaching engine. Plain types only (part of the browser bundle).
 *
 * Dates: `'YYYY-MM-DD'` strings, or ISO datetimes (`2024-02-29T23:30:00.000Z`, also Salesforce's
 * `+0000` form). A datetime counts on its UTC calendar day. `asOf` is either form.
 */
import type { AdoptionStage, CompletenessReason, RiskFlag, WiifmEvidence } from './config-types';

/** A record as field API name → value, as SOQL returns it or as LDS gives `fields.X.value`. */
export type FlatRecord = Record<string, unknown>;

/** A 'YYYY-MM-DD' date or an ISO datetime. */
export type DateLike = string;

/** The set of field API names the user can see; absent fields are left out of every score. */
export type VisibleFields = ReadonlySet<string> | readonly string[];

// ---------------------------------------------------------------- completeness

export interface CompletenessOptions {
  asOf: DateLike;
  /** Omit (or null) when every field is visible, e.g. in the sync running as integration user. */
  visibleFields?: VisibleFields | null;
}

export interface CompletenessItem {
  ruleId: string;
  field: string;
  weight: number;
  reason: CompletenessReason;
  /** Key of the nudge (from the catalogue) that fixes this item, or null if none. */
  nudgeKey: string | null;
}

export interface CompletenessResult {
  /**
   * 0–100, floor(100 × earned ÷ applicable weight): 100 only when nothing is missing.
   * Null when no rule applies (nothing visible or applicable).
   */
  score: number | null;
  earnedWeight: number;
  applicableWeight: number;
  /** Items that lost their points, heaviest first (then by rule order in the config). */
  items: CompletenessItem[];
  /** Fields left out because the user cannot see them. */
  hiddenFields: readonly string[];
}

// ---------------------------------------------------------------- deal risk

/** One OpportunityHistory row as Salesforce records it (a row per change of stage/amount/date). */
export interface OpportunityHistoryRow {
  CreatedDate: DateLike;
  StageName?: string | null;
  CloseDate?: DateLike | null;
  Amount?: number | null;
  Probability?: number | null;
}

/** A task or event; the first non-blank of ActivityDate, then CreatedDate is used. */
export interface ActivityInput {
  ActivityDate?: DateLike | null;
  CreatedDate?: DateLike | null;
  /** The user who logged it (for rollups); optional for deal risk. */
  OwnerId?: string | null;
  WhatId?: string | null;
}

/** An OpportunityContactRole row; the title may be nested (`Contact.Title`) or flat. */
export interface ContactRoleInput {
  Role?: string | null;
  /** When the role was added (a first role added in a period is a data-shown fix). */
  CreatedDate?: DateLike | null;
  IsPrimary?: boolean | null;
  Contact?: { Title?: string | null } | null;
  'Contact.Title'?: string | null;
}

export interface DealInput {
  /** Flat opportunity: Id, StageName, CloseDate, Amount, NextStep, IsClosed, IsWon,
   * LastActivityDate, CreatedDate, LastStageChangeDate, OwnerId … (missing fields are tolerated). */
  opportunity: FlatRecord;
  /** OpportunityHistory rows in any order. Omitted: no push/regression information. */
  history?: readonly OpportunityHistoryRow[] | null;
  /** Tasks and events on the deal, in addition to its LastActivityDate. */
  activities?: readonly ActivityInput[] | null;
  /** Contact roles. Omitted (undefined/null): unknown, so NO_CONTACT_ROLE / NO_DECISION_MAKER
   * are not raised. An empty array: the deal has none. */
  contactRoles?: readonly ContactRoleInput[] | null;
  visibleFields?: VisibleFields | null;
}

export interface CoachingQuestion {
  flag: RiskFlag;
  /** Custom label API name of the question. */
  label: string;
}

export interface DealRiskResult {
  /** In the fixed order of RISK_FLAGS. Closed deals carry no flags. */
  flags: RiskFlag[];
  /** 'unknown': a stage value the config does not know and no IsClosed on the record. */
  status: 'open' | 'won' | 'lost' | 'unknown';
  isClosed: boolean;
  isWon: boolean;
  /** Pushes in the history: the close date moved into a later month, re-forecasts of a past
   * close date excepted (see assessDealRisk). */
  pushCount: number;
  /** History rows read; null when no history was given (push and regression facts unknown). */
  historyRows: number | null;
  /** Times the stage moved back in the configured order. */
  stageRegressions: number;
  /** Whole days since entering the current stage; null when unknown. */
  daysInStage: number | null;
  /** Whole days since the latest activity; null when no activity is known. */
  daysSinceActivity: number | null;
  /** 'YYYY-MM-DD' of the latest activity on or before asOf; null when none. */
  lastActivityDate: string | null;
  /** Null when contact roles were not given. */
  hasDecisionMaker: boolean | null;
  /** Number of contact roles; null when they were not given. */
  contactRoleCount: number | null;
  /** Sum of the flags' weights (config risk.flags.*.weight). */
  riskWeight: number;
  questions: CoachingQuestion[];
}

/** Risk and completeness of one deal: everything Deal_Insight__c holds. */
export interface DealScore {
  opportunityId: string | null;
  risk: DealRiskResult;
  completeness: CompletenessResult;
}

/** A Deal_Insight__c row (field API names). */
export interface DealInsightRecord {
  Opportunity__c: string;
  Insight_Key__c: string;
  /** Flags joined with ';' (multi-select picklist form). */
  Risk_Flags__c: string;
  Push_Count__c: number;
  Days_In_Stage__c: number | null;
  Days_Since_Activity__c: number | null;
  Completeness_Score__c: number | null;
  /** JSON array of { flag, label } (label names, never sentences). */
  Coaching_Questions__c: string;
}

// ---------------------------------------------------------------- title codeframe

export interface TitleClass {
  /** e.g. Sales, Technology … or 'Unknown'. */
  function: string;
  /** e.g. C-level, VP, Director, Manager, Individual … or 'Unknown'. */
  seniority: string;
}

// ---------------------------------------------------------------- nudges

export type NudgeAction = 'Fixed' | 'Snoozed' | 'Dismissed';

/** A Nudge_Response__c row. Nudge_Key__c is `<nudgeKey>:<recordId>` (see nudgeResponseKey). */
export interface NudgeResponseInput {
  Nudge_Key__c: string;
  Record_Id__c?: string | null;
  Action__c: NudgeAction | string;
  Reason__c?: string | null;
  Snooze_Until__c?: DateLike | null;
  /** When the rep answered. */
  CreatedDate: DateLike;
}

export interface NudgeCandidate {
  nudgeKey: string;
  recordId: string;
  /** `<nudgeKey>:<recordId>`, the value stored in Nudge_Key__c. */
  responseKey: string;
  priority: number;
  /** Label name of the nudge text. */
  label: string;
  /** WIIFM statement id, if the nudge carries one. */
  wiifm: string | null;
  /** Label name of the plain benefit, said when no WIIFM figure is at hand. */
  benefit: string;
}

export interface NudgeSelectionInput {
  candidates: readonly NudgeCandidate[];
  responses: readonly NudgeResponseInput[];
  /** Nudges already shown to this user today (counts against the budget). */
  shownToday: number;
  asOf: DateLike;
  /** Overrides config nudges.budgetPerDay. */
  budget?: number;
}

export type NudgeSuppressReason = 'fixed' | 'snoozed' | 'dismissed' | 'retired' | 'budget';

export interface NudgeSelection {
  /** To show now, highest priority first, never more than the remaining budget. */
  show: NudgeCandidate[];
  suppressed: {
    candidate: NudgeCandidate;
    reason: NudgeSuppressReason;
    /** First day ('YYYY-MM-DD') it may show again; null for never or for the budget. */
    until: string | null;
  }[];
}

// ---------------------------------------------------------------- WIIFM

/** Closed deals in the trailing window split on one evidence. */
export interface EvidenceCell {
  withWon: number;
  withLost: number;
  withoutWon: number;
  withoutLost: number;
}

export type EvidenceCounts = Record<WiifmEvidence, EvidenceCell>;

export type WiifmScope = 'rep' | 'team' | 'org';

/** One WIIFM statement as stored in Insights__c: label names and figures, never sentences. */
export interface WiifmStatement {
  id: string;
  /** Label name of the template: {0} rate with, {1} rate without, {2}/{3} sample sizes. */
  label: string;
  /** [rateWithPct, rateWithoutPct, sampleWith, sampleWithout]; rates rounded to whole %. */
  params: [number, number, number, number];
  scope: WiifmScope;
  /** Label name naming the scope (your deals / your team's / the company's). */
  scopeLabel: string;
}

/** The JSON stored in Adoption_Snapshot__c.Insights__c. */
export interface Insights {
  v: 1;
  asOf: string;
  windowDays: number;
  statements: WiifmStatement[];
}

// ---------------------------------------------------------------- adoption stage

/** What the rep did with the coaching in a period (Coach_Engagement__c, receipts, answers, logins). */
export interface PeopleEvidence {
  /** Logins in the period (LoginHistory, or User.LastLoginDate when it falls in the period). */
  logins: number;
  /** Opened their own adoption view (Coach_Engagement__c kind Viewed_Adoption). */
  viewedAdoption: number;
  /** Expanded or read a WIIFM line (kind Read_Wiifm). */
  readWiifm: number;
  /** Programme messages seen (Message_Receipt__c first seen or last shown in the period). */
  messagesSeen: number;
  /** Feedback on a rule (kind Feedback, or a nudge dismissed with a reason). */
  feedbackGiven: number;
  /** 1:1 agendas opened before the session (kind Prepared_Agenda). */
  preparedAgenda: number;
  /** Trainings finished (kind Training_Done). */
  trainingDone: number;
  /** Nudges answered at all (Fixed, Snoozed or Dismissed): each showed its WIIFM line. */
  nudgeAnswers: number;
  /** Fixes the data shows: nudges marked Fixed, activities on deals gone quiet, past close
   * dates re-forecast, first contact roles added. */
  fixes: number;
}

export interface StageSignals {
  /** Has logged in since the rollout started, on or before the end of the period. */
  loggedIn: boolean;
  /** Understanding evidence in the period: views of their adoption, WIIFM lines read, messages
   * seen, trainings done, nudges answered. */
  engagements: number;
  activitiesLogged: number;
  /** Null when the user has no scored records. */
  completenessScore: number | null;
  /** Share of open deals not STALE (0–100); null without open deals. */
  freshPct: number | null;
  /** Involvement evidence in the period: data-shown fixes, feedback, agendas prepared. */
  coachingActs: number;
}

export interface StageInput {
  previousStage: AdoptionStage | null;
  /** Consecutive periods below the previous stage's criteria before this one (0 if none). */
  previousPeriodsBelow: number;
  /** Consecutive periods at the Acceptance standard up to the previous one (0 if none). */
  previousPeriodsAtStandard?: number;
  signals: StageSignals;
}

export interface StageResult {
  stage: AdoptionStage;
  /** Highest rung whose criteria (and those of every rung below) this period's signals meet. */
  qualifiedStage: AdoptionStage;
  /** Consecutive periods below the new stage's criteria; store in Weeks_Below_Stage__c. */
  periodsBelow: number;
  /** Consecutive periods at the Acceptance standard, this one included. */
  periodsAtStandard: number;
  change: 'up' | 'down' | 'same';
}

/** One criterion the next rung still asks for (see nextRungNeeds). */
export interface NextRungNeed {
  criterion:
    | 'login'
    | 'engagements'
    | 'activities'
    | 'completeness'
    | 'freshPct'
    | 'coachingActs'
    | 'steadyPeriods';
  /** The threshold (1 for login). */
  target: number;
}

/** A Coach_Engagement__c row. */
export interface EngagementInput {
  Kind__c: string;
  Occurred_At__c?: DateLike | null;
  CreatedDate?: DateLike | null;
}

/** A Message_Receipt__c row. */
export interface MessageReceiptInput {
  First_Seen__c?: DateLike | null;
  Last_Shown__c?: DateLike | null;
}

// ---------------------------------------------------------------- rollups

export interface PreviousSnapshot {
  Adoption_Stage__c?: AdoptionStage | string | null;
  Weeks_Below_Stage__c?: number | null;
  Periods_At_Standard__c?: number | null;
  Period_Start__c?: string | null;
  Completeness_Score__c?: number | null;
  Activities_Logged__c?: number | null;
  Win_Rate__c?: number | null;
}

export interface RepRollupInput {
  userId: string;
  /** Null for a rep without a manager. */
  managerId: string | null;
  /** 'YYYY-MM-DD', first day of the period. */
  periodStart: string;
  /** End of the trailing window for win rates; usually the last day of the period. */
  asOf: DateLike;
  /** The rep's previous snapshot, for the stage ladder. */
  previous?: PreviousSnapshot | null;
  /** Written from history by the first sync on an org (Backfilled__c). */
  backfilled?: boolean;
}

/** An Adoption_Snapshot__c row (field API names). */
export interface AdoptionSnapshotRecord {
  Snapshot_Key__c: string;
  User__c: string;
  Manager__c: string | null;
  Period_Start__c: string;
  Completeness_Score__c: number | null;
  Adoption_Stage__c: AdoptionStage;
  Weeks_Below_Stage__c: number;
  Open_Opportunities__c: number;
  Open_Pipeline__c: number;
  Won_Opportunities__c: number;
  Lost_Opportunities__c: number;
  /** Rounded to one decimal; null when no deal closed in the window. */
  Win_Rate__c: number | null;
  Stale_Opportunities__c: number;
  Past_Due_Opportunities__c: number;
  Missing_Next_Step__c: number;
  Pushed_Opportunities__c: number;
  Activities_Logged__c: number;
  /** Mean completeness of the rep's accounts, contacts and leads; null when none was scored. */
  Account_Completeness__c: number | null;
  Contact_Completeness__c: number | null;
  Lead_Completeness__c: number | null;
  /** Awareness evidence: logged in since the rollout started, by the end of the period. */
  Logged_In__c: boolean;
  /** Understanding evidence in the period (StageSignals.engagements). */
  Engagements__c: number;
  /** Involvement evidence in the period (StageSignals.coachingActs). */
  Coaching_Acts__c: number;
  /** Consecutive periods at the Acceptance standard, this one included. */
  Periods_At_Standard__c: number;
  /** Written from the org's history by the first sync, not observed live. */
  Backfilled__c: boolean;
  /** JSON of Insights. */
  Insights__c: string;
}

export interface RepSnapshot {
  record: AdoptionSnapshotRecord;
  insights: Insights;
  signals: StageSignals;
  stage: StageResult;
  /** Had an open deal or logged an activity in the period (a figure; the tipping point counts
   * the whole audience). */
  active: boolean;
  evidence: EvidenceCounts;
  /** What the rep did with the coaching in the period. */
  people: PeopleEvidence;
}

export interface FinishOptions {
  /** Evidence of the rep's team (same manager), used when the rep's own sample is too small. */
  team?: EvidenceCounts | null;
  /** Evidence of the whole org. */
  org?: EvidenceCounts | null;
}

export interface TeamRollup {
  managerId: string | null;
  /** The audience: every user with a snapshot (non-users included). */
  users: number;
  /** Users with an open deal or an activity logged in the period. */
  activeUsers: number;
  /** Users who logged an activity in the period (the scorecard's technology part). */
  loggingUsers: number;
  /** Users at Involvement or Commitment. */
  adoptedUsers: number;
  /** adopted ÷ users (the whole audience) × 100, one decimal; null with no user. */
  tippingPointPct: number | null;
  targetPct: number;
  reached: boolean;
  stageCounts: Record<AdoptionStage, number>;
  completenessScore: number | null;
  openPipeline: number;
  won: number;
  lost: number;
  winRate: number | null;
  /** User id of the rep with the largest completeness gain over the previous period, if any. */
  mostImprovedUserId: string | null;
}

// ---------------------------------------------------------------- coaching agenda

export interface AgendaDealInput {
  opportunity: FlatRecord;
  /** A DealRiskResult, or as much of one as a stored Deal_Insight__c gives back. */
  risk: Pick<DealRiskResult, 'status' | 'flags' | 'riskWeight' | 'questions'>;
}

export interface AgendaDeal {
  opportunityId: string | null;
  name: string | null;
  amount: number;
  flags: RiskFlag[];
  riskWeight: number;
  /** amount (negative or blank as 0) × riskWeight. */
  priority: number;
  questions: CoachingQuestion[];
}

export interface RecognitionItem {
  /** Label name; {0}, {1} are the params. */
  label: string;
  params: number[];
  kind: 'completenessUp' | 'activityStreak' | 'stageUp' | 'mostImproved';
}

export interface AgendaInput {
  deals: readonly AgendaDealInput[];
  /** The rep's latest snapshot and earlier ones, most recent first. */
  snapshots: readonly PreviousSnapshot[];
  /** True when the team rollup named this rep most improved. */
  mostImproved?: boolean;
}

export interface CoachingAgenda {
  deals: AgendaDeal[];
  recognition: RecognitionItem[];
  stage: AdoptionStage | null;
  /** Label name of the tip for the rep's rung; null without a snapshot. */
  tip: string | null;
}
