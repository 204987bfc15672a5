import type { CoachingConfig } from './config-types';
import { stageIndex } from './constants';
import type { AgendaDeal, AgendaInput, CoachingAgenda, RecognitionItem } from './types';
import { toNumber, toText } from './values';

function compareText(a: string | null, b: string | null): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A manager's 1:1 agenda for a rep:
 * - deals: open deals with at least one flag, ordered by amount × risk weight (blank or
 *   negative amounts count 0; ties by risk weight, then id), at most agenda.maxDeals, each with
 *   the question label for each flag;
 * - recognition from the snapshots (most recent first): completeness up by at least
 *   recognition.minCompletenessGain ({0} before, {1} now), a streak of periods with activity
 *   ({0} periods, at least recognition.minStreakPeriods), a rung climbed, most improved;
 * - the tip label for the rep's current rung.
 */
export function buildCoachingAgenda(config: CoachingConfig, input: AgendaInput): CoachingAgenda {
  const deals: AgendaDeal[] = [];
  for (const d of input.deals) {
    if (d.risk.status !== 'open' || d.risk.flags.length === 0) continue;
    const raw = toNumber(d.opportunity.Amount);
    const amount = raw !== null && raw > 0 ? raw : 0;
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
  deals.sort(
    (a, b) =>
      b.priority - a.priority ||
      b.riskWeight - a.riskWeight ||
      compareText(a.opportunityId, b.opportunityId)
  );

  const rec = config.recognition;
  const recognition: RecognitionItem[] = [];
  const [current, previous] = input.snapshots;
  if (current && previous) {
    const now = current.Completeness_Score__c;
    const before = previous.Completeness_Score__c;
    if (
      typeof now === 'number' &&
      typeof before === 'number' &&
      now - before >= rec.minCompletenessGain
    ) {
      recognition.push({
        kind: 'completenessUp',
        label: rec.labels.completenessUp,
        params: [before, now]
      });
    }
    const a = stageIndex(current.Adoption_Stage__c);
    const b = stageIndex(previous.Adoption_Stage__c);
    if (a >= 0 && b >= 0 && a > b) {
      recognition.push({ kind: 'stageUp', label: rec.labels.stageUp, params: [] });
    }
  }
  let streak = 0;
  for (const s of input.snapshots) {
    if ((s.Activities_Logged__c ?? 0) > 0) streak++;
    else break;
  }
  if (streak >= rec.minStreakPeriods) {
    recognition.push({
      kind: 'activityStreak',
      label: rec.labels.activityStreak,
      params: [streak]
    });
  }
  if (input.mostImproved) {
    recognition.push({ kind: 'mostImproved', label: rec.labels.mostImproved, params: [] });
  }
  const stageIdx = current ? stageIndex(current.Adoption_Stage__c) : -1;
  const stage = stageIdx >= 0 ? (current.Adoption_Stage__c as CoachingAgenda['stage']) : null;
  return {
    deals: deals.slice(0, config.agenda.maxDeals),
    recognition,
    stage,
    tip: stage === null ? null : config.ladder.tips[stage]
  };
}
