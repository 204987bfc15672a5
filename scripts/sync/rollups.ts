/**
 * The Adoption_Rollup__c rows of a period: one per team (the users of one manager) and one for
 * the org, from the engine's rollupTeam figures, plus the nudge answers given in the period.
 */
import type { TeamRollup } from '../engine';
import type { Row } from './api';
import type { People } from './extract';

const NUDGE_ACTIONS = ['Fixed', 'Snoozed', 'Dismissed'] as const;

/** The external id: TEAM:<manager id>:<period start> or ORG:<period start>. */
export function rollupKey(managerId: string | null, periodStart: string): string {
  return managerId === null ? `ORG:${periodStart}` : `TEAM:${managerId}:${periodStart}`;
}

/**
 * Nudge answers by action: every answer in the period for the org (as the sponsor's report
 * counts them), those of the team's users for a team.
 */
function answers(people: People, managerId: string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of people.responses) {
    if (managerId !== null && people.users.get(String(r.OwnerId))?.managerId !== managerId)
      continue;
    const action = String(r.Action__c ?? '');
    counts[action] = (counts[action] ?? 0) + 1;
  }
  return counts;
}

/** One rollup's row: the tipping point here is adopters ÷ every user scored, × 100. */
export function rollupRow(rollup: TeamRollup, periodStart: string, people: People): Row {
  const stages = rollup.stageCounts;
  const adopters = stages.Involvement + stages.Commitment;
  const nudges = answers(people, rollup.managerId);
  return {
    Rollup_Key__c: rollupKey(rollup.managerId, periodStart),
    Scope__c: rollup.managerId === null ? 'Org' : 'Team',
    Manager__c: rollup.managerId,
    Period_Start__c: periodStart,
    Audience_Size__c: rollup.users,
    Adopters__c: adopters,
    Active_Users__c: rollup.activeUsers,
    Logging_Users__c: rollup.loggingUsers,
    Tipping_Point__c: rollup.users === 0 ? null : Math.round((1000 * adopters) / rollup.users) / 10,
    Target__c: rollup.targetPct,
    Awareness_Users__c: stages.Awareness,
    Understanding_Users__c: stages.Understanding,
    Acceptance_Users__c: stages.Acceptance,
    Involvement_Users__c: stages.Involvement,
    Commitment_Users__c: stages.Commitment,
    Completeness_Score__c: rollup.completenessScore,
    Open_Pipeline__c: rollup.openPipeline,
    Won_Opportunities__c: rollup.won,
    Lost_Opportunities__c: rollup.lost,
    Win_Rate__c: rollup.winRate,
    Most_Improved_User__c: rollup.mostImprovedUserId,
    ...Object.fromEntries(NUDGE_ACTIONS.map((a) => [`Nudges_${a}__c`, nudges[a] ?? 0]))
  };
}

/** Nudge answers in the period by action, all of them (the sponsor's report). */
export function nudgeAnswers(people: People): Record<string, number> {
  return answers(people, null);
}
