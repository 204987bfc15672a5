/**
 * The shape of config/coaching.config.json once validated (see scripts/engine/config-schema.ts
 * for the zod schema that checks it). Plain types only: this file is part of the browser bundle.
 */

/** The four objects whose records are scored for completeness. */
export type SObjectName = 'Opportunity' | 'Account' | 'Contact' | 'Lead';

/** The five rungs of the change ladder, lowest first. Picklist values of Adoption_Stage__c. */
export type AdoptionStage =
  'Awareness' | 'Understanding' | 'Acceptance' | 'Involvement' | 'Commitment';

/** Deal-risk codes stored in Deal_Insight__c.Risk_Flags__c. */
export type RiskFlag =
  | 'STALE'
  | 'PAST_DUE'
  | 'NO_NEXT_STEP'
  | 'PUSHED'
  | 'NO_CONTACT_ROLE'
  | 'NO_DECISION_MAKER'
  | 'STAGE_REGRESSED';

/** Why a completeness item lost its points. */
export type CompletenessReason = 'missing' | 'invalid' | 'stale';

/** Checks a `valid` rule can apply. */
export type ValidityCheck =
  /** A date that must not lie before asOf (e.g. an open deal's CloseDate). */
  | 'notInPast'
  /** A number strictly greater than 0 (e.g. Amount). */
  | 'positive'
  /** A number from 0 to 100 (e.g. Probability). */
  | 'percent'
  /** A plausible e-mail address. */
  | 'email'
  /** A phone number with at least 7 digits. */
  | 'phone'
  /** One of the values listed in the rule's `values` (unknown picklist values are invalid). */
  | 'oneOf';

interface RuleBase {
  /** Unique across the whole config, e.g. `opp-next-step`. */
  id: string;
  /** Field API name in the flat record, e.g. `NextStep`. */
  field: string;
  /** Positive integer; the score is earned weight ÷ applicable weight. */
  weight: number;
  /** Apply only while the record is open (Opportunity: not closed; Lead: not converted). */
  onlyOpen?: boolean;
}

/** The field must hold a value (null, '' and whitespace-only count as missing). */
export interface RequiredRule extends RuleBase {
  type: 'required';
}

/** Required once the record's stage is at or after `fromStage` in the object's stage order. */
export interface RequiredFromStageRule extends RuleBase {
  type: 'requiredFromStage';
  fromStage: string;
}

/** The date/datetime in `field` must be within `maxAgeDays` of asOf (blank counts as stale). */
export interface FreshRule extends RuleBase {
  type: 'fresh';
  maxAgeDays: number;
}

/** The value must pass `check`; a blank value counts as missing. */
export interface ValidRule extends RuleBase {
  type: 'valid';
  check: ValidityCheck;
  /** For `oneOf`: the allowed values. */
  values?: string[];
}

export type FieldRule = RequiredRule | RequiredFromStageRule | FreshRule | ValidRule;

/** One value of the object's stage picklist, in pipeline order. */
export interface StageDef {
  name: string;
  /** Closed stages: `won` or `lost`. Open stages omit it. */
  closed?: 'won' | 'lost';
}

export interface ObjectRules {
  /** Field holding the stage (Opportunity: StageName; Lead: Status). */
  stageField?: string;
  /** Stage values in order; needed for `requiredFromStage` rules and stage regressions. */
  stages?: StageDef[];
  rules: FieldRule[];
}

export interface RiskFlagDef {
  /** Label name of the coaching question a manager asks for this flag. */
  questionLabel: string;
  /** Weight used to order the coaching agenda (amount × sum of flag weights). */
  weight: number;
}

export interface RiskConfig {
  /** STALE after this many days without activity (or since creation with no activity). */
  staleAfterDays: number;
  /** PUSHED once the close date has moved later this many times. */
  pushedAfter: number;
  /** STALE also when the deal has sat in one stage longer than its limit (days). */
  daysInStageLimits: Record<string, number>;
  /** Contact roles that count as a decision maker, e.g. `Decision Maker`. */
  decisionMakerRoles: string[];
  /** Title seniorities (from the codeframe) that count as a decision maker, e.g. `C-level`. */
  decisionMakerSeniorities: string[];
  flags: Record<RiskFlag, RiskFlagDef>;
}

/** What a user must reach in one period to stand on a rung (all thresholds must hold). */
export interface RungCriteria {
  /** Activities (tasks, events) logged in the period. */
  minActivities: number;
  /** Completeness_Score__c of the period (0–100); ignored when the user has no scored records. */
  minCompleteness: number;
  /** Share of open deals not STALE (0–100); ignored when the user has no open deals. */
  minFreshPct: number;
  /** Nudges marked Fixed in the period. */
  minNudgesActed: number;
}

export interface LadderConfig {
  /** Criteria per rung above Awareness (Awareness has none: everyone stands on it). */
  criteria: Record<Exclude<AdoptionStage, 'Awareness'>, RungCriteria>;
  /** Drop one rung only after this many consecutive periods below the current rung. */
  dropAfterPeriods: number;
  /** Label name of a coaching tip for each rung. */
  tips: Record<AdoptionStage, string>;
}

/** When a nudge becomes a candidate. */
export type NudgeCondition =
  /** One of these completeness rules lost its points. */
  | { rules: string[] }
  /** The deal carries this risk flag. */
  | { flag: RiskFlag };

export interface NudgeDef {
  /** Stable key, letters/digits/underscore, e.g. `Opp_NextStep`. */
  key: string;
  object: SObjectName;
  condition: NudgeCondition;
  /** Label name of the nudge text. */
  label: string;
  /** Id of the WIIFM statement shown with the nudge, if any (see `wiifm.statements`). */
  wiifm?: string;
  /** Higher shows first. */
  priority: number;
}

export interface NudgeConfig {
  /** Nudges shown per user per day at most. */
  budgetPerDay: number;
  /** Days after the 1st, 2nd, 3rd… dismissal before the nudge may return; after the last, never. */
  reshowDays: number[];
  /** Dismiss reasons (Reason__c) after which a nudge never returns. */
  permanentDismissReasons: string[];
  /** Days a nudge stays quiet after the rep marked it Fixed (the condition may linger until sync). */
  fixedQuietDays: number;
  catalogue: NudgeDef[];
}

/** What a closed deal is split on for a WIIFM comparison. */
export type WiifmEvidence =
  | 'hasNextStep'
  | 'hasContactRole'
  | 'hasDecisionMaker'
  | 'complete'
  | 'notPushed'
  | 'recentActivity';

export interface WiifmStatementDef {
  id: string;
  evidence: WiifmEvidence;
  /** Label with placeholders {0} rate with, {1} rate without (%), {2} and {3} the sample sizes. */
  label: string;
}

export interface WiifmConfig {
  /** Closed deals per group (with / without) needed before a figure is shown. */
  minSample: number;
  /** `complete` evidence: completeness score at or above this counts as complete. */
  completeThreshold: number;
  /** Label names naming the scope of a figure: the rep's own deals, the team's, the company's. */
  scopeLabels: { rep: string; team: string; org: string };
  statements: WiifmStatementDef[];
}

export interface TitlePattern {
  /** The value assigned, e.g. `Sales` or `VP`. */
  value: string;
  /** Case-insensitive regular expressions tried against the normalised title. */
  patterns: string[];
}

export interface TitleCodeframe {
  /** Tried in order; the first match wins. No match: `Unknown`. */
  functions: TitlePattern[];
  seniorities: TitlePattern[];
}

export interface RecognitionConfig {
  /** Completeness points gained since the previous period that earn "most improved". */
  minCompletenessGain: number;
  /** Periods in a row with activity logged that make a streak worth naming. */
  minStreakPeriods: number;
  labels: {
    completenessUp: string;
    activityStreak: string;
    stageUp: string;
    mostImproved: string;
  };
}

export interface CoachingConfig {
  version: 1;
  /** Length of a snapshot period in days (a week). */
  periodDays: number;
  /** Trailing window for win rates and WIIFM evidence, ending at asOf (days). */
  winRateWindowDays: number;
  objects: Record<SObjectName, ObjectRules>;
  risk: RiskConfig;
  ladder: LadderConfig;
  nudges: NudgeConfig;
  /** Share of active users at Involvement or Commitment that marks the tipping point (%). */
  tippingPointTargetPct: number;
  titles: TitleCodeframe;
  wiifm: WiifmConfig;
  agenda: { maxDeals: number };
  recognition: RecognitionConfig;
}
