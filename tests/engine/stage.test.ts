import { nextRungNeeds } from '../../scripts/engine';
import { nextAdoptionStage, qualifiedStage } from '../../scripts/engine/stage';
import type { AdoptionStage, StageSignals } from '../../scripts/engine';
import { IDLE_SIGNALS } from '../support/snapshots';
import { config, configCopy } from './helpers';

// Shipped ladder (config/coaching.config.json), each rung also requiring every rung below:
//   Understanding: logged in (Awareness evidence) and ≥ 1 engagement;
//   Acceptance:    ≥ 3 activities, completeness ≥ 60, fresh ≥ 50 %;
//   Involvement:   ≥ 1 coaching act;
//   Commitment:    ≥ 5 activities, completeness ≥ 80, fresh ≥ 80 %, 4 periods at standard.
// Drop one rung after 2 periods below.
const star: StageSignals = {
  loggedIn: true,
  engagements: 2,
  activitiesLogged: 9,
  completenessScore: 90,
  freshPct: 90,
  coachingActs: 2
};
const idle = IDLE_SIGNALS;

const next = (
  previousStage: AdoptionStage | null,
  previousPeriodsBelow: number,
  signals: StageSignals,
  previousPeriodsAtStandard = 0
) =>
  nextAdoptionStage(config, {
    previousStage,
    previousPeriodsBelow,
    previousPeriodsAtStandard,
    signals
  });

describe('rungs from evidence, one case per boundary', () => {
  it('Awareness → Understanding: needs a login and an engagement, each on its own is not enough', () => {
    expect(qualifiedStage(config, idle)).toBe('Awareness');
    expect(qualifiedStage(config, { ...idle, loggedIn: true })).toBe('Awareness');
    // Engaged without a login known: the Awareness evidence is missing, so no rung above it.
    expect(qualifiedStage(config, { ...idle, engagements: 1 })).toBe('Awareness');
    expect(qualifiedStage(config, { ...idle, loggedIn: true, engagements: 1 })).toBe(
      'Understanding'
    );
  });

  it('Understanding → Acceptance: 3 activities, 60 % complete, 50 % fresh, all on the line', () => {
    const at = { ...idle, loggedIn: true, engagements: 1, coachingActs: 0 };
    const use = { activitiesLogged: 3, completenessScore: 60, freshPct: 50 };
    expect(qualifiedStage(config, { ...at, ...use })).toBe('Acceptance');
    expect(qualifiedStage(config, { ...at, ...use, activitiesLogged: 2 })).toBe('Understanding');
    expect(qualifiedStage(config, { ...at, ...use, completenessScore: 59 })).toBe('Understanding');
    expect(qualifiedStage(config, { ...at, ...use, freshPct: 49.9 })).toBe('Understanding');
    // Blank completeness and freshness (no records, no open deals) hold nobody back.
    expect(qualifiedStage(config, { ...at, ...use, completenessScore: null, freshPct: null })).toBe(
      'Acceptance'
    );
    // Heavy use without the lower rungs' evidence is no skip: still Awareness.
    expect(qualifiedStage(config, { ...idle, ...use, coachingActs: 5 })).toBe('Awareness');
  });

  it('Acceptance → Involvement: one coaching act (or nothing left to fix)', () => {
    const acc = { ...star, coachingActs: 0, completenessScore: 98, freshPct: 100 };
    expect(qualifiedStage(config, acc)).toBe('Acceptance');
    expect(qualifiedStage(config, { ...acc, coachingActs: 1 })).toBe('Involvement');
    // 100 % complete and every open deal fresh: nothing for a tip to ask, counts as acted.
    expect(qualifiedStage(config, { ...acc, completenessScore: 100 })).toBe('Involvement');
    expect(qualifiedStage(config, { ...acc, completenessScore: 100, freshPct: 95 })).toBe(
      'Acceptance'
    );
  });

  it('Involvement → Commitment: the fourth period in a row at standard, with its higher bar', () => {
    // steadyPeriods counts this one: 3 earlier periods + this one = 4.
    expect(qualifiedStage(config, star, { knows: true, steadyPeriods: 3 })).toBe('Involvement');
    expect(qualifiedStage(config, star, { knows: true, steadyPeriods: 4 })).toBe('Commitment');
    // At the Commitment bar exactly (5, 80, 80).
    const edge = { ...star, activitiesLogged: 5, completenessScore: 80, freshPct: 80 };
    expect(qualifiedStage(config, edge, { steadyPeriods: 4 })).toBe('Commitment');
    expect(qualifiedStage(config, { ...edge, activitiesLogged: 4 }, { steadyPeriods: 4 })).toBe(
      'Involvement'
    );
    expect(qualifiedStage(config, { ...edge, freshPct: 79.9 }, { steadyPeriods: 4 })).toBe(
      'Involvement'
    );
  });

  it('knowledge once earned holds: a rep who stood on Understanding needs no new login or view', () => {
    const busy = { ...idle, activitiesLogged: 3, completenessScore: 70, freshPct: 60 };
    expect(qualifiedStage(config, busy)).toBe('Awareness');
    expect(qualifiedStage(config, busy, { knows: true })).toBe('Acceptance');
    expect(next('Understanding', 0, busy).stage).toBe('Acceptance');
    expect(next('Awareness', 0, busy).stage).toBe('Awareness');
  });
});

describe('moving on the ladder', () => {
  it('evidence decides: a first period stands on the rung qualified for, and a climb may pass several rungs', () => {
    // First period, every rung's evidence shown except the 4 steady periods: Involvement.
    expect(next(null, 0, star)).toEqual({
      stage: 'Involvement',
      qualifiedStage: 'Involvement',
      periodsBelow: 0,
      periodsAtStandard: 1,
      change: 'up'
    });
    expect(next('Awareness', 0, star).stage).toBe('Involvement');
    // Three periods at standard before this one: 4 → Commitment.
    expect(next('Involvement', 1, star, 3)).toEqual({
      stage: 'Commitment',
      qualifiedStage: 'Commitment',
      periodsBelow: 0,
      periodsAtStandard: 4,
      change: 'up'
    });
    expect(next('Commitment', 0, star, 9)).toEqual({
      stage: 'Commitment',
      qualifiedStage: 'Commitment',
      periodsBelow: 0,
      periodsAtStandard: 10,
      change: 'same'
    });
  });

  it('drops one rung only after two periods below (hysteresis), then counts again', () => {
    // A rep who knows (Acceptance) but logs nothing: qualifies for Understanding only.
    expect(next('Acceptance', 0, idle)).toEqual({
      stage: 'Acceptance',
      qualifiedStage: 'Understanding',
      periodsBelow: 1,
      periodsAtStandard: 0,
      change: 'same'
    });
    expect(next('Acceptance', 1, idle)).toEqual({
      stage: 'Understanding',
      qualifiedStage: 'Understanding',
      periodsBelow: 0,
      periodsAtStandard: 0,
      change: 'down'
    });
    // Commitment with fresh 60 < 80 (but ≥ 50): qualifies Involvement; second period below drops.
    expect(next('Commitment', 1, { ...star, freshPct: 60 }, 7).stage).toBe('Involvement');
    // A good period resets the count.
    expect(
      next('Acceptance', 1, { ...star, coachingActs: 0, completenessScore: 65 }).periodsBelow
    ).toBe(0);
    // Nobody drops below the bottom rung.
    expect(next('Awareness', 5, idle)).toEqual({
      stage: 'Awareness',
      qualifiedStage: 'Awareness',
      periodsBelow: 0,
      periodsAtStandard: 0,
      change: 'same'
    });
    // One period below the standard resets the steady count.
    expect(next('Commitment', 0, { ...star, activitiesLogged: 2 }, 6).periodsAtStandard).toBe(0);
  });

  it('treats an unknown previous value as no previous rung', () => {
    expect(next('Expert' as AdoptionStage, 3, star, 8).stage).toBe('Involvement');
    expect(next('Expert' as AdoptionStage, 3, idle)).toEqual({
      stage: 'Awareness',
      qualifiedStage: 'Awareness',
      periodsBelow: 0,
      periodsAtStandard: 0,
      change: 'same'
    });
  });
});

describe('what the next rung asks', () => {
  it('names only criteria that ask something, at the highest bar up to that rung', () => {
    // From Awareness to Understanding: a login and 1 engagement; nothing at 0.
    expect(nextRungNeeds(config, 'Awareness')).toEqual({
      stage: 'Understanding',
      needs: [
        { criterion: 'login', target: 1 },
        { criterion: 'engagements', target: 1 }
      ]
    });
    // From Understanding: the knowledge is earned, only the Acceptance bar is left.
    expect(nextRungNeeds(config, 'Understanding').needs).toEqual([
      { criterion: 'activities', target: 3 },
      { criterion: 'completeness', target: 60 },
      { criterion: 'freshPct', target: 50 }
    ]);
    // To Commitment: the higher bar (5, 80, 80), 1 coaching act, 4 steady periods.
    expect(nextRungNeeds(config, 'Involvement').needs).toEqual([
      { criterion: 'activities', target: 5 },
      { criterion: 'completeness', target: 80 },
      { criterion: 'freshPct', target: 80 },
      { criterion: 'coachingActs', target: 1 },
      { criterion: 'steadyPeriods', target: 4 }
    ]);
    expect(nextRungNeeds(config, 'Commitment')).toEqual({ stage: null, needs: [] });
  });

  it('leaves out what the rep already meets', () => {
    // 6 activities ≥ 5, completeness 85 ≥ 80, no open deals (blank freshness holds nobody
    // back), 1 coaching act ≥ 1; only the 2 of 4 steady periods is left.
    expect(
      nextRungNeeds(config, 'Involvement', {
        activitiesLogged: 6,
        completenessScore: 85,
        freshPct: null,
        coachingActs: 1,
        periodsAtStandard: 2
      }).needs
    ).toEqual([{ criterion: 'steadyPeriods', target: 4 }]);
  });

  it('a rung may ask nothing of a criterion, which is then never named', () => {
    const c = configCopy();
    c.ladder.criteria.Acceptance.minFreshPct = 0;
    expect(nextRungNeeds(c, 'Understanding').needs.map((n) => n.criterion)).toEqual([
      'activities',
      'completeness'
    ]);
  });
});
