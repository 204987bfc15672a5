/**
 * The shape of config/coaching.config.json once validated: inferred from the zod schema in
 * config-schema.ts, which says what each value means. Type-only imports: zod never reaches the
 * browser bundle.
 */
import type { z } from 'zod';
import type { coachingConfigSchema } from './config-schema';

export type {
  AdoptionStage,
  RiskFlag,
  SObjectName,
  ValidityCheck,
  WiifmEvidence
} from './constants';

export type CoachingConfig = z.infer<typeof coachingConfigSchema>;

/** Why a completeness item lost its points. */
export type CompletenessReason = 'missing' | 'invalid' | 'stale';

export type ObjectRules = CoachingConfig['objects']['Opportunity'];
export type FieldRule = ObjectRules['rules'][number];
export type RequiredRule = Extract<FieldRule, { type: 'required' }>;
export type RequiredFromStageRule = Extract<FieldRule, { type: 'requiredFromStage' }>;
export type FreshRule = Extract<FieldRule, { type: 'fresh' }>;
export type ValidRule = Extract<FieldRule, { type: 'valid' }>;
export type StageDef = NonNullable<ObjectRules['stages']>[number];
export type RiskConfig = CoachingConfig['risk'];
export type RiskFlagDef = RiskConfig['flags']['STALE'];
export type LadderConfig = CoachingConfig['ladder'];
export type RungCriteria = LadderConfig['criteria']['Understanding'];
export type NudgeConfig = CoachingConfig['nudges'];
export type NudgeDef = NudgeConfig['catalogue'][number];
export type NudgeCondition = NudgeDef['condition'];
export type WiifmConfig = CoachingConfig['wiifm'];
export type WiifmStatementDef = WiifmConfig['statements'][number];
export type TitleCodeframe = CoachingConfig['titles'];
export type TitlePattern = TitleCodeframe['functions'][number];
export type RecognitionConfig = CoachingConfig['recognition'];
