/**
 * The zod schema of config/coaching.config.json and its validation. Used at build time and by
 * the sync; never part of the browser bundle (the bundle receives the validated config as a
 * JSON constant). Pure: takes parsed JSON, returns the config or every problem found.
 */
import { z } from 'zod';
import type { CoachingConfig } from './config-types';
import {
  ADOPTION_STAGES,
  EVIDENCE_KINDS,
  RISK_FLAGS,
  SOBJECT_NAMES,
  VALIDITY_CHECKS,
  type AdoptionStage,
  type RiskFlag
} from './constants';
import { crossChecks } from './config-checks';
import { type ConfigIssue, type Path, formatPath, show } from './config-issue';
import { governanceSchema } from './governance-schema';
import { messagesSchema } from './messages-schema';

export { formatIssues, formatPath, type ConfigIssue } from './config-issue';

export type ConfigValidation =
  { ok: true; config: CoachingConfig } | { ok: false; issues: ConfigIssue[] };

/** Custom label API names: a letter, then letters, digits and single underscores (≤ 80). */
const LABEL_RE = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;
const KEY_RE = /^[A-Za-z][A-Za-z0-9_]*$/;

const label = z.string().max(80).regex(LABEL_RE, {
  error: 'a custom label API name (a letter, then letters, digits and single underscores)'
});
const posInt = z.number().int().positive();
const nonNegInt = z.number().int().nonnegative();
const pct = z.number().min(0).max(100);
const name = z.string().trim().min(1);
/** A permission set's or a role's API name (DeveloperName). */
const apiName = z.string().max(80).regex(KEY_RE, {
  error: 'an API name (a letter, then letters, digits and underscores)'
});

/** An object with one schema per key of `keys` (the keys typed, unlike Object.fromEntries). */
function keyed<K extends string, T extends z.ZodType>(keys: readonly K[], value: T) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, T>);
}

const ruleBase = {
  /** Unique across the whole config, e.g. `opp-next-step`. */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** Field API name in the flat record, e.g. `NextStep`. */
  field: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  /** The score is earned weight ÷ applicable weight. */
  weight: posInt,
  /** Apply only while the record is open (Opportunity: not closed; Lead: not converted). */
  onlyOpen: z.boolean().optional()
};

const fieldRule = z.discriminatedUnion('type', [
  // The field must hold a value (null, '' and whitespace-only count as missing).
  z.strictObject({ ...ruleBase, type: z.literal('required') }),
  // Required once the record's stage is at or after `fromStage` in the object's stage order.
  z.strictObject({ ...ruleBase, type: z.literal('requiredFromStage'), fromStage: name }),
  // The date/datetime in `field` must be within `maxAgeDays` of asOf (blank counts as stale).
  z.strictObject({ ...ruleBase, type: z.literal('fresh'), maxAgeDays: nonNegInt }),
  // The value must pass `check`; a blank value counts as missing. `values`: for oneOf.
  z.strictObject({
    ...ruleBase,
    type: z.literal('valid'),
    check: z.enum(VALIDITY_CHECKS),
    values: z.array(name).min(1).optional()
  })
]);

const objectRules = z.strictObject({
  /** Field holding the stage (Opportunity: StageName; Lead: Status). */
  stageField: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
    .optional(),
  /** Stage values in pipeline order; closed stages say `won` or `lost`. */
  stages: z
    .array(z.strictObject({ name, closed: z.enum(['won', 'lost']).optional() }))
    .min(1)
    .optional(),
  rules: z.array(fieldRule)
});

const riskFlag = z.enum(RISK_FLAGS);
/**
 * The evidence a rung asks for (every threshold must hold; 0 or false asks nothing). A rung also
 * requires every rung below it, so each rung names only what is new at that stage:
 * - Awareness evidence (`requireLogin`): has logged in since the rollout started;
 * - Understanding evidence (`minEngagements`): opened their own adoption view, read a WIIFM
 *   line, saw a programme message, finished a training, or answered a nudge (which shows its
 *   WIIFM line) — knowledge is not lost, so once earned it holds in later periods;
 * - Acceptance (`minActivities`, `minCompleteness`, `minFreshPct`): uses it, in the period;
 * - Involvement (`minCoachingActs`): acts on coaching — a fix the data shows (a nudge marked
 *   Fixed, an activity on a deal gone quiet, a past close date re-forecast, a first contact
 *   role), feedback on a rule, or a 1:1 prepared from the agenda;
 * - Commitment (`minSteadyPeriods`): has met the Acceptance standard for this many periods in a
 *   row, this one included.
 */
const rung = z.strictObject({
  /** Has logged in (LoginHistory, else User.LastLoginDate) since the rollout started. */
  requireLogin: z.boolean().default(false),
  /** Engagements with the coaching (see above), in the period or any earlier one. */
  minEngagements: nonNegInt.default(0),
  /** Activities (tasks, events) logged in the period. */
  minActivities: nonNegInt.default(0),
  /** Completeness_Score__c of the period (0–100); ignored when the user has no scored records. */
  minCompleteness: pct.default(0),
  /** Share of open deals not STALE (0–100); ignored when the user has no open deals. */
  minFreshPct: pct.default(0),
  /** Coaching acted on in the period: data-shown fixes, feedback, agendas prepared. */
  minCoachingActs: nonNegInt.default(0),
  /** Consecutive periods at the Acceptance standard, this one included. */
  minSteadyPeriods: nonNegInt.default(0)
});
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a date as YYYY-MM-DD' });
const titlePattern = z.strictObject({ value: name, patterns: z.array(z.string().min(1)).min(1) });
const sobject = z.enum(SOBJECT_NAMES);

/** Per flag: the coaching question's label, and the weight the agenda ranks by (amount × sum). */
const flagDefs = keyed<RiskFlag, z.ZodType<{ questionLabel: string; weight: number }>>(
  RISK_FLAGS,
  z.strictObject({ questionLabel: label, weight: posInt })
);

export const coachingConfigSchema = z.strictObject({
  version: z.literal(1),
  periodDays: posInt,
  winRateWindowDays: posInt,
  /**
   * The rollout's audience, scored and counted in the tipping point: the holders of any of these
   * permission sets (API names), the users of these profiles (names) and of these roles (API
   * names). Absent: the holders of Adoption_Coach_Rep and Adoption_Coach_Manager.
   */
  audience: z
    .strictObject({
      permissionSets: z.array(apiName).optional(),
      profiles: z.array(z.string().trim().min(1).max(255)).optional(),
      roles: z.array(apiName).optional()
    })
    .refine(
      (a) =>
        (a.permissionSets ?? []).length + (a.profiles ?? []).length + (a.roles ?? []).length > 0,
      { error: 'at least one permission set, profile or role' }
    )
    .optional(),
  /** Share of the audience at Involvement or Commitment that marks the tipping point (%). */
  tippingPointTargetPct: pct,
  /**
   * The sponsor's scorecard: the weight of each part in the overall score (people: the tipping
   * point; process: completeness; technology: the share of users logging activity).
   */
  scorecardWeights: z.strictObject({
    people: nonNegInt,
    process: nonNegInt,
    technology: nonNegInt
  }),
  objects: z.strictObject({
    Opportunity: objectRules,
    Account: objectRules,
    Contact: objectRules,
    Lead: objectRules
  }),
  risk: z.strictObject({
    staleAfterDays: nonNegInt,
    /**
     * PUSHED once the deal has been pushed this many times. A push is Salesforce's PushCount: the
     * close date moved into a later month. Moving a close date that had already passed is a
     * re-forecast, not a push, unless `reforecastIsPush` is true.
     */
    pushedAfter: posInt,
    /** Count a re-forecast of a past close date as a push (default false; see pushedAfter). */
    reforecastIsPush: z.boolean().optional(),
    daysInStageLimits: z.record(z.string(), posInt),
    decisionMakerRoles: z.array(name),
    decisionMakerSeniorities: z.array(name),
    flags: flagDefs
  }),
  ladder: z.strictObject({
    dropAfterPeriods: posInt,
    /** First day of the rollout ('YYYY-MM-DD'); logins before it are not Awareness evidence. */
    rolloutStart: isoDay.optional(),
    /** Evidence per rung above Awareness (Awareness asks none: the whole audience stands on it). */
    criteria: z.strictObject({
      Understanding: rung,
      Acceptance: rung,
      Involvement: rung,
      Commitment: rung
    }),
    tips: keyed<AdoptionStage, typeof label>(ADOPTION_STAGES, label),
    /** Label name of the tip for each rung, written to the rep (shown on the rep's own pages). */
    repTips: keyed<AdoptionStage, typeof label>(ADOPTION_STAGES, label)
  }),
  nudges: z.strictObject({
    budgetPerDay: nonNegInt,
    reshowDays: z.array(posInt),
    permanentDismissReasons: z.array(name),
    fixedQuietDays: nonNegInt,
    catalogue: z.array(
      z.strictObject({
        key: z
          .string()
          .max(40)
          .regex(KEY_RE, { error: 'a key of letters, digits and underscores' }),
        object: sobject,
        condition: z.union([
          z.strictObject({ rules: z.array(z.string()).min(1) }),
          z.strictObject({ flag: riskFlag })
        ]),
        label,
        /** The WIIFM statement whose figures say why; `benefitLabel` says it when none are at hand. */
        wiifm: z.string().optional(),
        benefitLabel: label,
        priority: z.number().int().min(0).max(1000)
      })
    )
  }),
  wiifm: z.strictObject({
    minSample: posInt,
    completeThreshold: pct,
    scopeLabels: z.strictObject({ rep: label, team: label, org: label }),
    statements: z.array(
      z.strictObject({
        id: z.string().regex(KEY_RE),
        evidence: z.enum(EVIDENCE_KINDS),
        label
      })
    )
  }),
  titles: z.strictObject({
    functions: z.array(titlePattern),
    seniorities: z.array(titlePattern)
  }),
  agenda: z.strictObject({ maxDeals: posInt }),
  messages: messagesSchema,
  recognition: z.strictObject({
    minCompletenessGain: posInt,
    minStreakPeriods: posInt,
    labels: z.strictObject({
      completenessUp: label,
      activityStreak: label,
      stageUp: label,
      mostImproved: label
    })
  }),
  governance: governanceSchema.optional()
});

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as string];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array ${show(v)}`;
  if (typeof v === 'object') return `an object ${show(v)}`;
  return `${typeof v} ${show(v)}`;
}

type ZIssue = z.core.$ZodIssue;

function expectedOf(issue: ZIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `a value of type ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small': {
      const op = issue.inclusive === false ? '>' : '≥';
      if (issue.origin === 'array') return `at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return `a text of at least ${issue.minimum} character(s)`;
      return `a number ${op} ${issue.minimum}`;
    }
    case 'too_big': {
      const op = issue.inclusive === false ? '<' : '≤';
      if (issue.origin === 'array') return `at most ${issue.maximum} item(s)`;
      if (issue.origin === 'string') return `a text of at most ${issue.maximum} character(s)`;
      return `a number ${op} ${issue.maximum}`;
    }
    case 'invalid_format':
      if (!issue.message.startsWith('Invalid')) return issue.message;
      return issue.format === 'regex' && 'pattern' in issue
        ? `a text matching ${String(issue.pattern)}`
        : `a valid ${issue.format}`;
    case 'invalid_union':
      {
        const options = (issue as { options?: unknown }).options;
        if (Array.isArray(options))
          return `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
      }
      return 'one of the allowed forms (see README, Configuration)';
    default:
      return issue.message;
  }
}

function fromZod(input: unknown, issues: readonly ZIssue[]): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          path: formatPath([...issue.path, key]),
          expected: 'a known key (this one is misspelt or not supported)',
          found: show(valueAt(input, [...issue.path, key]))
        });
      }
      continue;
    }
    if (issue.code === 'invalid_type' && issue.expected === 'number') {
      const v = valueAt(input, issue.path);
      out.push({ path: formatPath(issue.path), expected: 'a number', found: describe(v) });
      continue;
    }
    if (issue.code === 'invalid_type' && issue.expected === 'int') {
      out.push({
        path: formatPath(issue.path),
        expected: 'a whole number',
        found: describe(valueAt(input, issue.path))
      });
      continue;
    }
    const v = valueAt(input, issue.path);
    out.push({
      path: formatPath(issue.path),
      expected: expectedOf(issue),
      found: issue.code === 'invalid_type' ? describe(v) : show(v)
    });
  }
  return out;
}

/** The governance section's checks, with the rules and nudges of the rest of the config. */
/** Validates parsed JSON as a coaching config: the config, or every problem with its path. */
export function validateConfig(input: unknown): ConfigValidation {
  const parsed = coachingConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZod(input, parsed.error.issues) };
  const config: CoachingConfig = parsed.data;
  const issues = crossChecks(config);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config };
}
