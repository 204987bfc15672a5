import type { AdoptionStage, CoachingConfig, RiskFlag, SObjectName } from './config-types';

/** The rungs of the change ladder, lowest first. */
export const ADOPTION_STAGES: readonly AdoptionStage[] = [
  'Awareness',
  'Understanding',
  'Acceptance',
  'Involvement',
  'Commitment'
];

/** Deal-risk codes, in the order flags are reported. */
export const RISK_FLAGS: readonly RiskFlag[] = [
  'STALE',
  'PAST_DUE',
  'NO_NEXT_STEP',
  'PUSHED',
  'NO_CONTACT_ROLE',
  'NO_DECISION_MAKER',
  'STAGE_REGRESSED'
];

/** Objects scored for completeness. */
export const SOBJECT_NAMES: readonly SObjectName[] = ['Opportunity', 'Account', 'Contact', 'Lead'];

/** Position of a rung (0 = Awareness); -1 for anything that is not one of the five values. */
export function stageIndex(stage: unknown): number {
  return ADOPTION_STAGES.indexOf(stage as AdoptionStage);
}

/** Every custom label name the config refers to, sorted and without duplicates. */
export function referencedLabels(config: CoachingConfig): string[] {
  const names = new Set<string>();
  for (const f of RISK_FLAGS) names.add(config.risk.flags[f].questionLabel);
  for (const s of ADOPTION_STAGES) names.add(config.ladder.tips[s]);
  for (const n of config.nudges.catalogue) names.add(n.label);
  for (const s of config.wiifm.statements) names.add(s.label);
  const scope = config.wiifm.scopeLabels;
  names.add(scope.rep).add(scope.team).add(scope.org);
  for (const l of Object.values(config.recognition.labels)) names.add(l);
  return [...names].sort();
}
