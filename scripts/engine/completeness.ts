import type { CoachingConfig, SObjectName } from './config-types';
import type { CompletenessOptions, CompletenessResult, FlatRecord } from './types';

/**
 * Completeness of one record against the object's weighted rules. Fields outside
 * `options.visibleFields` are excluded from the score, never counted missing.
 */
export function scoreCompleteness(
  config: CoachingConfig,
  objectName: SObjectName,
  record: FlatRecord,
  options: CompletenessOptions
): CompletenessResult {
  throw new Error('not implemented');
}
