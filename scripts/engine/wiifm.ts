import type { CoachingConfig } from './config-types';
import type { DateLike, EvidenceCounts, Insights } from './types';

/** Evidence counters, all zero. */
export function emptyEvidence(): EvidenceCounts {
  throw new Error('not implemented');
}

/** Sum of evidence counters (new object; inputs untouched). */
export function mergeEvidence(...counts: (EvidenceCounts | null | undefined)[]): EvidenceCounts {
  throw new Error('not implemented');
}

/** WIIFM statements: the rep's figures if the sample suffices, else the team's, else the org's. */
export function buildInsights(
  config: CoachingConfig,
  evidence: { rep: EvidenceCounts; team?: EvidenceCounts | null; org?: EvidenceCounts | null },
  asOf: DateLike
): Insights {
  throw new Error('not implemented');
}
