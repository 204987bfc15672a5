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

/** Every custom label name the config refers to, sorted and without duplicates. */
export function referencedLabels(config: CoachingConfig): string[] {
  throw new Error('not implemented');
}
