/**
 * Training paths offered to a user: the remedial path of a rung the rep dropped from, the path
 * of a nudge the rep answered "I don't know how", and the new-hire path for a user created in
 * the last governance.training.newHireDays days.
 */
import type { BrowserConfig } from './browser-config';
import { stageIndex } from './constants';
import { requireDay, toDayNumber } from './dates';
import type { TrainingPath } from './governance-schema';

export type TrainingReason = 'remedial' | 'dontKnow' | 'newHire';

export interface TrainingOffer {
  key: string;
  /** Custom label API name of the path's title. */
  label: string;
  url: string;
  reason: TrainingReason;
  /** The rung dropped from (remedial) or the nudge key (dontKnow); null for newHire. */
  because: string | null;
  /** A Training_Done engagement exists for the path. */
  done: boolean;
}

export interface TrainingInput {
  asOf: string;
  /** User.CreatedDate. */
  userCreated: string | null;
  /** The rep's rung this week and the week before (Adoption_Stage__c values or null). */
  stage: string | null;
  previousStage: string | null;
  /** Nudge keys the rep dismissed with the reason "I don't know how". */
  dontKnowNudges: readonly string[];
  /** Path keys the user marked done (Coach_Engagement__c, Kind__c Training_Done). */
  done: readonly string[];
}

/** The dismiss reason that asks for training (a value of Nudge_Response__c.Reason__c). */
export const DONT_KNOW_REASON = "I don't know how";

/**
 * The first training path (governance.training.paths) that lists the nudge; undefined when none
 * does or the config has no training paths.
 */
export function trainingPathOf(config: BrowserConfig, nudgeKey: string): TrainingPath | undefined {
  return config.governance?.training?.paths.find((p) => p.nudges?.includes(nudgeKey));
}

/**
 * The paths to offer, each once, in this order: remedial (the rung dropped from, when this
 * week's rung is lower than last week's), the paths of nudges answered "I don't know how" (in
 * the order given), then new-hire (created within newHireDays days before asOf, asOf counted).
 */
export function trainingOffers(config: BrowserConfig, input: TrainingInput): TrainingOffer[] {
  const t = config.governance?.training;
  if (!t) return [];
  const asOfDay = requireDay(input.asOf, 'asOf');
  const paths = new Map(t.paths.map((p) => [p.key, p]));
  const done = new Set(input.done);
  const out: TrainingOffer[] = [];
  const offer = (key: string | undefined, reason: TrainingReason, because: string | null) => {
    const p = key === undefined ? undefined : paths.get(key);
    if (!p || out.some((o) => o.key === p.key)) return;
    out.push({ key: p.key, label: p.label, url: p.url, reason, because, done: done.has(p.key) });
  };
  const now = stageIndex(input.stage);
  const before = stageIndex(input.previousStage);
  if (now >= 0 && before > now) {
    const rung = input.previousStage as keyof typeof t.remedial;
    offer(t.remedial[rung], 'remedial', rung);
  }
  for (const nudge of input.dontKnowNudges)
    offer(trainingPathOf(config, nudge)?.key, 'dontKnow', nudge);
  const created = toDayNumber(input.userCreated);
  if (created !== null && created <= asOfDay && asOfDay - created < t.newHireDays) {
    offer(t.newHire, 'newHire', null);
  }
  return out;
}
