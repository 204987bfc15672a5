import type { AdoptionStage, CoachingConfig, RungCriteria } from './config-types';
import { ADOPTION_STAGES, stageIndex } from './constants';
import type { StageInput, StageResult, StageSignals } from './types';

function meets(c: RungCriteria, s: StageSignals): boolean {
  if (s.activitiesLogged < c.minActivities) return false;
  if (s.completenessScore !== null && s.completenessScore < c.minCompleteness) return false;
  if (s.freshPct !== null && s.freshPct < c.minFreshPct) return false;
  // Nothing left to fix (completeness 100) counts as having acted on every nudge.
  if (s.nudgesActed < c.minNudgesActed && s.completenessScore !== 100) return false;
  return true;
}

/**
 * Highest rung whose criteria, and those of every rung below, the period's signals meet.
 * A blank completeness or freshness (no records, no open deals) does not hold a rep back.
 */
export function qualifiedStage(config: CoachingConfig, signals: StageSignals): AdoptionStage {
  let reached = 0;
  for (let i = 1; i < ADOPTION_STAGES.length; i++) {
    const rung = ADOPTION_STAGES[i] as Exclude<AdoptionStage, 'Awareness'>;
    if (!meets(config.ladder.criteria[rung], signals)) break;
    reached = i;
  }
  return ADOPTION_STAGES[reached];
}

/**
 * The next rung from the previous rung and this period's signals:
 * - qualified above the previous rung: one rung up (never more), periodsBelow 0;
 * - qualified for the previous rung: stay, periodsBelow 0;
 * - below it: periodsBelow + 1; once that reaches ladder.dropAfterPeriods, one rung down and
 *   periodsBelow back to 0. A rep with no earlier stage (or an unknown value) starts from
 *   Awareness and can climb to Understanding in the first period.
 */
export function nextAdoptionStage(config: CoachingConfig, input: StageInput): StageResult {
  const qualified = qualifiedStage(config, input.signals);
  const q = stageIndex(qualified);
  let prev = stageIndex(input.previousStage);
  const known = prev >= 0;
  if (!known) prev = 0;
  const below = known ? Math.max(0, Math.floor(input.previousPeriodsBelow || 0)) : 0;
  if (q > prev) {
    return {
      stage: ADOPTION_STAGES[prev + 1],
      qualifiedStage: qualified,
      periodsBelow: 0,
      change: 'up'
    };
  }
  if (q === prev) {
    return {
      stage: ADOPTION_STAGES[prev],
      qualifiedStage: qualified,
      periodsBelow: 0,
      change: 'same'
    };
  }
  const count = below + 1;
  if (count >= config.ladder.dropAfterPeriods) {
    return {
      stage: ADOPTION_STAGES[prev - 1],
      qualifiedStage: qualified,
      periodsBelow: 0,
      change: 'down'
    };
  }
  return {
    stage: ADOPTION_STAGES[prev],
    qualifiedStage: qualified,
    periodsBelow: count,
    change: 'same'
  };
}
