import type { CoachingConfig, SObjectName } from './config-types';
import type {
  CompletenessResult,
  DealRiskResult,
  NudgeCandidate,
  NudgeSelection,
  NudgeSelectionInput
} from './types';

/** The value stored in Nudge_Response__c.Nudge_Key__c: `<nudgeKey>:<recordId>`. */
export function nudgeResponseKey(nudgeKey: string, recordId: string): string {
  return `${nudgeKey}:${recordId}`;
}

/** Splits a Nudge_Key__c value; a value without ':' is a bare nudge key (recordId null). */
export function parseNudgeResponseKey(value: string): {
  nudgeKey: string;
  recordId: string | null;
} {
  throw new Error('not implemented');
}

/** The catalogue nudges whose condition holds for a record, highest priority first. */
export function nudgeCandidates(
  config: CoachingConfig,
  objectName: SObjectName,
  recordId: string,
  scored: { completeness?: CompletenessResult | null; risk?: DealRiskResult | null }
): NudgeCandidate[] {
  throw new Error('not implemented');
}

/** Which candidates to show now, given earlier responses and the daily budget. */
export function selectNudges(config: CoachingConfig, input: NudgeSelectionInput): NudgeSelection {
  throw new Error('not implemented');
}
