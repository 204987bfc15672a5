/**
 * What the Lightning web components import from `c/coachEngine`, and nothing else: the entry of
 * the browser bundle (scripts/build/build-engine.ts adds the browser's part of the validated
 * config, ./browser-config, as COACHING_CONFIG). The sync and the tests import the engine's
 * modules, or ./index, directly.
 * tests/engine/bundle.test.ts checks that this list and the components' imports agree.
 */
export { ADOPTION_STAGES, stageIndex } from './constants';
export { addDays, toUtcDate } from './dates';
export { scoreCompleteness } from './completeness';
export { nudgeCandidates, parseNudgeResponseKey, selectNudges } from './nudges';
export { nextRungNeeds } from './stage';
export { scorecardScore } from './rollup';
export { buildCoachingAgenda } from './agenda';
export {
  SNAPSHOT_NUMBER_FIELDS,
  agendaDealFromInsight,
  decodeDealInsight,
  decodeRollup,
  decodeSnapshot,
  decodeSnapshotInsights,
  recordFieldNames
} from './records';
export { compareText, toNumber } from './values';
export { DEFAULT_GOVERNANCE, buildGovernanceView } from './governance';
export { DONT_KNOW_REASON, trainingOffers } from './training';
export {
  MESSAGE_BEHAVIOURS,
  audienceMember,
  audienceMembers,
  messageReach,
  messageReceiptKey,
  selectMessages,
  shownReceipt
} from './messages';
export { FEEDBACK_REASONS, TRAINING_REASON, feedbackByRule, trainingUrlOf } from './feedback';
