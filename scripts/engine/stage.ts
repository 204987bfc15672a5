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

/**
 * What the next rung above `stage` still asks, criterion by criterion: the highest threshold of
 * that rung and every rung below it, leaving out criteria that ask nothing (0 or false) and, when
 * signals are given, those already met. Empty at the top rung.
 */
export function nextRungNeeds(
  config: BrowserConfig,
  stage: AdoptionStage | string | null,
  signals?: Partial<StageSignals> & { periodsAtStandard?: number }
): { stage: AdoptionStage | null; needs: NextRungNeed[] } {
  const at = Math.max(0, stageIndex(stage));
  const nextIndex = at + 1;
  if (nextIndex >= ADOPTION_STAGES.length) return { stage: null, needs: [] };
  const top: RungCriteria = {
    requireLogin: false,
    minEngagements: 0,
    minActivities: 0,
    minCompleteness: 0,
    minFreshPct: 0,
    minCoachingActs: 0,
    minSteadyPeriods: 0
  };
  for (let i = 1; i <= nextIndex; i++) {
    const c = config.ladder.criteria[ADOPTION_STAGES[i] as Rung];
    top.requireLogin = top.requireLogin || c.requireLogin;
    top.minEngagements = Math.max(top.minEngagements, c.minEngagements);
    top.minActivities = Math.max(top.minActivities, c.minActivities);
    top.minCompleteness = Math.max(top.minCompleteness, c.minCompleteness);
    top.minFreshPct = Math.max(top.minFreshPct, c.minFreshPct);
    top.minCoachingActs = Math.max(top.minCoachingActs, c.minCoachingActs);
    top.minSteadyPeriods = Math.max(top.minSteadyPeriods, c.minSteadyPeriods);
  }
  const s = signals ?? {};
  const knows = at >= stageIndex('Understanding');
  const needs: NextRungNeed[] = [];
  const need = (criterion: NextRungNeed['criterion'], target: number, met: boolean) => {
    if (target > 0 && !met) needs.push({ criterion, target });
  };
  need('login', top.requireLogin ? 1 : 0, knows || s.loggedIn === true);
  need('engagements', top.minEngagements, knows || (s.engagements ?? 0) >= top.minEngagements);
  need('activities', top.minActivities, (s.activitiesLogged ?? -1) >= top.minActivities);
  need(
    'completeness',
    top.minCompleteness,
    s.completenessScore === null ||
      (typeof s.completenessScore === 'number' && s.completenessScore >= top.minCompleteness)
  );
  need(
    'freshPct',
    top.minFreshPct,
    s.freshPct === null || (typeof s.freshPct === 'number' && s.freshPct >= top.minFreshPct)
  );
  need('coachingActs', top.minCoachingActs, (s.coachingActs ?? -1) >= top.minCoachingActs);
  need('steadyPeriods', top.minSteadyPeriods, (s.periodsAtStandard ?? -1) >= top.minSteadyPeriods);
  return { stage: ADOPTION_STAGES[nextIndex], needs };
}
