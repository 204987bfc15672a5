/**
 * The custom labels a config names, each with its JSON path: the build imports them into
 * c/coachLabels, and the config check refuses a name the labels file does not define.
 */
import type { CoachingConfig } from './config-types';
import { ADOPTION_STAGES, RISK_FLAGS } from './constants';
import { formatPath } from './config-issue';
import { governanceLabels } from './governance-labels';

/** Every custom label name the config refers to, sorted and without duplicates. */
export function referencedLabels(config: CoachingConfig): string[] {
  return [...new Set(labelReferences(config).map((r) => r.label))].sort();
}

/** Every custom label the config names, with its JSON path (to check them against the labels file). */
export function labelReferences(config: CoachingConfig): { path: string; label: string }[] {
  const refs: { path: string; label: string }[] = [];
  for (const f of RISK_FLAGS) {
    refs.push({
      path: formatPath(['risk', 'flags', f, 'questionLabel']),
      label: config.risk.flags[f].questionLabel
    });
  }
  for (const s of ADOPTION_STAGES) {
    refs.push({ path: formatPath(['ladder', 'tips', s]), label: config.ladder.tips[s] });
    refs.push({ path: formatPath(['ladder', 'repTips', s]), label: config.ladder.repTips[s] });
  }
  config.nudges.catalogue.forEach((n, i) => {
    refs.push({ path: formatPath(['nudges', 'catalogue', i, 'label']), label: n.label });
    refs.push({
      path: formatPath(['nudges', 'catalogue', i, 'benefitLabel']),
      label: n.benefitLabel
    });
  });
  config.wiifm.statements.forEach((s, i) =>
    refs.push({ path: formatPath(['wiifm', 'statements', i, 'label']), label: s.label })
  );
  for (const k of ['rep', 'team', 'org'] as const) {
    refs.push({
      path: formatPath(['wiifm', 'scopeLabels', k]),
      label: config.wiifm.scopeLabels[k]
    });
  }
  for (const [k, v] of Object.entries(config.recognition.labels)) {
    refs.push({ path: formatPath(['recognition', 'labels', k]), label: v });
  }
  if (config.governance) {
    for (const r of governanceLabels(config.governance))
      refs.push({ path: formatPath(r.path), label: r.label });
  }
  return refs;
}
