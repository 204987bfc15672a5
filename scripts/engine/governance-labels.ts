/** The custom labels the config's governance section names (no imports: constants.ts uses it). */
import type { GovernanceConfig } from './governance-schema';

/** Every custom label the governance section names, with its path. */
export function governanceLabels(
  g: GovernanceConfig
): { path: (string | number)[]; label: string }[] {
  const out: { path: (string | number)[]; label: string }[] = [];
  g.objectives.forEach((o, i) => {
    out.push({ path: ['governance', 'objectives', i, 'label'], label: o.label });
    o.behaviours.forEach((b, j) => {
      const at = ['governance', 'objectives', i, 'behaviours', j];
      out.push({ path: [...at, 'label'], label: b.label });
      b.measures.forEach((m, k) =>
        out.push({ path: [...at, 'measures', k, 'recognition'], label: m.recognition })
      );
    });
  });
  g.training.paths.forEach((p, i) =>
    out.push({ path: ['governance', 'training', 'paths', i, 'label'], label: p.label })
  );
  return out;
}
