import { nextRungNeeds } from '../../scripts/engine';
import { nextAdoptionStage, qualifiedStage } from '../../scripts/engine/stage';
import type { AdoptionStage, StageResult, StageSignals } from '../../scripts/engine';
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

// The edges below: blank signals, counts exactly on a bar, the steady count carried from the
// bottom rung, and what the next rung asks when signals are given.
const row = (r: StageResult) => [
  r.stage,
  r.qualifiedStage,
  r.periodsBelow,
  r.periodsAtStandard,
  r.change
];

describe('nothing left to fix', () => {
  it('counts a rep with complete records and no open deals as having acted', () => {
    // Completeness 100 and freshness blank (no open deals): nothing for a tip to ask, so the
    // Involvement coaching act is not needed; Commitment needs 4 steady periods (0 given).
    expect(
      qualifiedStage(config, { ...star, coachingActs: 0, completenessScore: 100, freshPct: null })
    ).toBe('Involvement');
  });
});

describe('the steady count', () => {
  it('carries the earlier periods at standard from the bottom rung too', () => {
    // Previous rung Awareness (a known rung), 3 periods at standard before. The star signals
    // meet every rung's evidence (login, 2 engagements, 9 ≥ 5 activities, 90 ≥ 80, 90 ≥ 80,
    // 2 acts), so this period is at standard: 3 + 1 = 4 steady periods → Commitment.
    const r = nextAdoptionStage(config, {
      previousStage: 'Awareness',
      previousPeriodsBelow: 0,
      previousPeriodsAtStandard: 3,
      signals: star
    });
    // stage, qualified stage, periods below, periods at standard, change.
    expect(row(r)).toEqual(['Commitment', 'Commitment', 0, 4, 'up']);
  });

  it('counts a period that meets Acceptance exactly as at standard', () => {
    // Understanding before (knowledge earned), exactly on the Acceptance bar (3, 60, 50) with
    // no coaching act and completeness 60 (not 100): highest rung Acceptance, which is the
    // standard, so 2 earlier + this one = 3.
    const r = nextAdoptionStage(config, {
      previousStage: 'Understanding',
      previousPeriodsBelow: 0,
      previousPeriodsAtStandard: 2,
      signals: {
        loggedIn: true,
        engagements: 1,
        activitiesLogged: 3,
        completenessScore: 60,
        freshPct: 50,
        coachingActs: 0
      }
    });
    expect(row(r)).toEqual(['Acceptance', 'Acceptance', 0, 3, 'up']);
  });
});

describe('what the next rung asks, given signals', () => {
  it('a login and an engagement from Awareness, each left out once shown', () => {
    // Not logged in, no engagement: both asked.
    expect(nextRungNeeds(config, 'Awareness', { loggedIn: false, engagements: 0 }).needs).toEqual([
      { criterion: 'login', target: 1 },
      { criterion: 'engagements', target: 1 }
    ]);
    // Logged in: only the engagement; 1 engagement (exactly the bar): nothing.
    expect(nextRungNeeds(config, 'Awareness', { loggedIn: true, engagements: 0 }).needs).toEqual([
      { criterion: 'engagements', target: 1 }
    ]);
    expect(nextRungNeeds(config, 'Awareness', { loggedIn: true, engagements: 1 })).toEqual({
      stage: 'Understanding',
      needs: []
    });
  });

  it('no login asked when no rung up to the next requires one', () => {
    const c = configCopy();
    c.ladder.criteria.Understanding.requireLogin = false;
    // Understanding then asks only its engagement.
    expect(nextRungNeeds(c, 'Awareness').needs).toEqual([{ criterion: 'engagements', target: 1 }]);
  });

  it('the Acceptance bar met exactly asks nothing, one below asks each', () => {
    // From Understanding (knowledge earned): activities 3, completeness 60, fresh 50 all meet.
    expect(
      nextRungNeeds(config, 'Understanding', {
        activitiesLogged: 3,
        completenessScore: 60,
        freshPct: 50
      }).needs
    ).toEqual([]);
    // 2 < 3, 59 < 60, 49 < 50: all three asked.
    expect(
      nextRungNeeds(config, 'Understanding', {
        activitiesLogged: 2,
        completenessScore: 59,
        freshPct: 49
      }).needs
    ).toEqual([
      { criterion: 'activities', target: 3 },
      { criterion: 'completeness', target: 60 },
      { criterion: 'freshPct', target: 50 }
    ]);
    // Blank completeness (no records) holds nobody back; the activities are still asked.
    expect(
      nextRungNeeds(config, 'Understanding', { completenessScore: null, freshPct: null }).needs
    ).toEqual([{ criterion: 'activities', target: 3 }]);
  });

  it('an activity count or steady count not given is not met, even against a bar of 1', () => {
    const c = configCopy();
    c.ladder.criteria.Acceptance.minActivities = 1;
    c.ladder.criteria.Commitment.minActivities = 1;
    c.ladder.criteria.Commitment.minSteadyPeriods = 1;
    // Understanding → Acceptance with no signals: activities 1 (and 60, 50) asked.
    expect(nextRungNeeds(c, 'Understanding', {}).needs).toEqual([
      { criterion: 'activities', target: 1 },
      { criterion: 'completeness', target: 60 },
      { criterion: 'freshPct', target: 50 }
    ]);
    // Involvement → Commitment with everything but the steady count: steadyPeriods 1 asked
    // (completeness 80 and fresh 80 still apply from Commitment; activities 1 met by 1).
    expect(
      nextRungNeeds(c, 'Involvement', {
        activitiesLogged: 1,
        completenessScore: 80,
        freshPct: 80,
        coachingActs: 1
      }).needs
    ).toEqual([{ criterion: 'steadyPeriods', target: 1 }]);
  });

  it('four steady periods meet the Commitment bar of four', () => {
    const atBar = { activitiesLogged: 5, completenessScore: 80, freshPct: 80, coachingActs: 1 };
    expect(nextRungNeeds(config, 'Involvement', { ...atBar, periodsAtStandard: 4 })).toEqual({
      stage: 'Commitment',
      needs: []
    });
    // Three: the steady count is asked.
    expect(nextRungNeeds(config, 'Involvement', { ...atBar, periodsAtStandard: 3 }).needs).toEqual([
      { criterion: 'steadyPeriods', target: 4 }
    ]);
  });
});
