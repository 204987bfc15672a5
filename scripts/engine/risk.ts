import type { CoachingConfig, RiskFlag } from './config-types';
import { compile, recordStatus, stagePosition } from './compiled';
import { RISK_FLAGS } from './constants';
import { scoreCompleteness } from './completeness';
import { fromDayNumber, requireDay, toDayNumber, toEpochSeconds } from './dates';
import { classifyTitle } from './titles';
import type {
  ContactRoleInput,
  DateLike,
  DealInput,
  DealInsightRecord,
  DealRiskResult,
  DealScore,
  OpportunityHistoryRow
} from './types';
import { isBlank, toText, visibility } from './values';

/** History rows oldest first; rows without a readable CreatedDate are dropped. */
function orderedHistory(rows: readonly OpportunityHistoryRow[]): OpportunityHistoryRow[] {
  const keyed: { t: number; i: number; row: OpportunityHistoryRow }[] = [];
  let sorted = true;
  for (let i = 0; i < rows.length; i++) {
    const t = toEpochSeconds(rows[i].CreatedDate);
    if (t === null) continue;
    if (keyed.length > 0 && t < keyed[keyed.length - 1].t) sorted = false;
    keyed.push({ t, i, row: rows[i] });
  }
  if (!sorted) keyed.sort((a, b) => a.t - b.t || a.i - b.i);
  return keyed.map((k) => k.row);
}

function roleTitle(role: ContactRoleInput): unknown {
  return role.Contact?.Title ?? role['Contact.Title'];
}

/**
 * Risk flags of an opportunity as of `asOf`, from the record, its OpportunityHistory rows, its
 * activities and its contact roles.
 *
 * - pushCount: history rows whose CloseDate is later than the previous row's CloseDate.
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
  const obj = compiled.objects.Opportunity;
  const asOfDay = requireDay(asOf, 'asOf');
  const opp = input.opportunity;
  const explicit = input.visibleFields;
  const isVisible =
    explicit === null || explicit === undefined
      ? (field: string) => field in opp
      : visibility(explicit);
  const status = recordStatus(obj, 'Opportunity', opp);
  const risk = config.risk;

  // History: pushes, regressions, start of the current stage.
  const history = input.history ? orderedHistory(input.history) : [];
  let pushCount = 0;
  let stageRegressions = 0;
  let prevClose: number | null = null;
  let prevStage: number | null = null;
  for (const row of history) {
    const close = toDayNumber(row.CloseDate);
    if (close !== null) {
      if (prevClose !== null && close > prevClose) pushCount++;
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
    for (let i = history.length - 1; i >= 0; i--) {
      const name = toText(history[i].StageName);
      if (name === null) continue;
      if (name !== currentStage) break;
      stageStart = toDayNumber(history[i].CreatedDate);
    }
  }
  stageStart ??= toDayNumber(opp.LastStageChangeDate) ?? toDayNumber(opp.CreatedDate);
  const daysInStage = stageStart === null ? null : Math.max(0, asOfDay - stageStart);

  // Activity.
  let lastActivity: number | null = null;
  const consider = (day: number | null) => {
    if (day !== null && day <= asOfDay && (lastActivity === null || day > lastActivity)) {
      lastActivity = day;
    }
  };
  if (isVisible('LastActivityDate')) consider(toDayNumber(opp.LastActivityDate));
  if (input.activities) {
    for (const a of input.activities) {
      consider(toDayNumber(a.ActivityDate) ?? toDayNumber(a.CreatedDate));
    }
  }
  const last = lastActivity as number | null;
  const daysSinceActivity = last === null ? null : asOfDay - last;

  // Contact roles.
  let hasDecisionMaker: boolean | null = null;
  const roles = input.contactRoles;
  if (roles !== null && roles !== undefined) {
    hasDecisionMaker = roles.some((r) => {
      const role = toText(r.Role);
      if (role !== null && compiled.decisionMakerRoles.has(role.toLowerCase())) return true;
      const seniority = classifyTitle(config, roleTitle(r)).seniority;
      return compiled.decisionMakerSeniorities.has(seniority);
    });
  }

  const raised = new Set<RiskFlag>();
  if (status === 'open') {
    const ref = last ?? toDayNumber(opp.CreatedDate);
    if (ref !== null && asOfDay - ref > risk.staleAfterDays) raised.add('STALE');
    const limit = currentStage === null ? undefined : risk.daysInStageLimits[currentStage];
    if (limit !== undefined && daysInStage !== null && daysInStage > limit) raised.add('STALE');
    if (isVisible('CloseDate')) {
      const close = toDayNumber(opp.CloseDate);
      if (close !== null && close < asOfDay) raised.add('PAST_DUE');
    }
    if (isVisible('NextStep') && isBlank(opp.NextStep)) raised.add('NO_NEXT_STEP');
    if (pushCount >= risk.pushedAfter) raised.add('PUSHED');
    if (roles !== null && roles !== undefined) {
      if (roles.length === 0) raised.add('NO_CONTACT_ROLE');
      if (!hasDecisionMaker) raised.add('NO_DECISION_MAKER');
    }
    if (stageRegressions > 0) raised.add('STAGE_REGRESSED');
  }
  const flags = RISK_FLAGS.filter((f) => raised.has(f));
  let riskWeight = 0;
  for (const f of flags) riskWeight += risk.flags[f].weight;
  return {
    flags,
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
    riskWeight,
    questions: flags.map((flag) => ({ flag, label: risk.flags[flag].questionLabel }))
  };
}

/** Risk plus Opportunity completeness of one deal (everything Deal_Insight__c holds). */
export function scoreDeal(config: CoachingConfig, input: DealInput, asOf: DateLike): DealScore {
  const id = toText(input.opportunity.Id);
  return {
    opportunityId: id,
    risk: assessDealRisk(config, input, asOf),
    completeness: scoreCompleteness(config, 'Opportunity', input.opportunity, {
      asOf,
      visibleFields: input.visibleFields
    })
  };
}

/** The Deal_Insight__c row for a scored deal; null when the opportunity has no Id. */
export function toDealInsightRecord(score: DealScore): DealInsightRecord | null {
  if (score.opportunityId === null) return null;
  return {
    Opportunity__c: score.opportunityId,
    Insight_Key__c: score.opportunityId,
    Risk_Flags__c: score.risk.flags.join(';'),
    Push_Count__c: score.risk.pushCount,
    Days_In_Stage__c: score.risk.daysInStage,
    Days_Since_Activity__c: score.risk.daysSinceActivity,
    Completeness_Score__c: score.completeness.score,
    Coaching_Questions__c: JSON.stringify(score.risk.questions)
  };
}
