/**
 * Adoption Coach coaching engine: no I/O, an explicit `asOf` on everything time-based, and the
 * same result for the same arguments. Not pure in the strict sense: it memoises, in module-level
 * state, what it derives from the config (a WeakMap keyed by the config object, see compiled.ts)
 * and the dates it parses (the last `asOf`, the last record's dates, see dates.ts). A memo is
 * checked against its key on every read and never changes a result, only its cost.
 * The same code runs in the sync (Node, imported from here or from the modules) and in the
 * browser (what the components use, listed in ./browser, bundled into
 * force-app/main/default/lwc/coachEngine, imported as `c/coachEngine`, which also exports the
 * validated config as `COACHING_CONFIG`).
 *
 * Every function takes the validated config first. In the sync, load it with
 * `loadConfigFile` (scripts/build/load-config.ts) or `validateConfig`
 * (scripts/engine/config-schema.ts, zod: never part of the browser bundle).
 */
export type * from './config-types';
export type * from './types';
export { ADOPTION_STAGES, RISK_FLAGS, SOBJECT_NAMES, stageIndex } from './constants';
export { toUtcDate, daysBetween, addDays } from './dates';
export { scoreCompleteness } from './completeness';
// Deal risk and insights (./risk, ./titles), the WIIFM evidence (./wiifm) and the stage rules
// (nextAdoptionStage, qualifiedStage in ./stage) run in the sync only, which imports them from
// those modules: the components read what the sync stored (decodeDealInsight, decodeSnapshot).
export { nudgeResponseKey, parseNudgeResponseKey, nudgeCandidates, selectNudges } from './nudges';
export { nextRungNeeds } from './stage';
export type { RepRollup, ScorecardParts } from './rollup';
// The per-rep accumulator (createRepRollup … finishRep in ./rollup) and the people-side evidence
// (./people) serve the sync only: import them from those modules. The browser bundle holds
// only what the components import (./browser).
export { isActiveSnapshot, rollupTeam, scorecardScore } from './rollup';
export { buildCoachingAgenda, compareRisk, compareText } from './agenda';
export type { RiskRanked } from './agenda';
export type { DecodedInsight, DecodedRollup } from './records';
// What the browser reads of the record shapes; the sync's field lists are imported from
// ./records (and the bounded ranking from ./agenda) directly.
export {
  SNAPSHOT_NUMBER_FIELDS,
  agendaDealFromInsight,
  decodeDealInsight,
  decodeRollup,
  decodeSnapshot,
  decodeSnapshotInsights,
  recordFieldNames
} from './records';
export { toNumber } from './values';
export type * from './governance';
export type { GovernanceConfig, ObjectiveMeasure, TrainingPath } from './governance-schema';
// The measure tally (createMeasureTally, tallyDeal, measureRecords) is the sync's alone: it is
// imported from './governance' there.
export { DEFAULT_GOVERNANCE, GOVERNANCE_PARTS, buildGovernanceView } from './governance';
export { DONT_KNOW_REASON, trainingOffers } from './training';
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
export {
  MESSAGE_AUDIENCES,
  MESSAGE_BEHAVIOURS,
  audienceMember,
  audienceMembers,
  inAudience,
  isMessageLive,
  messageReach,
  messageReceiptKey,
  nextMessageShow,
  selectMessages,
  shownReceipt
} from './messages';
export type { FeedbackReason, FeedbackRow, RuleFeedback } from './feedback';
export {
  FEEDBACK_REASONS,
  TRAINING_REASON,
  feedbackByRule,
  isFeedback,
  trainingUrlOf
} from './feedback';
