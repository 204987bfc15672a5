/**
 * Adoption Coach coaching engine: no I/O, an explicit `asOf` on everything time-based, and the
 * same result for the same arguments. Not pure in the strict sense: it memoises, in module-level
 * state, what it derives from the config (a WeakMap keyed by the config object, see compiled.ts)
 * and the dates it parses (the last `asOf`, the last record's dates, see dates.ts). A memo is
 * checked against its key on every read and never changes a result, only its cost.
 * The same code runs in the sync (Node, imported from here or from the modules) and in the
 * browser (what the components use, listed in ./browser and re-exported here, bundled into
 * force-app/main/default/lwc/coachEngine, imported as `c/coachEngine`, which also exports the
 * part of the validated config the browser reads as `COACHING_CONFIG`: see ./browser-config).
 *
 * Every function takes the validated config first. In the sync, load it with
 * `loadConfigFile` (scripts/build/load-config.ts) or `validateConfig`
 * (scripts/engine/config-schema.ts, zod: never part of the browser bundle).
 */
export type * from './config-types';
export type * from './types';
// Everything the components use (./browser), and below it what the sync and the tests also
// import from here. Deal risk and insights (./risk, ./titles), the WIIFM evidence (./wiifm), the
// stage rules (nextAdoptionStage, qualifiedStage in ./stage), the per-rep accumulator
// (createRepRollup … finishRep in ./rollup), the people-side evidence (./people), the sync's
// field lists (./records) and the measure tally (./governance) serve the sync only: it imports
// them from those modules.
export * from './browser';
export { RISK_FLAGS, SOBJECT_NAMES } from './constants';
export { daysBetween } from './dates';
export { nudgeResponseKey } from './nudges';
export { isActiveSnapshot, rollupTeam } from './rollup';
export type { RepRollup, ScorecardParts } from './rollup';
export { compareRisk } from './agenda';
export type { RiskRanked } from './agenda';
export type { DecodedInsight, DecodedRollup } from './records';
export type * from './governance';
export type { GovernanceConfig, ObjectiveMeasure, TrainingPath } from './governance-schema';
export { GOVERNANCE_PARTS } from './governance';
export type { TrainingInput, TrainingOffer, TrainingReason } from './training';
export type {
  AudienceMember,
  MessageAudience,
  MessageReach,
  MessageRow,
  MessageSelection,
  MessageSelectionInput,
  ReceiptRow
} from './messages';
export { MESSAGE_AUDIENCES, inAudience, isMessageLive, nextMessageShow } from './messages';
export type { FeedbackReason, FeedbackRow, RuleFeedback } from './feedback';
export { isFeedback } from './feedback';
