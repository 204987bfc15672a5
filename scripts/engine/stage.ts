import type { BrowserConfig } from './browser-config';
import type { AdoptionStage, CoachingConfig, RungCriteria } from './config-types';
import { ADOPTION_STAGES, stageIndex } from './constants';
import type { NextRungNeed, StageInput, StageResult, StageSignals } from './types';

type Rung = Exclude<AdoptionStage, 'Awareness'>;
// Pure: the browser bundle, which leaves qualifiedStage out, drops it too.
const ACCEPTANCE = /* @__PURE__ */ stageIndex('Acceptance');

/** No records or no open deals leave completeness or freshness blank: that holds nobody back. */
function meetsPct(value: number | null, min: number): boolean {
  return value === null || value >= min;
}

/** Nothing left to fix on records and deals counts as having acted on every tip. */
function nothingToFix(s: StageSignals): boolean {
  return s.completenessScore === 100 && (s.freshPct === null || s.freshPct === 100);
}

/**
 * Whether the signals meet one rung's evidence. `knows`: the rep stood on Understanding or
 * above before, so the knowledge evidence (login, engagement) is already earned.
 */
function meets(c: RungCriteria, s: StageSignals, knows: boolean, steady: number): boolean {
  if (c.requireLogin && !s.loggedIn && !knows) return false;
  if (s.engagements < c.minEngagements && !knows) return false;
  if (s.activitiesLogged < c.minActivities) return false;
  if (!meetsPct(s.completenessScore, c.minCompleteness)) return false;
  if (!meetsPct(s.freshPct, c.minFreshPct)) return false;
  if (s.coachingActs < c.minCoachingActs && !nothingToFix(s)) return false;
  if (steady < c.minSteadyPeriods) return false;
  return true;
}

function highestMet(
  config: CoachingConfig,
  signals: StageSignals,
  knows: boolean,
  steady: number
): number {
  let reached = 0;
  for (let i = 1; i < ADOPTION_STAGES.length; i++) {
    if (!meets(config.ladder.criteria[ADOPTION_STAGES[i] as Rung], signals, knows, steady)) break;
    reached = i;
  }
  return reached;
}

/**
 * Highest rung whose evidence, and that of every rung below, the signals show: no rung is
 * skipped. `steadyPeriods` counts this period if it meets the Acceptance standard.
 */
export function qualifiedStage(
  config: CoachingConfig,
  signals: StageSignals,
  options: { knows?: boolean; steadyPeriods?: number } = {}
): AdoptionStage {
  return ADOPTION_STAGES[
    highestMet(config, signals, options.knows === true, options.steadyPeriods ?? 0)
  ];
}

/**
 * The rung for this period from the previous rung and this period's signals:
 * - at or above the previous rung's evidence: the highest rung qualified for (evidence, not
 *   time, decides: a rep whose data shows Involvement is not made to wait a week per rung);
 * - below it: periodsBelow + 1; once that reaches ladder.dropAfterPeriods, one rung down and
 *   periodsBelow back to 0 (one bad period does not drop a rung).
 * A rep with no earlier rung (or an unknown value) stands on the rung qualified for.
 * periodsAtStandard: consecutive periods meeting the Acceptance standard, this one included.
 */
export function nextAdoptionStage(config: CoachingConfig, input: StageInput): StageResult {
  let prev = stageIndex(input.previousStage);
  const known = prev >= 0;
  if (!known) prev = 0;
  const knows = prev >= stageIndex('Understanding');
  const atStandard = highestMet(config, input.signals, knows, Infinity) >= ACCEPTANCE;
  const before = known ? Math.max(0, Math.floor(input.previousPeriodsAtStandard || 0)) : 0;
  const periodsAtStandard = atStandard ? before + 1 : 0;
  const q = highestMet(config, input.signals, knows, periodsAtStandard);
  const qualified = ADOPTION_STAGES[q];
  const below = known ? Math.max(0, Math.floor(input.previousPeriodsBelow || 0)) : 0;
  const result = (stage: number, periodsBelow: number, change: StageResult['change']) => ({
    stage: ADOPTION_STAGES[stage],
    qualifiedStage: qualified,
    periodsBelow,
    periodsAtStandard,
    change
  });
  if (!known) return result(q, 0, q > 0 ? 'up' : 'same');
  if (q > prev) return result(q, 0, 'up');
  if (q === prev) return result(prev, 0, 'same');
  const count = below + 1;
  if (count >= config.ladder.dropAfterPeriods) return result(prev - 1, 0, 'down');
  return result(prev, count, 'same');
}

/** Each rung criterion that sets a minimum: the need it names, and the signal compared with it. */
const MINIMUMS: [
  NextRungNeed['criterion'],
  Exclude<keyof RungCriteria, 'requireLogin'>,
  keyof NextRungSignals
][] = [
  ['engagements', 'minEngagements', 'engagements'],
  ['activities', 'minActivities', 'activitiesLogged'],
  ['completeness', 'minCompleteness', 'completenessScore'],
  ['freshPct', 'minFreshPct', 'freshPct'],
  ['coachingActs', 'minCoachingActs', 'coachingActs'],
  ['steadyPeriods', 'minSteadyPeriods', 'periodsAtStandard']
];

type NextRungSignals = Partial<StageSignals> & { periodsAtStandard?: number };

/**
 * What the next rung above `stage` still asks, criterion by criterion: the highest threshold of
 * that rung and every rung below it, leaving out criteria that ask nothing (0 or false) and, when
 * signals are given, those already met. Empty at the top rung.
 */
export function nextRungNeeds(
  config: BrowserConfig,
  stage: AdoptionStage | string | null,
  signals?: NextRungSignals
): { stage: AdoptionStage | null; needs: NextRungNeed[] } {
  const at = Math.max(0, stageIndex(stage));
  const nextIndex = at + 1;
  if (nextIndex >= ADOPTION_STAGES.length) return { stage: null, needs: [] };
  const rungs = ADOPTION_STAGES.slice(1, nextIndex + 1).map(
    (rung) => config.ladder.criteria[rung as Rung]
  );
  const s = signals ?? {};
  const knows = at >= stageIndex('Understanding');
  const needs: NextRungNeed[] = [];
  if (rungs.some((c) => c.requireLogin) && !knows && s.loggedIn !== true) {
    needs.push({ criterion: 'login', target: 1 });
  }
  for (const [criterion, min, signal] of MINIMUMS) {
    // A criterion a rung leaves out asks nothing (the browser's config leaves out 0s).
    const target = Math.max(...rungs.map((c) => c[min] ?? 0));
    const value = s[signal];
    // A rep who stood on Understanding before has earned the engagements; a blank completeness
    // or freshness (no scored records, no open deals) holds nobody back.
    const met =
      (criterion === 'engagements' && knows) ||
      (value === null && (criterion === 'completeness' || criterion === 'freshPct')) ||
      (typeof value === 'number' && value >= target);
    if (target > 0 && !met) needs.push({ criterion, target });
  }
  return { stage: ADOPTION_STAGES[nextIndex], needs };
}
