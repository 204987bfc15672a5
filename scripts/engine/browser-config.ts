/**
 * The part of the validated coaching config that the browser's engine reads: what the
 * components' engine functions (./browser) and the components themselves read from
 * `COACHING_CONFIG`. The build (scripts/build/build-engine.ts) bundles this part only; the sync
 * reads the whole config from the same file. Left out: the title codeframe and the decision
 * makers (deal risk), the WIIFM evidence and the win-rate window, which only the sync computes
 * with; of the ladder, the drop rule and the rollout start (the sync moves reps between rungs),
 * and of each rung the criteria that ask nothing (0 or false: the schema's defaults);
 * of the messages, the quick wins the sync proposes; of deal risk all but each flag's weight,
 * which decodes the Deal_Insight__c rows the sync wrote (their questions are stored with them).
 * tests/engine/browser-config.test.ts checks that the browser reads every field kept.
 */
import type {
  CoachingConfig,
  LadderConfig,
  RiskConfig,
  RiskFlag,
  RungCriteria
} from './config-types';

/** The top-level sections the browser reads whole. */
export const BROWSER_CONFIG_SECTIONS = [
  'periodDays',
  'tippingPointTargetPct',
  'scorecardWeights',
  'objects',
  'nudges',
  'agenda',
  'recognition',
  'governance'
] as const;

/** The config as the browser has it: the engine functions the components call take this. */
export type BrowserConfig = Pick<CoachingConfig, (typeof BROWSER_CONFIG_SECTIONS)[number]> & {
  ladder: Pick<LadderConfig, 'tips' | 'repTips'> & {
    criteria: Record<keyof LadderConfig['criteria'], Partial<RungCriteria>>;
  };
  messages: Pick<CoachingConfig['messages'], 'reshowHours' | 'perDay'>;
  risk: { flags: Record<RiskFlag, Pick<RiskConfig['flags'][RiskFlag], 'weight'>> };
};

/** The browser's part of a validated config (the same values, not copies, where whole). */
export function browserConfig(config: CoachingConfig): BrowserConfig {
  const part: Partial<Record<keyof CoachingConfig, unknown>> = {};
  for (const key of BROWSER_CONFIG_SECTIONS) {
    if (config[key] !== undefined) part[key] = config[key];
  }
  const { criteria, tips, repTips } = config.ladder;
  const asking = Object.entries(criteria).map(([rung, c]) => [
    rung,
    Object.fromEntries(Object.entries(c).filter(([, v]) => v !== 0 && v !== false))
  ]);
  part.ladder = { criteria: Object.fromEntries(asking), tips, repTips };
  const { reshowHours, perDay } = config.messages;
  part.messages = { reshowHours, perDay };
  const flags = Object.entries(config.risk.flags).map(([flag, def]) => [
    flag,
    { weight: def.weight }
  ]);
  part.risk = { flags: Object.fromEntries(flags) };
  return part as BrowserConfig;
}
