import type { CoachingConfig, SObjectName } from './config-types';
import type {
  ActivityInput,
  DealInput,
  DealScore,
  EvidenceCounts,
  FinishOptions,
  FlatRecord,
  NudgeResponseInput,
  PreviousSnapshot,
  RepRollupInput,
  RepSnapshot,
  TeamRollup,
  VisibleFields
} from './types';

/** Streaming per-rep accumulator: holds counters only, never the deals. */
export interface RepRollup {
  readonly config: CoachingConfig;
  readonly input: RepRollupInput;
}

/** Starts a rep's rollup for one period. */
export function createRepRollup(config: CoachingConfig, input: RepRollupInput): RepRollup {
  throw new Error('not implemented');
}

/** Scores a deal (risk + completeness), folds it in, and returns the score (for Deal_Insight__c). */
export function addDeal(rollup: RepRollup, deal: DealInput): DealScore {
  throw new Error('not implemented');
}

/** Folds in a deal already scored with scoreDeal. */
export function addScoredDeal(rollup: RepRollup, opportunity: FlatRecord, score: DealScore): void {
  throw new Error('not implemented');
}

/** Counts an activity if its date falls in the period. */
export function addActivity(rollup: RepRollup, activity: ActivityInput): void {
  throw new Error('not implemented');
}

/** Counts a Fixed response given in the period as a nudge acted on. */
export function addNudgeResponse(rollup: RepRollup, response: NudgeResponseInput): void {
  throw new Error('not implemented');
}

/** Folds an Account, Contact or Lead owned by the rep into the completeness score. */
export function addRecord(
  rollup: RepRollup,
  objectName: SObjectName,
  record: FlatRecord,
  visibleFields?: VisibleFields | null
): void {
  throw new Error('not implemented');
}

/** The rep's WIIFM evidence so far (merge across reps for team and org figures). */
export function repEvidence(rollup: RepRollup): EvidenceCounts {
  throw new Error('not implemented');
}

/** The Adoption_Snapshot__c figures for the period. */
export function finishRep(rollup: RepRollup, options?: FinishOptions): RepSnapshot {
  throw new Error('not implemented');
}

/** Team (or org, with managerId null) rollup and the tipping-point figure. */
export function rollupTeam(
  config: CoachingConfig,
  input: {
    managerId: string | null;
    snapshots: readonly RepSnapshot[];
    previousByUser?: Readonly<Record<string, PreviousSnapshot>>;
  }
): TeamRollup {
  throw new Error('not implemented');
}
