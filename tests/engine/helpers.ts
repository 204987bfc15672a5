import { loadConfigFile } from '../../scripts/build/load-config';
import type { CoachingConfig } from '../../scripts/engine';

/** The shipped config, validated exactly as the build validates it (labels included). */
export const config: CoachingConfig = loadConfigFile();

/** A deep copy of the shipped config to change in a test. */
export function configCopy(): CoachingConfig {
  return JSON.parse(JSON.stringify(config)) as CoachingConfig;
}

type Rule = CoachingConfig['objects'][keyof CoachingConfig['objects']]['rules'][number];

/** A copy of the shipped config with one more completeness rule of `object`, after the others. */
export function configWithRule(
  object: keyof CoachingConfig['objects'],
  rule: Rule
): CoachingConfig {
  const c = configCopy();
  c.objects[object].rules.push(rule);
  return c;
}

// Opportunity rules in the shipped config: opp-next-step 20 (from Qualification, open only),
// opp-activity 20 (fresh 14 days, open only), opp-close-date 15 (not in past, open only),
// opp-amount 15 (> 0), opp-lead-source 10, opp-type 5, opp-description 5: 90 in all.
// An open deal that earns only lead source and description on 2024-03-01: a blank next step,
// its last activity 15 days old (stale after 14), its close date past, no amount, no type.
export const openDeal = {
  Id: '006A',
  StageName: 'Needs Analysis',
  IsClosed: false,
  IsWon: false,
  NextStep: '   ',
  LastActivityDate: '2024-02-15',
  CloseDate: '2024-02-29',
  Amount: 0,
  LeadSource: 'Web',
  Type: null,
  Description: 'Fleet renewal'
};
