/**
 * The `governance` section of the coaching config: the governance cadence, the objective map
 * (objectives → behaviours → measures → recognition) and the training paths. The zod schema and
 * the checks across the config that zod alone cannot make (a behaviour without a measure, two
 * measures that work against each other, references to rules, flags and nudges). Build time and
 * sync only: the browser bundle imports the inferred types, never this module's code.
 */
import { z } from 'zod';
import { RISK_FLAGS } from './constants';

const KEY_RE = /^[A-Za-z][A-Za-z0-9_]*$/;
const LABEL_RE = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;

const key = z.string().max(40).regex(KEY_RE, { error: 'a key of letters, digits and underscores' });
const label = z.string().max(80).regex(LABEL_RE, {
  error: 'a custom label API name (a letter, then letters, digits and single underscores)'
});
const posInt = z.number().int().positive();
const riskFlag = z.enum(RISK_FLAGS);
/** Trailhead or the org's own learning system: an absolute https address. */
const httpsUrl = z.url({ protocol: /^https$/, error: 'an https:// address' });

/**
 * A measure: this week's share of open deals that meet a completeness rule of Opportunity
 * (`rule`) or do not carry a risk flag (`flag`), and the recognition earned at `targetPct`.
 */
const measure = z.union([
  z.strictObject({
    id: key,
    rule: z.string().min(1),
    targetPct: z.number().min(0).max(100),
    recognition: label
  }),
  z.strictObject({
    id: key,
    flag: riskFlag,
    targetPct: z.number().min(0).max(100),
    recognition: label
  })
]);

const behaviour = z.strictObject({ id: key, label, measures: z.array(measure) });
const objective = z.strictObject({ id: key, label, behaviours: z.array(behaviour).min(1) });

const trainingPath = z.strictObject({
  key,
  label,
  url: httpsUrl,
  /** Nudge keys whose "I don't know how" answer offers this path. */
  nudges: z.array(z.string().min(1)).optional()
});

const upperRungs = ['Understanding', 'Acceptance', 'Involvement', 'Commitment'] as const;

export const governanceSchema = z.strictObject({
  /** Longest gap between two governance meetings before the page warns (a quarter: 91). */
  meetingEveryDays: posInt,
  /** Window of a manager's coaching cadence (1:1s held in the last N days). */
  coachingWindowDays: posInt,
  objectives: z.array(objective),
  training: z.strictObject({
    paths: z.array(trainingPath),
    /** Rung a rep dropped from → the key of the path that rebuilds it. */
    remedial: z.partialRecord(z.enum(upperRungs), key),
    /** The path offered to a user created in the last `newHireDays` days. */
    newHire: key,
    newHireDays: posInt
  })
});

export type GovernanceConfig = z.infer<typeof governanceSchema>;
export type ObjectiveMeasure = z.infer<typeof measure>;
export type TrainingPath = z.infer<typeof trainingPath>;

/** One problem found by the checks, in the shape of the config check's issues. */
export interface GovernanceIssue {
  path: (string | number)[];
  expected: string;
  found: unknown;
}

/** What the rest of the config offers to refer to. */
export interface GovernanceRefs {
  /** Rule id → its object, type, field and check (for `valid` rules). */
  rules: ReadonlyMap<string, { object: string; type: string; field: string; check?: string }>;
  nudgeKeys: ReadonlySet<string>;
}

/**
 * Whether meeting a measure means moving a deal's close date later. The engine counts a close
 * date moved later as a push (risk.ts, pushCount), so such a measure works against a measure
 * of pushed deals: a rep who clears a past-due date to meet the first adds a push to the second.
 */
function movesCloseDateLater(m: ObjectiveMeasure, refs: GovernanceRefs): boolean {
  if ('flag' in m) return m.flag === 'PAST_DUE';
  const rule = refs.rules.get(m.rule);
  return (
    rule !== undefined &&
    rule.object === 'Opportunity' &&
    rule.field === 'CloseDate' &&
    rule.type === 'valid' &&
    rule.check === 'notInPast'
  );
}

const countsPushes = (m: ObjectiveMeasure) => 'flag' in m && m.flag === 'PUSHED';

/**
 * The governance section's checks across the config: every behaviour has a measure, ids are
 * unique, a measure names a rule of Opportunity, no two measures conflict (one's fix raises
 * what the other counts against), training paths and nudges exist.
 */
export function governanceChecks(g: GovernanceConfig, refs: GovernanceRefs): GovernanceIssue[] {
  const issues: GovernanceIssue[] = [];
  const add = (path: (string | number)[], expected: string, found: unknown) =>
    issues.push({ path: ['governance', ...path], expected, found });
  const seen = new Map<string, string>();
  /** `what`: the kind with its article ('an objective'), as the message words it. */
  const unique = (path: (string | number)[], what: string, id: string) => {
    if (seen.has(`${what}:${id}`)) add(path, `${what} id used only once`, id);
    seen.set(`${what}:${id}`, id);
  };
  const measures: { m: ObjectiveMeasure; path: (string | number)[] }[] = [];
  g.objectives.forEach((o, i) => {
    unique(['objectives', i, 'id'], 'an objective', o.id);
    o.behaviours.forEach((b, j) => {
      const at = ['objectives', i, 'behaviours', j];
      unique([...at, 'id'], 'a behaviour', b.id);
      if (b.measures.length === 0) {
        add([...at, 'measures'], `at least one measure for behaviour "${b.id}"`, b.measures);
      }
      b.measures.forEach((m, k) => {
        const path = [...at, 'measures', k];
        unique([...path, 'id'], 'a measure', m.id);
        measures.push({ m, path });
        if ('rule' in m) {
          const rule = refs.rules.get(m.rule);
          if (rule === undefined) add([...path, 'rule'], 'the id of a rule under objects', m.rule);
          else if (rule.object !== 'Opportunity') {
            add(
              [...path, 'rule'],
              `a rule of Opportunity (measures count open deals; this rule belongs to ${rule.object})`,
              m.rule
            );
          }
        }
      });
    });
  });
  for (const a of measures) {
    if (!movesCloseDateLater(a.m, refs)) continue;
    for (const b of measures) {
      if (!countsPushes(b.m)) continue;
      add(
        [...b.path, 'flag'],
        `no measure that conflicts with measure "${a.m.id}": meeting "${a.m.id}" moves close dates later, which "${b.m.id}" counts as pushed deals`,
        'PUSHED'
      );
    }
  }
  const paths = new Set<string>();
  g.training.paths.forEach((p, i) => {
    if (paths.has(p.key)) add(['training', 'paths', i, 'key'], 'a path key used only once', p.key);
    paths.add(p.key);
    p.nudges?.forEach((n, j) => {
      if (!refs.nudgeKeys.has(n))
        add(['training', 'paths', i, 'nudges', j], 'the key of a nudge in nudges.catalogue', n);
    });
  });
  const known = `one of the training paths: ${[...paths].join(', ')}`;
  for (const [rung, k] of Object.entries(g.training.remedial)) {
    if (k !== undefined && !paths.has(k)) add(['training', 'remedial', rung], known, k);
  }
  if (!paths.has(g.training.newHire)) add(['training', 'newHire'], known, g.training.newHire);
  return issues;
}
