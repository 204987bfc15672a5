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
