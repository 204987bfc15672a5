/**
 * Reads, parses and validates config/coaching.config.json (Node only: the engine itself does
 * no I/O). Used by the engine build and by the sync.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { CoachingConfig } from '../engine/config-types';
import { labelReferences } from '../engine/config-labels';
import { formatIssues, validateConfig, type ConfigIssue } from '../engine/config-schema';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_CONFIG_FILE = resolve(PROJECT_ROOT, 'config', 'coaching.config.json');
/** The project's metadata source, force-app/main/default. */
export const FORCE_APP_DEFAULT = resolve(PROJECT_ROOT, 'force-app', 'main', 'default');
export const DEFAULT_LABELS_FILE = resolve(
  FORCE_APP_DEFAULT,
  'labels',
  'CustomLabels.labels-meta.xml'
);

/** A config that was refused: every problem, each with its JSON path. */
export interface ConfigError extends Error {
  name: 'ConfigError';
  file: string;
  issues: ConfigIssue[];
}

// A factory rather than a class with fields: the LWC jest transform turns class fields into
// `lwc` decorator registrations, which cannot load in the node test environment.
/** A ConfigError for `file` listing `issues`. */
export function configError(file: string, issues: ConfigIssue[]): ConfigError {
  const e = new Error(
    `${file}: ${issues.length} problem(s)\n${formatIssues(issues)}`
  ) as ConfigError;
  e.name = 'ConfigError';
  e.file = file;
  e.issues = issues;
  return e;
}

/** True for an error thrown by loadConfigFile because the config was refused. */
export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof Error && e.name === 'ConfigError' && Array.isArray((e as ConfigError).issues);
}

export interface LoadConfigOptions {
  /** Custom labels file to check every referenced label against; null skips the check. */
  labelsFile?: string | null;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Custom labels of a CustomLabels.labels-meta.xml file: API name → value. */
export function readLabels(labelsFile: string): Map<string, string> {
  const xml = readFileSync(labelsFile, 'utf8');
  const doc = new XMLParser({ isArray: (n) => n === 'labels' }).parse(xml) as {
    CustomLabels?: { labels?: { fullName?: unknown; value?: unknown }[] };
  };
  const labels = new Map<string, string>();
  for (const l of doc.CustomLabels?.labels ?? []) {
    if (typeof l.fullName === 'string') labels.set(l.fullName, String(l.value ?? ''));
  }
  return labels;
}

/** Custom label API names defined in a CustomLabels.labels-meta.xml file. */
export function readLabelNames(labelsFile: string): Set<string> {
  return new Set(readLabels(labelsFile).keys());
}

/**
 * Loads and validates a config file. Throws ConfigError listing every problem (unreadable file,
 * JSON syntax with line and column, schema and cross-reference problems with their JSON path,
 * labels missing from the labels file).
 */
export function loadConfigFile(
  file: string = DEFAULT_CONFIG_FILE,
  options: LoadConfigOptions = {}
): CoachingConfig {
  const shown = relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw configError(shown, [
      { path: '(root)', expected: 'a readable JSON file', found: (e as Error).message }
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    const where = m ? ` at ${lineAndColumn(text, Number(m[1]))}` : '';
    throw configError(shown, [
      { path: '(root)', expected: 'valid JSON', found: `a syntax error${where}: ${message}` }
    ]);
  }
  const result = validateConfig(json);
  if (!result.ok) throw configError(shown, result.issues);
  const labelsFile = options.labelsFile === undefined ? DEFAULT_LABELS_FILE : options.labelsFile;
  if (labelsFile !== null) {
    const labelsShown = relative(PROJECT_ROOT, labelsFile) || labelsFile;
    if (!existsSync(labelsFile)) {
      throw configError(shown, [
        { path: '(root)', expected: `a labels file at ${labelsShown}`, found: 'nothing' }
      ]);
    }
    const names = readLabelNames(labelsFile);
    const missing = labelReferences(result.config)
      .filter((r) => !names.has(r.label))
      .map((r) => ({
        path: r.path,
        expected: `a custom label defined in ${labelsShown}`,
        found: JSON.stringify(r.label)
      }));
    if (missing.length > 0) throw configError(shown, missing);
  }
  return result.config;
}
