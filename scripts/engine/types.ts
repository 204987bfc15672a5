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
  /** Times the close date moved later in the history. */
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

export interface StageSignals {
  activitiesLogged: number;
  /** Null when the user has no scored records. */
  completenessScore: number | null;
  /** Share of open deals not STALE (0–100); null without open deals. */
  freshPct: number | null;
  nudgesActed: number;
}

export interface StageInput {
  previousStage: AdoptionStage | null;
  /** Consecutive periods below the previous stage's criteria before this one (0 if none). */
  previousPeriodsBelow: number;
  signals: StageSignals;
}

export interface StageResult {
  stage: AdoptionStage;
  /** Highest rung whose criteria (and those of every rung below) this period's signals meet. */
  qualifiedStage: AdoptionStage;
  /** Consecutive periods below the new stage's criteria; store in Weeks_Below_Stage__c. */
  periodsBelow: number;
  change: 'up' | 'down' | 'same';
}

// ---------------------------------------------------------------- rollups

export interface PreviousSnapshot {
  Adoption_Stage__c?: AdoptionStage | string | null;
  Weeks_Below_Stage__c?: number | null;
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
  /** JSON of Insights. */
  Insights__c: string;
}

export interface RepSnapshot {
  record: AdoptionSnapshotRecord;
  insights: Insights;
  signals: StageSignals;
  stage: StageResult;
  /** Had an open deal or logged an activity in the period (counts for the tipping point). */
  active: boolean;
  evidence: EvidenceCounts;
}

export interface FinishOptions {
  /** Evidence of the rep's team (same manager), used when the rep's own sample is too small. */
  team?: EvidenceCounts | null;
  /** Evidence of the whole org. */
  org?: EvidenceCounts | null;
}

export interface TeamRollup {
  managerId: string | null;
  users: number;
  activeUsers: number;
  /** Active users at Involvement or Commitment. */
  adoptedUsers: number;
  /** adopted ÷ active × 100, one decimal; null with no active users. */
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
