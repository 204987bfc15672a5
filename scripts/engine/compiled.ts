import type { BrowserConfig } from './browser-config';
import type {
  CoachingConfig,
  CompletenessReason,
  FieldRule,
  FreshRule,
  NudgeDef,
  ObjectRules,
  RequiredFromStageRule,
  RiskFlag,
  SObjectName,
  ValidRule
} from './config-types';
import { SOBJECT_NAMES } from './constants';
import { remember, toBool, toText } from './values';
import type { CompletenessItem, FlatRecord } from './types';

/** Lookups derived once per config object (the config is never mutated after validation). */
export interface CompiledObject {
  rules: ObjectRules;
  stageField: string | null;
  /** Stage name → position in the configured order. */
  stageIndex: Map<string, number>;
  /** Stage name → 'won' | 'lost' for closed stages. */
  closedStages: Map<string, 'won' | 'lost'>;
  /** For requiredFromStage rules: rule id → index of fromStage. */
  fromStageIndex: Map<string, number>;
  /**
   * The completeness item of each rule (in config order) for each reason it can fail: frozen and
   * shared, so scoring a record builds no item of its own.
   */
  items: Readonly<Record<CompletenessReason, CompletenessItem>>[];
}

export interface CompiledConfig {
  objects: Record<SObjectName, CompiledObject>;
  /** Rule id → key of the first nudge whose condition lists it. */
  nudgeByRule: Map<string, string>;
  nudgesByObject: Record<SObjectName, NudgeDef[]>;
  permanentDismissReasons: Set<string>;
  /** Flag bitmask (bit i = RISK_FLAGS[i]) → shared, frozen flags/questions and their weight. */
  flagSets: (FlagSet | undefined)[];
}

/**
 * The lookups deal risk alone uses (the title codeframe, the decision makers), compiled apart so
 * that the browser, which does not score deals, needs neither those config sections nor this.
 */
export interface CompiledPeople {
  titleFunctions: { value: string; res: RegExp[] }[];
  titleSeniorities: { value: string; res: RegExp[] }[];
  /** Trimmed, lower-case decision-maker roles. */
  decisionMakerRoles: Set<string>;
  /** Role value as given → whether it names a decision maker, memoised (see isDecisionMakerRole). */
  roleCache: Map<string, boolean>;
  decisionMakerSeniorities: Set<string>;
  /** Title → seniority, memoised (titles repeat across millions of contact roles). */
  seniorityCache: Map<string, string>;
}

/** The flags of one bitmask, computed once per config. Arrays are frozen and shared. */
export interface FlagSet {
  flags: RiskFlag[];
  questions: { flag: RiskFlag; label: string }[];
  weight: number;
  /** Coaching_Questions__c value. */
  questionsJson: string;
}

const cache = new WeakMap<BrowserConfig, CompiledConfig>();
const peopleCache = new WeakMap<CoachingConfig, CompiledPeople>();

function compileObject(rules: ObjectRules, nudgeByRule: Map<string, string>): CompiledObject {
  const stageIndex = new Map<string, number>();
  const closedStages = new Map<string, 'won' | 'lost'>();
  (rules.stages ?? []).forEach((s, i) => {
    stageIndex.set(s.name, i);
    if (s.closed) closedStages.set(s.name, s.closed);
  });
  const fromStageIndex = new Map<string, number>();
  for (const r of rules.rules) {
    if (r.type === 'requiredFromStage') {
      const idx = stageIndex.get(r.fromStage);
      if (idx !== undefined) fromStageIndex.set(r.id, idx);
    }
  }
  const items = rules.rules.map((rule) => {
    const item = (reason: CompletenessReason): CompletenessItem =>
      Object.freeze({
        ruleId: rule.id,
        field: rule.field,
        weight: rule.weight,
        reason,
        nudgeKey: nudgeByRule.get(rule.id) ?? null
      });
    return Object.freeze({
      missing: item('missing'),
      invalid: item('invalid'),
      stale: item('stale')
    });
  });
  return {
    rules,
    stageField: rules.stageField ?? null,
    stageIndex,
    closedStages,
    fromStageIndex,
    items
  };
}

function lowerSet(values: readonly string[]): Set<string> {
  return new Set(values.map((v) => v.trim().toLowerCase()));
}

/** The compiled lookups of a validated config. */
export function compile(config: BrowserConfig): CompiledConfig {
  let c = cache.get(config);
  if (c) return c;
  const nudgeByRule = new Map<string, string>();
  const perObject = <T>(of: (name: SObjectName) => T) =>
    Object.fromEntries(SOBJECT_NAMES.map((name) => [name, of(name)])) as Record<SObjectName, T>;
  const nudgesByObject = perObject<NudgeDef[]>(() => []);
  for (const n of config.nudges.catalogue) {
    nudgesByObject[n.object].push(n);
    if ('rules' in n.condition) {
      for (const id of n.condition.rules) if (!nudgeByRule.has(id)) nudgeByRule.set(id, n.key);
    }
  }
  c = {
    objects: perObject((name) => compileObject(config.objects[name], nudgeByRule)),
    nudgeByRule,
    nudgesByObject,
    permanentDismissReasons: lowerSet(config.nudges.permanentDismissReasons),
    flagSets: []
  };
  cache.set(config, c);
  return c;
}

const syncCache = new WeakMap<BrowserConfig, CompiledConfig>();

/** A rule copied with every rule type's keys, in one order: one object shape for all rules. */
function uniformRule(r: FieldRule): FieldRule {
  const { fromStage, maxAgeDays, check, values } = r as Partial<
    Omit<RequiredFromStageRule, 'type'> & Omit<FreshRule, 'type'> & Omit<ValidRule, 'type'>
  >;
  const { id, type, field, weight, onlyOpen } = r;
  return { id, type, field, weight, onlyOpen, fromStage, maxAgeDays, check, values } as FieldRule;
}

/**
 * compile(config) with every object's rules in one object shape, for the sync, which scores
 * millions of records: the config holds a shape per rule type, and completeness reads every
 * rule of every record; through one shape V8 reads those properties directly instead of through
 * its megamorphic lookups (the engine bench scores about 7 % more deals a second).
 */
export function compileForSync(config: BrowserConfig): CompiledConfig {
  let c = syncCache.get(config);
  if (c) return c;
  const compiled = compile(config);
  const objects = Object.fromEntries(
    SOBJECT_NAMES.map((name) => {
      const o = compiled.objects[name];
      return [name, { ...o, rules: { ...o.rules, rules: o.rules.rules.map(uniformRule) } }];
    })
  ) as CompiledConfig['objects'];
  c = { ...compiled, objects };
  syncCache.set(config, c);
  return c;
}

/** The deal-risk lookups of a validated config, compiled once. */
export function compilePeople(config: CoachingConfig): CompiledPeople {
  let c = peopleCache.get(config);
  if (c) return c;
  const compilePatterns = (list: { value: string; patterns: string[] }[]) =>
    list.map((p) => ({ value: p.value, res: p.patterns.map((s) => new RegExp(s, 'i')) }));
  c = {
    titleFunctions: compilePatterns(config.titles.functions),
    titleSeniorities: compilePatterns(config.titles.seniorities),
    decisionMakerRoles: lowerSet(config.risk.decisionMakerRoles),
    roleCache: new Map(),
    decisionMakerSeniorities: new Set(config.risk.decisionMakerSeniorities),
    seniorityCache: new Map()
  };
  peopleCache.set(config, c);
  return c;
}

const ROLE_CACHE_LIMIT = 1_000;

/** Whether a contact role's Role value is a decision-maker role, in any case and spacing. */
export function isDecisionMakerRole(compiled: CompiledPeople, role: string): boolean {
  const v = compiled.roleCache.get(role);
  if (v !== undefined) return v;
  const named = compiled.decisionMakerRoles.has(role.trim().toLowerCase());
  return remember(compiled.roleCache, ROLE_CACHE_LIMIT, role, named);
}

export type RecordStatus = 'open' | 'won' | 'lost' | 'unknown';

/**
 * Open, won or lost. Opportunity: IsClosed/IsWon when present, else the stage's configured
 * state. Lead: IsConverted, else Status. Account and Contact are always open. A stage value the
 * config does not know, with no IsClosed, is 'unknown' (open-only rules and flags do not apply).
 */
export function recordStatus(
  obj: CompiledObject,
  objectName: SObjectName,
  record: FlatRecord
): RecordStatus {
  if (objectName === 'Account' || objectName === 'Contact') return 'open';
  if (objectName === 'Opportunity') {
    const closed = toBool(record.IsClosed);
    if (closed === false) return 'open';
    if (closed === true) {
      const won = toBool(record.IsWon);
      if (won !== null) return won ? 'won' : 'lost';
    }
  } else if (toBool(record.IsConverted) === true) {
    return 'won';
  }
  const stage = obj.stageField ? toText(record[obj.stageField]) : null;
  if (stage === null || !obj.stageIndex.has(stage)) return 'unknown';
  return obj.closedStages.get(stage) ?? 'open';
}

/** Position of the record's stage in the configured order; null when blank or unknown. */
export function stagePosition(obj: CompiledObject, value: unknown): number | null {
  const stage = toText(value);
  if (stage === null) return null;
  return obj.stageIndex.get(stage) ?? null;
}

/** Coaching_Questions__c JSON of each shared questions array (see flagSet). */
export const QUESTIONS_JSON = new WeakMap<object, string>();

/** Risk_Flags__c value (flags joined with ';') of each shared flags array. */
export const FLAGS_JOINED = new WeakMap<object, string>();

/** The configured weights of `flags`, summed: a deal's risk weight. */
export function flagsWeight(config: BrowserConfig, flags: readonly RiskFlag[]): number {
  let weight = 0;
  for (const f of flags) weight += config.risk.flags[f].weight;
  return weight;
}

/** The shared FlagSet of a bitmask over `order` (RISK_FLAGS). */
export function flagSet(
  config: CoachingConfig,
  compiled: CompiledConfig,
  order: readonly RiskFlag[],
  mask: number
): FlagSet {
  let set = compiled.flagSets[mask];
  if (set) return set;
  const flags: RiskFlag[] = [];
  for (let i = 0; i < order.length; i++) if (mask & (1 << i)) flags.push(order[i]);
  const questions = flags.map((flag) =>
    Object.freeze({ flag, label: config.risk.flags[flag].questionLabel })
  );
  set = {
    flags: Object.freeze(flags) as RiskFlag[],
    questions: Object.freeze(questions) as FlagSet['questions'],
    weight: flagsWeight(config, flags),
    questionsJson: JSON.stringify(questions)
  };
  compiled.flagSets[mask] = set;
  QUESTIONS_JSON.set(set.questions, set.questionsJson);
  FLAGS_JOINED.set(set.flags, flags.join(';'));
  return set;
}
