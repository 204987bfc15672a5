/**
 * The part of the validated coaching config that the browser's engine reads: what the
 * components' engine functions (./browser) and the components themselves read from
 * `COACHING_CONFIG`. The build (scripts/build/build-engine.ts) bundles this part only; the sync
 * reads the whole config from the same file. Left out: the title codeframe and the decision
 * makers (deal risk), the WIIFM evidence and the win-rate window, which only the sync computes
 * with; of deal risk the browser keeps each flag's weight and question, to decode the
 * Deal_Insight__c rows the sync wrote.
 */
import type { CoachingConfig, RiskConfig } from './config-types';

/** The top-level sections the browser reads whole. */
export const BROWSER_CONFIG_SECTIONS = [
  'periodDays',
  'tippingPointTargetPct',
  'scorecardWeights',
  'objects',
  'ladder',
  'nudges',
  'agenda',
  'messages',
  'recognition',
  'governance'
] as const;

/** The config as the browser has it: the engine functions the components call take this. */
export type BrowserConfig = Pick<CoachingConfig, (typeof BROWSER_CONFIG_SECTIONS)[number]> & {
  risk: Pick<RiskConfig, 'flags'>;
};

/** The browser's part of a validated config (the same values, not copies). */
export function browserConfig(config: CoachingConfig): BrowserConfig {
  const part: Partial<Record<keyof CoachingConfig, unknown>> = {};
  for (const key of BROWSER_CONFIG_SECTIONS) {
    if (config[key] !== undefined) part[key] = config[key];
  }
  part.risk = { flags: config.risk.flags };
  return part as BrowserConfig;
}
