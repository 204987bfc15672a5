import type { BrowserConfig } from './browser-config';
import { stageIndex } from './constants';
import type { AgendaDeal, AgendaInput, CoachingAgenda, RecognitionItem } from './types';
import { compareText, toNumber, toText } from './values';

/** What an at-risk deal is ranked by, on agendas and in the sync's report. */
export interface RiskRanked {
  opportunityId: string | null;
  /** amount (negative or blank as 0) × riskWeight. */
  priority: number;
  riskWeight: number;
}

/** A deal's amount as ranked: blank, unreadable or negative amounts count 0. */
export function rankedAmount(value: unknown): number {
  const n = toNumber(value);
  return n !== null && n > 0 ? n : 0;
}

/**
 * The ranking of at-risk deals: the largest amount × risk weight first; ties by the larger risk
 * weight (of two deals worth nothing, the riskier one), then by opportunity Id (ascending), so
 * the order never depends on the order the deals were read in.
 */
export function compareRisk(a: RiskRanked, b: RiskRanked): number {
  return (
    b.priority - a.priority ||
    b.riskWeight - a.riskWeight ||
    compareText(a.opportunityId, b.opportunityId)
  );
}

/** Adds `item` to `top` (kept in compareRisk order) when it ranks among the first `size`. */
export function keepTopRanked<T extends RiskRanked>(top: T[], item: T, size: number): void {
  if (top.length === size && compareRisk(item, top[size - 1]) >= 0) return;
  let i = top.length;
  while (i > 0 && compareRisk(item, top[i - 1]) < 0) i--;
  top.splice(i, 0, item);
  if (top.length > size) top.pop();
}

/**
 * A manager's 1:1 agenda for a rep:
 * - deals: open deals with at least one flag, in compareRisk's order, at most
 *   agenda.maxDeals, each with the question label for each flag;
 * - recognition from the snapshots (most recent first): completeness up by at least
 *   recognition.minCompletenessGain ({0} before, {1} now), a streak of periods with activity
 *   ({0} periods, at least recognition.minStreakPeriods), a rung climbed, most improved;
 * - the tip label for the rep's current rung.
 */
export function buildCoachingAgenda(config: BrowserConfig, input: AgendaInput): CoachingAgenda {
  const deals: AgendaDeal[] = [];
  for (const d of input.deals) {
    if (d.risk.status !== 'open' || d.risk.flags.length === 0) continue;
    const amount = rankedAmount(d.opportunity.Amount);
    deals.push({
      opportunityId: toText(d.opportunity.Id),
      name: toText(d.opportunity.Name),
      amount,
      flags: d.risk.flags,
      riskWeight: d.risk.riskWeight,
      priority: amount * d.risk.riskWeight,
      questions: d.risk.questions
    });
  }
  deals.sort(compareRisk);

  const rec = config.recognition;
  const recognition: RecognitionItem[] = [];
  const recognise = (kind: RecognitionItem['kind'], params: number[]) =>
    recognition.push({ kind, label: rec.labels[kind], params });
  const [current, previous] = input.snapshots;
  if (current && previous) {
    const now = current.Completeness_Score__c;
    const before = previous.Completeness_Score__c;
    if (
      typeof now === 'number' &&
      typeof before === 'number' &&
      now - before >= rec.minCompletenessGain
    ) {
      recognise('completenessUp', [before, now]);
    }
    const a = stageIndex(current.Adoption_Stage__c);
    const b = stageIndex(previous.Adoption_Stage__c);
    if (a >= 0 && b >= 0 && a > b) recognise('stageUp', []);
  }
  let streak = 0;
  for (const s of input.snapshots) {
    if ((s.Activities_Logged__c ?? 0) > 0) streak++;
    else break;
  }
  if (streak >= rec.minStreakPeriods) recognise('activityStreak', [streak]);
  if (input.mostImproved) recognise('mostImproved', []);
  const stageIdx = current ? stageIndex(current.Adoption_Stage__c) : -1;
  const stage = stageIdx >= 0 ? (current.Adoption_Stage__c as CoachingAgenda['stage']) : null;
  return {
    deals: deals.slice(0, config.agenda.maxDeals),
    recognition,
    stage,
    tip: stage === null ? null : config.ladder.tips[stage]
  };
}
