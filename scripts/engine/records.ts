/**
 * The shapes of the records the engine reads and writes, both ways: the fields each object is
 * read with (the sync's SOQL and field check, the components' `optionalFields` and the GraphQL
 * selections they share, c/coachQueries by scripts/build/queries.ts, are built from these
 * lists), and the decoders of the rows the sync writes (Deal_Insight__c,
 * Adoption_Snapshot__c) back into the engine's shapes.
 */
import type { BrowserConfig } from './browser-config';
import type { AdoptionStage, CoachingConfig, RiskFlag, SObjectName } from './config-types';
import { flagsWeight } from './compiled';
import { ADOPTION_STAGES, RISK_FLAGS } from './constants';
import type {
  AgendaDealInput,
  CoachingQuestion,
  FlatRecord,
  Insights,
  PreviousSnapshot,
  TeamRollup
} from './types';
import { toNumber, toText } from './values';

// ---------------------------------------------------------------- field lists

/** A snapshot's figures of the rep's deals, activities and records. */
const WORK_FIGURES = [
  'Open_Opportunities__c',
  'Open_Pipeline__c',
  'Won_Opportunities__c',
  'Lost_Opportunities__c',
  'Win_Rate__c',
  'Stale_Opportunities__c',
  'Past_Due_Opportunities__c',
  'Missing_Next_Step__c',
  'Pushed_Opportunities__c',
  'Activities_Logged__c',
  'Account_Completeness__c',
  'Contact_Completeness__c',
  'Lead_Completeness__c'
];

/** A snapshot's figures of the rep's use of the coaching. */
const COACHING_FIGURES = ['Engagements__c', 'Coaching_Acts__c', 'Periods_At_Standard__c'];

/**
 * The numeric Adoption_Snapshot__c fields the manager and sponsor views read: every snapshot
 * field but the key, user, manager, period, rung and weeks below it, the two checkboxes
 * (Logged_In__c, Backfilled__c) and the Insights__c text.
 */
export const SNAPSHOT_NUMBER_FIELDS: readonly string[] = [
  'Completeness_Score__c',
  ...WORK_FIGURES,
  ...COACHING_FIGURES
];

/**
 * Adoption_Snapshot__c fields the sync writes (and reads back to compare before loading), in its
 * order. Marked pure, so the browser bundle, which reads the figures only, leaves it out.
 */
export const SNAPSHOT_FIELDS: readonly string[] = /* @__PURE__ */ [
  'Snapshot_Key__c',
  'User__c',
  'Manager__c',
  'Period_Start__c',
  'Completeness_Score__c',
  'Adoption_Stage__c',
  'Weeks_Below_Stage__c'
].concat(WORK_FIGURES, 'Logged_In__c', COACHING_FIGURES, 'Backfilled__c', 'Insights__c');

/** Adoption_Rollup__c fields: one row per team and period, and one per org and period. */
export const ROLLUP_FIELDS: readonly string[] = [
  'Rollup_Key__c',
  'Scope__c',
  'Manager__c',
  'Period_Start__c',
  'Audience_Size__c',
  'Adopters__c',
  'Active_Users__c',
  'Logging_Users__c',
  'Tipping_Point__c',
  'Target__c',
  'Awareness_Users__c',
  'Understanding_Users__c',
  'Acceptance_Users__c',
  'Involvement_Users__c',
  'Commitment_Users__c',
  'Completeness_Score__c',
  'Open_Pipeline__c',
  'Won_Opportunities__c',
  'Lost_Opportunities__c',
  'Win_Rate__c',
  'Most_Improved_User__c',
  'Nudges_Fixed__c',
  'Nudges_Snoozed__c',
  'Nudges_Dismissed__c'
];

/** Deal_Insight__c fields the sync writes (and reads back to compare before loading). */
export const INSIGHT_FIELDS: readonly string[] = [
  'Opportunity__c',
  'Insight_Key__c',
  'Risk_Flags__c',
  'Push_Count__c',
  'Days_In_Stage__c',
  'Days_Since_Activity__c',
  'Completeness_Score__c',
  'Coaching_Questions__c'
];

/** Opportunity fields deal risk reads: the sync cannot score a deal without them. */
export const DEAL_FIELDS: readonly string[] = [
  'Id',
  'OwnerId',
  'StageName',
  'Amount',
  'CloseDate',
  'NextStep',
  'IsClosed',
  'IsWon',
  'LastActivityDate',
  'CreatedDate'
];

/**
 * Adoption_Snapshot__c fields that place a rep in the rollout: who, which week, in whose team
 * (the audience rules and the feedback report group reps by them).
 */
export const SNAPSHOT_MEMBER_FIELDS: readonly string[] = [
  'User__c',
  'Period_Start__c',
  'Manager__c'
];

/**
 * Adoption_Snapshot__c fields of a rep's history as pages show and recognise it: the week, the
 * rung and the figures decodeSnapshot reads besides Weeks_Below_Stage__c.
 */
export const SNAPSHOT_TREND_FIELDS: readonly string[] = [
  'Period_Start__c',
  'Adoption_Stage__c',
  'Completeness_Score__c',
  'Activities_Logged__c',
  'Win_Rate__c'
];

/**
 * Deal_Insight__c fields of an agenda's deal (agendaDealFromInsight): the deal, its name and
 * amount (Opportunity__r), its flags and questions.
 */
export const AGENDA_INSIGHT_FIELDS: readonly string[] = [
  'Opportunity__c',
  'Opportunity__r.Name',
  'Opportunity__r.Amount',
  'Risk_Flags__c',
  'Coaching_Questions__c'
];

/** Nudge_Response__c fields the nudges read back (NudgeResponseInput). */
export const NUDGE_RESPONSE_FIELDS: readonly string[] = [
  'Nudge_Key__c',
  'Record_Id__c',
  'Action__c',
  'Reason__c',
  'Snooze_Until__c',
  'CreatedDate'
];

/** Nudge_Response__c fields feedback is counted from (FeedbackRow but the comment). */
export const FEEDBACK_FIELDS: readonly string[] = [
  'OwnerId',
  'Nudge_Key__c',
  'Action__c',
  'Reason__c',
  'CreatedDate'
];

/** Adoption_Message__c fields the engine reads (MessageRow). */
export const MESSAGE_FIELDS: readonly string[] = [
  'Name',
  'Kind__c',
  'Status__c',
  'Audience_Type__c',
  'Audience_Value__c',
  'Start_Date__c',
  'End_Date__c',
  'Win_Rep__c',
  'CreatedDate'
];

/** Message_Receipt__c fields the engine reads (ReceiptRow). */
export const RECEIPT_FIELDS: readonly string[] = [
  'Message__c',
  'User__c',
  'First_Seen__c',
  'Last_Shown__c',
  'Times_Shown__c',
  'Acknowledged__c'
];

/** Fields that tell an open record from a closed one (see recordStatus), per object. */
const STATUS_FIELDS: Partial<Record<SObjectName, readonly string[]>> = {
  Opportunity: ['IsClosed', 'IsWon'],
  Lead: ['IsConverted']
};

/** Fields shown beside a record's coaching (a deal's name on agendas and reports). */
const DISPLAY_FIELDS: Partial<Record<SObjectName, readonly string[]>> = {
  Opportunity: ['Name']
};

/**
 * Every field the engine reads on a record of `objectName` under `config`: the display fields,
 * then each completeness rule's field, the stage field and the status fields, without repeats.
 */
export function scoredFields(config: BrowserConfig, objectName: SObjectName): string[] {
  const rules = config.objects[objectName];
  const names = new Set<string>(DISPLAY_FIELDS[objectName]);
  for (const rule of rules.rules) names.add(rule.field);
  if (rules.stageField) names.add(rules.stageField);
  for (const f of STATUS_FIELDS[objectName] ?? []) names.add(f);
  return [...names];
}

/**
 * The `optionalFields` of a record page's getRecord for `objectName` ('Object.Field' names):
 * optional, so a field the user cannot see is left out instead of failing the load.
 */
export function recordFieldNames(config: BrowserConfig, objectName: string): string[] {
  if (!(objectName in config.objects)) return [];
  return scoredFields(config, objectName as SObjectName).map((f) => `${objectName}.${f}`);
}

/**
 * The Opportunity fields the sync reads besides DEAL_FIELDS: read when the sync's user can see
 * them, completeness leaves them out otherwise.
 */
export function optionalDealFields(config: CoachingConfig): string[] {
  const required = new Set(DEAL_FIELDS);
  return scoredFields(config, 'Opportunity').filter((f) => !required.has(f));
}

// ---------------------------------------------------------------- decoders

/** Flags of a Risk_Flags__c value ('A;B'), known ones only, in the engine's order. */
export function decodeRiskFlags(value: unknown): RiskFlag[] {
  if (typeof value !== 'string') return [];
  const raised = new Set(value.split(';').map((f) => f.trim()));
  return RISK_FLAGS.filter((f) => raised.has(f));
}

/** The value of a JSON text field; undefined when blank or not JSON (a row the sync did not write). */
function parseJson(value: unknown): unknown {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * A Coaching_Questions__c value as the sync writes it ({ flag, label }[]); [] when unreadable (a
 * hand edit: the row's flags still count, without questions).
 */
export function decodeQuestions(value: unknown): CoachingQuestion[] {
  const parsed = parseJson(value);
  return Array.isArray(parsed)
    ? parsed.filter(
        (q): q is CoachingQuestion =>
          !!q && typeof q.flag === 'string' && typeof q.label === 'string'
      )
    : [];
}

/** A Deal_Insight__c row read back: the open deal's flags, their weight and its questions. */
export interface DecodedInsight {
  flags: RiskFlag[];
  /** The configured weights of the flags, summed as assessDealRisk sums them. */
  riskWeight: number;
  questions: CoachingQuestion[];
  /** Times the close date moved later (0 when blank). */
  pushCount: number;
  /** Null for a closed deal (the sync leaves them blank) or when unknown. */
  daysInStage: number | null;
  daysSinceActivity: number | null;
}

/** Decodes a (flattened) Deal_Insight__c row with the config's flag weights. */
export function decodeDealInsight(config: BrowserConfig, row: FlatRecord): DecodedInsight {
  const flags = decodeRiskFlags(row.Risk_Flags__c);
  return {
    flags,
    riskWeight: flagsWeight(config, flags),
    questions: decodeQuestions(row.Coaching_Questions__c),
    pushCount: toNumber(row.Push_Count__c) ?? 0,
    daysInStage: toNumber(row.Days_In_Stage__c),
    daysSinceActivity: toNumber(row.Days_Since_Activity__c)
  };
}

/**
 * The agenda's input for an open deal's Deal_Insight__c row, flattened with the deal's
 * `Opportunity__r.Name` and `Opportunity__r.Amount`.
 */
export function agendaDealFromInsight(config: BrowserConfig, row: FlatRecord): AgendaDealInput {
  const { flags, riskWeight, questions } = decodeDealInsight(config, row);
  return {
    opportunity: {
      Id: row.Opportunity__c ?? null,
      Name: row['Opportunity__r.Name'] ?? null,
      Amount: toNumber(row['Opportunity__r.Amount'])
    },
    risk: { status: 'open', flags, riskWeight, questions }
  };
}

/**
 * An Insights__c value (the WIIFM statements the sync stored on a snapshot); null when blank or
 * unreadable, so one bad row never breaks a page.
 */
export function decodeSnapshotInsights(value: unknown): Insights | null {
  const parsed = parseJson(value);
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Insights)
    : null;
}

/** An Adoption_Snapshot__c row as a PreviousSnapshot (an earlier period's); numbers may be text. */
export function decodeSnapshot(row: FlatRecord): PreviousSnapshot {
  return {
    Period_Start__c: toText(row.Period_Start__c),
    Adoption_Stage__c: toText(row.Adoption_Stage__c),
    Weeks_Below_Stage__c: toNumber(row.Weeks_Below_Stage__c),
    Completeness_Score__c: toNumber(row.Completeness_Score__c),
    Activities_Logged__c: toNumber(row.Activities_Logged__c),
    Win_Rate__c: toNumber(row.Win_Rate__c)
  };
}

/**
 * An Adoption_Rollup__c row read back: a team's (or, with managerId null, the org's) figures of
 * one period, as rollupTeam computed them; the tipping point is adopters ÷ users, as stored.
 */
export interface DecodedRollup extends Pick<
  TeamRollup,
  | 'managerId'
  | 'users'
  | 'adoptedUsers'
  | 'tippingPointPct'
  | 'reached'
  | 'stageCounts'
  | 'completenessScore'
  | 'openPipeline'
  | 'won'
  | 'lost'
  | 'winRate'
  | 'mostImprovedUserId'
> {
  scope: 'Team' | 'Org';
  periodStart: string | null;
  /** The target stored with the row (null when blank). */
  targetPct: number | null;
  /** Users active in the period (an open deal or an activity); null when blank (not stored). */
  activeUsers: number | null;
  /** Users who logged an activity in the period; null when blank (not stored). */
  loggingUsers: number | null;
  /** Nudge answers given in the period, by action. */
  nudges: { Fixed: number; Snoozed: number; Dismissed: number };
}

/** Decodes a (flattened) Adoption_Rollup__c row; numbers may be text, blank counts are 0. */
export function decodeRollup(row: FlatRecord): DecodedRollup {
  const count = (field: string): number => toNumber(row[field]) ?? 0;
  const pct = toNumber(row.Tipping_Point__c);
  const target = toNumber(row.Target__c);
  return {
    scope: row.Scope__c === 'Org' ? 'Org' : 'Team',
    managerId: toText(row.Manager__c),
    periodStart: toText(row.Period_Start__c),
    users: count('Audience_Size__c'),
    adoptedUsers: count('Adopters__c'),
    activeUsers: toNumber(row.Active_Users__c),
    loggingUsers: toNumber(row.Logging_Users__c),
    tippingPointPct: pct,
    targetPct: target,
    reached: pct !== null && target !== null && pct >= target,
    stageCounts: Object.fromEntries(
      ADOPTION_STAGES.map((s) => [s, count(`${s}_Users__c`)])
    ) as Record<AdoptionStage, number>,
    completenessScore: toNumber(row.Completeness_Score__c),
    openPipeline: count('Open_Pipeline__c'),
    won: count('Won_Opportunities__c'),
    lost: count('Lost_Opportunities__c'),
    winRate: toNumber(row.Win_Rate__c),
    mostImprovedUserId: toText(row.Most_Improved_User__c),
    nudges: {
      Fixed: count('Nudges_Fixed__c'),
      Snoozed: count('Nudges_Snoozed__c'),
      Dismissed: count('Nudges_Dismissed__c')
    }
  };
}
