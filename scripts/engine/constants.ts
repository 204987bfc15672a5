import type { CoachingConfig } from './config-types';
import { governanceLabels } from './governance-labels';

/** The rungs of the change ladder, lowest first (picklist values of Adoption_Stage__c). */
export const ADOPTION_STAGES = [
  'Awareness',
  'Understanding',
  'Acceptance',
  'Involvement',
  'Commitment'
] as const;
export type AdoptionStage = (typeof ADOPTION_STAGES)[number];

/** Deal-risk codes, in the order flags are reported (stored in Deal_Insight__c.Risk_Flags__c). */
export const RISK_FLAGS = [
  'STALE',
  'PAST_DUE',
  'NO_NEXT_STEP',
  'PUSHED',
  'NO_CONTACT_ROLE',
  'NO_DECISION_MAKER',
  'STAGE_REGRESSED'
] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

/** Objects scored for completeness. */
export const SOBJECT_NAMES = ['Opportunity', 'Account', 'Contact', 'Lead'] as const;
export type SObjectName = (typeof SOBJECT_NAMES)[number];

/** What a closed deal is split on for a WIIFM comparison. */
export const EVIDENCE_KINDS = [
  'hasNextStep',
  'hasContactRole',
  'hasDecisionMaker',
  'complete',
  'notPushed',
  'recentActivity'
] as const;
export type WiifmEvidence = (typeof EVIDENCE_KINDS)[number];

/**
 * Checks a `valid` rule can apply: notInPast (a date not before asOf), positive (a number > 0),
 * percent (0 to 100), email, phone (7 to 15 digits), oneOf (one of the rule's `values`).
 */
export const VALIDITY_CHECKS = [
  'notInPast',
  'positive',
  'percent',
  'email',
  'phone',
  'oneOf'
] as const;
export type ValidityCheck = (typeof VALIDITY_CHECKS)[number];

/** Position of a rung (0 = Awareness); -1 for anything that is not one of the five values. */
export function stageIndex(stage: unknown): number {
  return ADOPTION_STAGES.indexOf(stage as AdoptionStage);
}

/** Every custom label name the config refers to, sorted and without duplicates. */
export function referencedLabels(config: CoachingConfig): string[] {
  const names = new Set<string>();
  for (const f of RISK_FLAGS) names.add(config.risk.flags[f].questionLabel);
  for (const s of ADOPTION_STAGES) names.add(config.ladder.tips[s]).add(config.ladder.repTips[s]);
  for (const n of config.nudges.catalogue) names.add(n.label);
  for (const s of config.wiifm.statements) names.add(s.label);
  const scope = config.wiifm.scopeLabels;
  names.add(scope.rep).add(scope.team).add(scope.org);
  for (const l of Object.values(config.recognition.labels)) names.add(l);
  if (config.governance) for (const r of governanceLabels(config.governance)) names.add(r.label);
  return [...names].sort();
}
