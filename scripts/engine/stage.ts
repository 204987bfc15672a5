import type { AdoptionStage, CoachingConfig } from './config-types';
import type { StageInput, StageResult, StageSignals } from './types';

/** Highest rung whose criteria, and those of every rung below, the signals meet. */
export function qualifiedStage(config: CoachingConfig, signals: StageSignals): AdoptionStage {
  throw new Error('not implemented');
}

/** The next rung: at most one step up or down, dropping only after N periods below. */
export function nextAdoptionStage(config: CoachingConfig, input: StageInput): StageResult {
  throw new Error('not implemented');
}
