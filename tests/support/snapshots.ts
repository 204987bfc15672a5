import type { AdoptionStage, RepSnapshot, StageSignals } from '../../scripts/engine';

/**
 * The Adoption_Snapshot__c fields of a rep with nothing in the period: no deals, no activity, no
 * login. Worked out from the engine's rules, not by running them: counts are 0, the scores and
 * rates with nothing to divide by are null, the rung is the first (Awareness) and no week is below
 * it or at the standard.
 */
export const EMPTY_SNAPSHOT = {
  Completeness_Score__c: null,
  Adoption_Stage__c: 'Awareness',
  Weeks_Below_Stage__c: 0,
  Open_Opportunities__c: 0,
  Open_Pipeline__c: 0,
  Won_Opportunities__c: 0,
  Lost_Opportunities__c: 0,
  Win_Rate__c: null,
  Stale_Opportunities__c: 0,
  Past_Due_Opportunities__c: 0,
  Missing_Next_Step__c: 0,
  Pushed_Opportunities__c: 0,
  Activities_Logged__c: 0,
  Account_Completeness__c: null,
  Contact_Completeness__c: null,
  Lead_Completeness__c: null,
  Logged_In__c: false,
  Engagements__c: 0,
  Coaching_Acts__c: 0,
  Periods_At_Standard__c: 0,
  Backfilled__c: false
};

/** The ladder's signals of that rep: not logged in, nothing done, no score to give. */
export const IDLE_SIGNALS: StageSignals = {
  loggedIn: false,
  engagements: 0,
  activitiesLogged: 0,
  completenessScore: null,
  freshPct: null,
  coachingActs: 0
};

/**
 * A rep's snapshot as rollupTeam reads it: the user, the rung, whether active, the completeness,
 * the open pipeline and the deals won and lost (the fields a team rollup sums).
 */
export function teamSnapshot(
  user: string,
  stage: AdoptionStage,
  active: boolean,
  completeness: number | null,
  pipeline = 0,
  won = 0,
  lost = 0,
  activities = 0
): RepSnapshot {
  return {
    record: {
      User__c: user,
      Adoption_Stage__c: stage,
      Completeness_Score__c: completeness,
      Open_Pipeline__c: pipeline,
      Won_Opportunities__c: won,
      Lost_Opportunities__c: lost,
      Activities_Logged__c: activities
    },
    active
  } as unknown as RepSnapshot;
}
