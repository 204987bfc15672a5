import { nextAdoptionStage, qualifiedStage } from '../../scripts/engine';
import type { AdoptionStage, StageSignals } from '../../scripts/engine';
import { config } from './helpers';

// Shipped criteria: Understanding act ≥ 1; Acceptance act ≥ 3, completeness ≥ 60, fresh ≥ 50;
// Involvement act ≥ 5, 75, 70, nudges ≥ 1; Commitment act ≥ 8, 85, 85, nudges ≥ 2. Drop after 2.
const star: StageSignals = {
  activitiesLogged: 9,
  completenessScore: 90,
  freshPct: 90,
  nudgesActed: 2
};
const idle: StageSignals = {
  activitiesLogged: 0,
  completenessScore: null,
  freshPct: null,
  nudgesActed: 0
};

const next = (
  previousStage: AdoptionStage | null,
  previousPeriodsBelow: number,
  signals: StageSignals
) => nextAdoptionStage(config, { previousStage, previousPeriodsBelow, signals });

describe('adoption stage', () => {
  it('finds the highest rung whose criteria and all below are met', () => {
    expect(qualifiedStage(config, star)).toBe('Commitment');
    expect(qualifiedStage(config, idle)).toBe('Awareness');
    expect(qualifiedStage(config, { ...star, freshPct: 69.9 })).toBe('Acceptance');
    expect(qualifiedStage(config, { ...star, completenessScore: 59 })).toBe('Understanding');
    // Nothing left to fix (completeness 100) counts as nudges acted on.
    expect(qualifiedStage(config, { ...star, completenessScore: 100, nudgesActed: 0 })).toBe(
      'Commitment'
    );
    // Exactly on the thresholds.
    expect(
      qualifiedStage(config, {
        activitiesLogged: 5,
        completenessScore: 75,
        freshPct: 70,
        nudgesActed: 1
      })
    ).toBe('Involvement');
  });

  it('climbs one rung per period at most', () => {
    expect(next(null, 0, star)).toEqual({
      stage: 'Understanding',
      qualifiedStage: 'Commitment',
      periodsBelow: 0,
      change: 'up'
    });
    expect(next('Understanding', 0, star).stage).toBe('Acceptance');
    expect(next('Involvement', 1, star)).toEqual({
      stage: 'Commitment',
      qualifiedStage: 'Commitment',
      periodsBelow: 0,
      change: 'up'
    });
    expect(next('Commitment', 0, star)).toEqual({
      stage: 'Commitment',
      qualifiedStage: 'Commitment',
      periodsBelow: 0,
      change: 'same'
    });
  });

  it('drops one rung only after two periods below (hysteresis), then counts again', () => {
    expect(next('Acceptance', 0, idle)).toEqual({
      stage: 'Acceptance',
      qualifiedStage: 'Awareness',
      periodsBelow: 1,
      change: 'same'
    });
    expect(next('Acceptance', 1, idle)).toEqual({
      stage: 'Understanding',
      qualifiedStage: 'Awareness',
      periodsBelow: 0,
      change: 'down'
    });
    expect(next('Commitment', 1, { ...star, freshPct: 60 }).stage).toBe('Involvement');
    // A good period resets the count.
    expect(
      next('Acceptance', 1, { ...star, completenessScore: 65, freshPct: 50 }).periodsBelow
    ).toBe(0);
    expect(next('Awareness', 5, idle)).toEqual({
      stage: 'Awareness',
      qualifiedStage: 'Awareness',
      periodsBelow: 0,
      change: 'same'
    });
  });

  it('treats an unknown previous value as no previous stage', () => {
    expect(next('Expert' as AdoptionStage, 3, star).stage).toBe('Understanding');
    expect(next('Expert' as AdoptionStage, 3, idle)).toEqual({
      stage: 'Awareness',
      qualifiedStage: 'Awareness',
      periodsBelow: 0,
      change: 'same'
    });
  });
});
