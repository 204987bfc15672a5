/**
 * A problem in a coaching config, as the validation reports it: where (its JSON path), what
 * was expected and what was found.
 */

/** One problem in a config: where (JSON path), what was expected, what was found. */
export interface ConfigIssue {
  /** e.g. `objects.Opportunity.rules[2].weight` (`(root)` for the whole document). */
  path: string;
  expected: string;
  /** The offending value as JSON, or `nothing` when the key is absent. */
  found: string;
}

export type Path = readonly PropertyKey[];

/** `objects.Opportunity.rules[2].weight` from ['objects','Opportunity','rules',2,'weight']. */
export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) {
      out += out === '' ? p : `.${p}`;
    } else out += `[${JSON.stringify(String(p))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** A value as the issue shows it: JSON, cut at 120 characters; `nothing` when absent. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** One line per issue: `<path>: expected <expected>, found <found>`. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => `${i.path}: expected ${i.expected}, found ${i.found}`).join('\n');
}
