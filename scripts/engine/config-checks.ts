/**
 * The checks across parts of a structurally valid coaching config: references between its
 * parts, uniqueness of ids and keys, stage order, and metrics that would conflict.
 */
import type { CoachingConfig, SObjectName } from './config-types';
import { type ConfigIssue, type Path, formatPath, show } from './config-issue';
import { ADOPTION_STAGES, SOBJECT_NAMES, type AdoptionStage } from './constants';
import { governanceChecks } from './governance-schema';

function governanceIssues(config: CoachingConfig): ConfigIssue[] {
  if (!config.governance) return [];
  const rules = new Map<string, { object: string; type: string; field: string; check?: string }>();
  for (const object of SOBJECT_NAMES) {
    for (const r of config.objects[object].rules) {
      if (!rules.has(r.id))
        rules.set(r.id, {
          object,
          type: r.type,
          field: r.field,
          check: 'check' in r ? r.check : undefined
        });
    }
  }
  const nudgeKeys = new Set(config.nudges.catalogue.map((n) => n.key));
  return governanceChecks(config.governance, { rules, nudgeKeys }).map((i) => ({
    path: formatPath(i.path),
    expected: i.expected,
    found: show(i.found)
  }));
}

/** Records one issue: where, what was expected, what was found. */
type AddIssue = (path: Path, expected: string, found: unknown) => void;

/**
 * Each object's stages (unique names, a stage field) and rules (unique ids, a fromStage that
 * is a stage, values only with oneOf). Returns every rule id with the object it belongs to.
 */
function objectIssues(config: CoachingConfig, add: AddIssue): Map<string, SObjectName> {
  const ruleObject = new Map<string, SObjectName>();
  for (const objectName of SOBJECT_NAMES) {
    const obj = config.objects[objectName];
    const stageNames = new Set<string>();
    obj.stages?.forEach((s, i) => {
      if (stageNames.has(s.name)) {
        add(['objects', objectName, 'stages', i, 'name'], 'a stage name not listed before', s.name);
      }
      stageNames.add(s.name);
    });
    if (obj.stages && !obj.stageField) {
      add(
        ['objects', objectName, 'stageField'],
        'the stage field API name (stages are listed)',
        undefined
      );
    }
    obj.rules.forEach((r, i) => {
      const at = ['objects', objectName, 'rules', i];
      if (ruleObject.has(r.id)) add([...at, 'id'], 'a rule id used only once in the config', r.id);
      ruleObject.set(r.id, objectName);
      if (r.type === 'requiredFromStage') {
        if (!obj.stages || !obj.stageField) {
          add(
            [...at, 'type'],
            `a rule type other than requiredFromStage (${objectName} has no stages)`,
            r.type
          );
        } else if (!stageNames.has(r.fromStage)) {
          add(
            [...at, 'fromStage'],
            `one of the stages of ${objectName}: ${[...stageNames].join(', ')}`,
            r.fromStage
          );
        }
      }
      if (r.type === 'valid' && r.check === 'oneOf' && !r.values) {
        add([...at, 'values'], 'the list of allowed values for check "oneOf"', undefined);
      }
      if (r.type === 'valid' && r.check !== 'oneOf' && r.values) {
        add([...at, 'values'], 'no values (only check "oneOf" takes values)', r.values);
      }
    });
  }
  return ruleObject;
}

/** Days-in-stage limits name open Opportunity stages only. */
function stageLimitIssues(config: CoachingConfig, add: AddIssue): void {
  const oppStages = config.objects.Opportunity.stages ?? [];
  const openStages = new Set(oppStages.filter((s) => !s.closed).map((s) => s.name));
  for (const stage of Object.keys(config.risk.daysInStageLimits)) {
    if (!openStages.has(stage)) {
      add(
        ['risk', 'daysInStageLimits', stage],
        `an open Opportunity stage: ${[...openStages].join(', ')}`,
        stage
      );
    }
  }
}

/** Every rung above Awareness asks for some evidence. */
function ladderIssues(config: CoachingConfig, add: AddIssue): void {
  for (const stage of ADOPTION_STAGES.slice(1) as Exclude<AdoptionStage, 'Awareness'>[]) {
    const c = config.ladder.criteria[stage];
    const asks = Object.values(c).some((v) => v === true || (typeof v === 'number' && v > 0));
    if (!asks) {
      add(
        ['ladder', 'criteria', stage],
        'at least one piece of evidence (a rung that asks nothing is not earned)',
        'only 0 and false'
      );
    }
  }
}

/** The ids of the WIIFM statements, each reported when used twice. */
function statementIdIssues(config: CoachingConfig, add: AddIssue): Set<string> {
  const statementIds = new Set<string>();
  config.wiifm.statements.forEach((s, i) => {
    if (statementIds.has(s.id))
      add(['wiifm', 'statements', i, 'id'], 'a statement id used only once', s.id);
    statementIds.add(s.id);
  });
  return statementIds;
}

/**
 * Each nudge: a unique key, rules of its own object (or a risk flag on an opportunity), and a
 * WIIFM statement that exists.
 */
function nudgeIssues(
  config: CoachingConfig,
  ruleObject: Map<string, SObjectName>,
  statementIds: Set<string>,
  add: AddIssue
): void {
  const keys = new Set<string>();
  config.nudges.catalogue.forEach((n, i) => {
    const at = ['nudges', 'catalogue', i];
    if (keys.has(n.key)) add([...at, 'key'], 'a nudge key used only once', n.key);
    keys.add(n.key);
    if ('rules' in n.condition) {
      n.condition.rules.forEach((id, j) => {
        const owner = ruleObject.get(id);
        if (owner === undefined)
          add([...at, 'condition', 'rules', j], 'the id of a rule defined under objects', id);
        else if (owner !== n.object)
          add(
            [...at, 'condition', 'rules', j],
            `a rule of ${n.object} (this rule belongs to ${owner})`,
            id
          );
      });
    } else if (n.object !== 'Opportunity') {
      add(
        [...at, 'object'],
        '"Opportunity" (risk flags are raised on opportunities only)',
        n.object
      );
    }
    if (n.wiifm !== undefined && !statementIds.has(n.wiifm)) {
      add(
        [...at, 'wiifm'],
        `the id of a statement under wiifm.statements: ${[...statementIds].join(', ')}`,
        n.wiifm
      );
    }
  });
}

/** Every title pattern is a valid regular expression. */
function titlePatternIssues(config: CoachingConfig, add: AddIssue): void {
  for (const part of ['functions', 'seniorities'] as const) {
    config.titles[part].forEach((t, i) =>
      t.patterns.forEach((p, j) => {
        try {
          new RegExp(p, 'i');
        } catch (e) {
          add(
            ['titles', part, i, 'patterns', j],
            `a valid regular expression (${(e as Error).message})`,
            p
          );
        }
      })
    );
  }
}

/** Checks across parts of a structurally valid config (references, uniqueness, order). */
export function crossChecks(config: CoachingConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add: AddIssue = (path, expected, found) =>
    issues.push({ path: formatPath(path), expected, found: show(found) });
  const ruleObject = objectIssues(config, add);
  stageLimitIssues(config, add);
  ladderIssues(config, add);
  const statementIds = statementIdIssues(config, add);
  nudgeIssues(config, ruleObject, statementIds, add);
  issues.push(...conflictingFixes(config));
  titlePatternIssues(config, add);
  issues.push(...governanceIssues(config));
  return issues;
}

/**
 * No conflicting metrics: a nudge's fix must never raise a risk flag or move a deal out of the
 * favoured group of a WIIFM figure. The one fix that can is moving a close date later: when
 * risk.reforecastIsPush counts a re-forecast of a past close date as a push, a nudge whose fix
 * sets a new close date (a completeness rule on CloseDate, or the PAST_DUE flag) raises PUSHED
 * and takes the deal out of the "never pushed" group of the notPushed evidence.
 */
function conflictingFixes(config: CoachingConfig): ConfigIssue[] {
  if (config.risk.reforecastIsPush !== true) return [];
  const closeDateRules = new Set(
    config.objects.Opportunity.rules.filter((r) => r.field === 'CloseDate').map((r) => r.id)
  );
  const groups = config.wiifm.statements
    .filter((s) => s.evidence === 'notPushed')
    .map((s) => `"${s.id}"`);
  const out: ConfigIssue[] = [];
  config.nudges.catalogue.forEach((n, i) => {
    if (n.object !== 'Opportunity') return;
    const movesCloseDate =
      'rules' in n.condition
        ? n.condition.rules.some((id) => closeDateRules.has(id))
        : n.condition.flag === 'PAST_DUE';
    if (!movesCloseDate) return;
    const lowers = groups.length === 0 ? '' : ` and lowers the WIIFM group ${groups.join(', ')}`;
    out.push({
      path: formatPath(['nudges', 'catalogue', i]),
      expected:
        `a nudge whose fix raises no risk flag: the fix of ${n.key} moves a past close date ` +
        `later, which raises the risk flag PUSHED while risk.reforecastIsPush is true${lowers}`,
      found: show(n.key)
    });
  });
  return out;
}
