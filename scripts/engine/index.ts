/**
 * Adoption Coach coaching engine: pure functions, no I/O, an explicit `asOf` on everything
 * time-based. The same code runs in the sync (Node, imported from here) and in the browser
 * (bundled into force-app/main/default/lwc/coachEngine, imported as `c/coachEngine`, which
 * also exports the validated config as `COACHING_CONFIG`).
 *
 * Every function takes the validated config first. In the sync, load it with
 * `loadConfigFile` (scripts/build/load-config.ts) or `validateConfig`
 * (scripts/engine/config-schema.ts, zod: never part of the browser bundle).
 */
export type * from './config-types';
export type * from './types';
export { ADOPTION_STAGES, RISK_FLAGS, SOBJECT_NAMES, referencedLabels } from './constants';
export { toUtcDate, daysBetween, addDays } from './dates';
export { scoreCompleteness } from './completeness';
export { assessDealRisk, scoreDeal, toDealInsightRecord } from './risk';
export { classifyTitle } from './titles';
export { nudgeResponseKey, parseNudgeResponseKey, nudgeCandidates, selectNudges } from './nudges';
export { nextAdoptionStage, qualifiedStage } from './stage';
export { emptyEvidence, mergeEvidence, buildInsights } from './wiifm';
export type { RepRollup } from './rollup';
export {
  createRepRollup,
  addDeal,
  addScoredDeal,
  addActivity,
  addNudgeResponse,
  addRecord,
  repEvidence,
  finishRep,
  isActiveSnapshot,
  rollupTeam
} from './rollup';
export { buildCoachingAgenda } from './agenda';
