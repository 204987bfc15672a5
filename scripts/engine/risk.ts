import type { CoachingConfig } from './config-types';
import type { DateLike, DealInput, DealInsightRecord, DealRiskResult, DealScore } from './types';

/** Risk flags, push count, days in stage and since activity, and a question per flag. */
export function assessDealRisk(
  config: CoachingConfig,
  input: DealInput,
  asOf: DateLike
): DealRiskResult {
  throw new Error('not implemented');
}

/** Risk plus Opportunity completeness of one deal. */
export function scoreDeal(config: CoachingConfig, input: DealInput, asOf: DateLike): DealScore {
  throw new Error('not implemented');
}

/** The Deal_Insight__c row for a scored deal (null when the opportunity has no Id). */
export function toDealInsightRecord(score: DealScore): DealInsightRecord | null {
  throw new Error('not implemented');
}
