import type { CoachingConfig } from './config-types';
import {
  FLAGS_JOINED,
  QUESTIONS_JSON,
  compile,
  compileForSync,
  compilePeople,
  flagSet,
  isDecisionMakerRole,
  recordStatus,
  stagePosition,
  type CompiledConfig,
  type CompiledPeople,
  type RecordStatus
} from './compiled';
import { RISK_FLAGS } from './constants';
import { completenessOf } from './completeness';
import {
  fromDayNumber,
  monthOfDay,
  recordDay,
  requireDay,
  toDayNumber,
  toEpochSeconds
} from './dates';
import { seniorityOf } from './titles';
import type {
  ContactRoleInput,
  DateLike,
  DealInput,
  DealInsightRecord,
  DealRiskResult,
  DealScore,
  OpportunityHistoryRow
} from './types';
import { isBlank, isFieldVisible, toText, visibleSet } from './values';

const EMPTY: readonly OpportunityHistoryRow[] = [];

/**
 * The CreatedDate day of each row orderedHistory last returned, in its order: the order check
 * parses every row's datetime once, and the push and stage checks read the days from here.
 */
const createdDays: number[] = [];

/**
 * History rows oldest first; rows without a readable CreatedDate are dropped. Rows already in
 * order (as a query with ORDER BY CreatedDate returns them) are used as they are.
 */
function orderedHistory(rows: readonly OpportunityHistoryRow[]): readonly OpportunityHistoryRow[] {
  const n = rows.length;
  let prev = -Infinity;
  let i = 0;
  for (; i < n; i++) {
    const t = toEpochSeconds(rows[i].CreatedDate);
    if (t === null || t < prev) break;
    createdDays[i] = Math.floor(t / 86400);
    prev = t;
  }
  if (i === n) return rows;
  const keyed: { t: number; i: number; row: OpportunityHistoryRow }[] = [];
  for (let r = 0; r < n; r++) {
    const t = toEpochSeconds(rows[r].CreatedDate);
    if (t !== null) keyed.push({ t, i: r, row: rows[r] });
  }
  keyed.sort((a, b) => a.t - b.t || a.i - b.i);
  for (let k = 0; k < keyed.length; k++) createdDays[k] = Math.floor(keyed[k].t / 86400);
  return keyed.map((k) => k.row);
}

/**
 * Whether a close-date change is a push. Salesforce's own PushCount on Opportunity counts the
 * times the close date was moved into a later month (Object Reference for the Salesforce
 * Platform, Opportunity, field PushCount:
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunity.htm).
 * A date moved within its month is not a push. A close date that had already passed when it
 * was changed (the day of the history row is after it) is a re-forecast, which the "set the date
 * you now expect to close" nudge asks for: not a push unless risk.reforecastIsPush says so.
 */
function isPush(
  prevClose: number,
  close: number,
  changed: number,
  reforecastIsPush: boolean
): boolean {
  if (monthOfDay(close) <= monthOfDay(prevClose)) return false;
  return reforecastIsPush || prevClose >= changed;
}

function roleTitle(role: ContactRoleInput): unknown {
  return role.Contact?.Title ?? role['Contact.Title'];
}

/**
 * Risk flags of an opportunity as of `asOf`, from the record, its OpportunityHistory rows, its
 * activities and its contact roles.
 *
 * - pushCount: history rows whose CloseDate falls in a later month than the previous row's,
 *   a re-forecast of a close date already past excepted (see isPush).
 * - stageRegressions: history rows whose stage comes before the previous row's stage in the
 *   configured order (stage values the config does not know are skipped).
 * - daysInStage: since the first row of the latest run of the current stage in the history,
 *   else LastStageChangeDate, else CreatedDate.
 * - daysSinceActivity: since the latest of LastActivityDate and the activities' dates on or
 *   before asOf; null when none.
 * - STALE: no activity (or, with none, no creation) within risk.staleAfterDays, or longer in
 *   the stage than risk.daysInStageLimits allows. PAST_DUE: CloseDate before asOf.
 *   NO_NEXT_STEP: NextStep blank. PUSHED: pushCount ≥ risk.pushedAfter. NO_CONTACT_ROLE /
 *   NO_DECISION_MAKER: only when contact roles are given (an empty array means none); a
 *   decision maker has a role in risk.decisionMakerRoles or a title whose seniority is in
 *   risk.decisionMakerSeniorities. STAGE_REGRESSED: any regression in the history.
 * - Only open deals carry flags; a field the user cannot see raises no flag.
 */
export function assessDealRisk(
  config: CoachingConfig,
  input: DealInput,
  asOf: DateLike
): DealRiskResult {
  const compiled = compile(config);
  const asOfDay = requireDay(asOf, 'asOf');
  const status = recordStatus(compiled.objects.Opportunity, 'Opportunity', input.opportunity);
  return dealRisk(config, compiled, input, asOfDay, visibleSet(input.visibleFields), status);
}

/** assessDealRisk with what scoreDeal shares with completeness worked out once. */
function dealRisk(
  config: CoachingConfig,
  compiled: CompiledConfig,
  input: DealInput,
  asOfDay: number,
  visible: ReadonlySet<string> | null,
  status: RecordStatus
): DealRiskResult {
  const obj = compiled.objects.Opportunity;
  const opp = input.opportunity;
  const risk = config.risk;

  // History: pushes, regressions, start of the current stage.
  const history = input.history ? orderedHistory(input.history) : EMPTY;
  let pushCount = 0;
  let stageRegressions = 0;
  let prevClose: number | null = null;
  let prevStage: number | null = null;
  const reforecastIsPush = risk.reforecastIsPush === true;
  for (let i = 0; i < history.length; i++) {
    const row = history[i];
    const close = toDayNumber(row.CloseDate);
    if (close !== null) {
      if (
        prevClose !== null &&
        close > prevClose &&
        isPush(prevClose, close, createdDays[i], reforecastIsPush)
      ) {
        pushCount++;
      }
      prevClose = close;
    }
    const stage = stagePosition(obj, row.StageName);
    if (stage !== null) {
      if (prevStage !== null && stage < prevStage) stageRegressions++;
      prevStage = stage;
    }
  }
  const currentStage =
    toText(opp.StageName) ??
    (history.length > 0 ? toText(history[history.length - 1].StageName) : null);
  let stageStart: number | null = null;
  if (currentStage !== null) {
    let runStart = -1;
    for (let i = history.length - 1; i >= 0; i--) {
      const name = toText(history[i].StageName);
      if (name === null) continue;
      if (name !== currentStage) break;
      runStart = i;
    }
    if (runStart >= 0) stageStart = createdDays[runStart];
  }
  if (stageStart === null) {
    stageStart = recordDay(opp, 'LastStageChangeDate') ?? recordDay(opp, 'CreatedDate');
  }
  const daysInStage = stageStart === null ? null : Math.max(0, asOfDay - stageStart);

  // Activity: the latest date on or before asOf.
  let last: number | null = null;
  if (isFieldVisible(visible, opp, 'LastActivityDate')) {
    const day = recordDay(opp, 'LastActivityDate');
    if (day !== null && day <= asOfDay) last = day;
  }
  const activities = input.activities;
  if (activities) {
    for (let i = 0; i < activities.length; i++) {
      const a = activities[i];
      const day = toDayNumber(a.ActivityDate) ?? toDayNumber(a.CreatedDate);
      if (day !== null && day <= asOfDay && (last === null || day > last)) last = day;
    }
  }
  const daysSinceActivity = last === null ? null : asOfDay - last;

  // Contact roles.
  const roles = input.contactRoles;
  const hasDecisionMaker =
    roles === null || roles === undefined
      ? null
      : hasDecisionMakerAmong(compilePeople(config), roles);

  // Bits follow RISK_FLAGS: STALE, PAST_DUE, NO_NEXT_STEP, PUSHED, NO_CONTACT_ROLE,
  // NO_DECISION_MAKER, STAGE_REGRESSED.
  let mask = 0;
  if (status === 'open') {
    const ref = last ?? recordDay(opp, 'CreatedDate');
    if (ref !== null && asOfDay - ref > risk.staleAfterDays) mask |= 1;
    const limit = currentStage === null ? undefined : risk.daysInStageLimits[currentStage];
    if (limit !== undefined && daysInStage !== null && daysInStage > limit) mask |= 1;
    if (isFieldVisible(visible, opp, 'CloseDate')) {
      const close = recordDay(opp, 'CloseDate');
      if (close !== null && close < asOfDay) mask |= 2;
    }
    if (isFieldVisible(visible, opp, 'NextStep') && isBlank(opp.NextStep)) mask |= 4;
    if (pushCount >= risk.pushedAfter) mask |= 8;
    if (roles !== null && roles !== undefined) {
      if (roles.length === 0) mask |= 16;
      if (!hasDecisionMaker) mask |= 32;
    }
    if (stageRegressions > 0) mask |= 64;
  }
  const set = flagSet(config, compiled, RISK_FLAGS, mask);
  const result: DealRiskResult = {
    flags: set.flags,
    status,
    isClosed: status === 'won' || status === 'lost',
    isWon: status === 'won',
    pushCount,
    historyRows: input.history ? history.length : null,
    stageRegressions,
    daysInStage,
    daysSinceActivity,
    lastActivityDate: last === null ? null : fromDayNumber(last),
    hasDecisionMaker,
    contactRoleCount: roles === null || roles === undefined ? null : roles.length,
    riskWeight: set.weight,
    questions: set.questions
  };
  return result;
}

/** Whether a contact role is a decision maker: by its role, or by the seniority of its title. */
function hasDecisionMakerAmong(
  compiled: CompiledPeople,
  roles: NonNullable<DealInput['contactRoles']>
): boolean {
  for (let i = 0; i < roles.length; i++) {
    const r = roles[i];
    const role = r.Role;
    if (typeof role === 'string' && isDecisionMakerRole(compiled, role)) return true;
    if (compiled.decisionMakerSeniorities.has(seniorityOf(compiled, roleTitle(r)))) return true;
  }
  return false;
}

/**
 * Risk plus Opportunity completeness of one deal (everything Deal_Insight__c holds): what both
 * read (the compiled config, asOf, the visible fields, open or closed) is worked out once.
 */
export function scoreDeal(config: CoachingConfig, input: DealInput, asOf: DateLike): DealScore {
  const compiled = compileForSync(config);
  const asOfDay = requireDay(asOf, 'asOf');
  const opp = input.opportunity;
  const visible = visibleSet(input.visibleFields);
  const status = recordStatus(compiled.objects.Opportunity, 'Opportunity', opp);
  return {
    opportunityId: toText(opp.Id),
    risk: dealRisk(config, compiled, input, asOfDay, visible, status),
    completeness: completenessOf(compiled, 'Opportunity', opp, asOfDay, visible, status)
  };
}

/**
 * The Deal_Insight__c row for a scored deal; null when the opportunity has no Id. A closed deal
 * has no flag and no coaching question, and no days in stage or since activity (they would only
 * count the days since it closed); its push count and completeness stay, as facts of its history
 * and of its record.
 */
export function toDealInsightRecord(score: DealScore): DealInsightRecord | null {
  if (score.opportunityId === null) return null;
  const closed = score.risk.isClosed;
  return {
    Opportunity__c: score.opportunityId,
    Insight_Key__c: score.opportunityId,
    Risk_Flags__c: FLAGS_JOINED.get(score.risk.flags) ?? score.risk.flags.join(';'),
    Push_Count__c: score.risk.pushCount,
    Days_In_Stage__c: closed ? null : score.risk.daysInStage,
    Days_Since_Activity__c: closed ? null : score.risk.daysSinceActivity,
    Completeness_Score__c: score.completeness.score,
    Coaching_Questions__c:
      QUESTIONS_JSON.get(score.risk.questions) ?? JSON.stringify(score.risk.questions)
  };
}
