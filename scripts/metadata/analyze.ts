/**
 * Salesforce Code Analyzer v5 (the scanner of the AppExchange security review) over force-app and
 * scripts, with the engines that need no Java: ESLint (with Salesforce's LWC, SLDS and TypeScript
 * base configurations), RetireJS (JavaScript libraries with known vulnerabilities) and Regex.
 * The rules run are the engines' Recommended rules (what `sf code-analyzer run` selects by default)
 * plus every rule tagged Security. Prints the violations of severity 1 (Critical) and 2 (High),
 * then the count per severity; exits 1 when any violation of severity 1 or 2 is found.
 *
 * The project's own eslint.config.js is not used here (`npm run lint` runs it): the analyzer's
 * ESLint engine runs its own base configurations, as the security review does, plus the one
 * project convention in code-analyzer.eslint.config.mjs (a `_` name is unused on purpose).
 *
 * A false positive is suppressed in the source with a `code-analyzer-suppress(<engine>:<rule>)`
 * comment and the reason on the same line, and `code-analyzer-unsuppress(...)` right after it.
 *
 * Usage: tsx scripts/metadata/analyze.ts [project root]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type * as Core from '@salesforce/code-analyzer-core';
import type { LogEvent, RunResults } from '@salesforce/code-analyzer-core';
import type * as EslintEngine from '@salesforce/code-analyzer-eslint-engine';
import type * as RegexEngine from '@salesforce/code-analyzer-regex-engine';
import type * as RetireJsEngine from '@salesforce/code-analyzer-retirejs-engine';
import { toolRequire } from '../common/tools';

// Code Analyzer and its engines are a tool of their own (tools/analyzer), installed on first use.
const analyzerRequire = toolRequire('analyzer');
const { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel, SeverityLevel } = analyzerRequire(
  '@salesforce/code-analyzer-core'
) as typeof Core;
const eslintEngine = analyzerRequire(
  '@salesforce/code-analyzer-eslint-engine'
) as typeof EslintEngine;
const regexEngine = analyzerRequire('@salesforce/code-analyzer-regex-engine') as typeof RegexEngine;
const retireJsEngine = analyzerRequire(
  '@salesforce/code-analyzer-retirejs-engine'
) as typeof RetireJsEngine;

/** What is analysed, from the project root. */
export const TARGETS = ['force-app', 'scripts'];

const LEVELS = [
  SeverityLevel.Critical,
  SeverityLevel.High,
  SeverityLevel.Moderate,
  SeverityLevel.Low,
  SeverityLevel.Info
];

/** Rule selectors: Code Analyzer's default selection, plus every security rule. */
export const SELECTORS = ['Recommended', 'Security'];

/** Severities that fail the run: Critical (1) and High (2). */
export const BLOCKING = [SeverityLevel.Critical, SeverityLevel.High];

export interface AnalysisSummary {
  /** Violation count per severity level 1..5. */
  counts: Record<number, number>;
  /** The blocking violations, as `file:line engine:rule (severity) message`. */
  blocking: string[];
  engines: string[];
  rules: number;
}

/** Runs the SELECTORS rules of the three engines over `targets` of `root`. */
export async function analyze(rootArg: string, targets = TARGETS): Promise<AnalysisSummary> {
  const root = resolve(rootArg);
  const logs = mkdtempSync(join(tmpdir(), 'adoption-coach-analyzer-'));
  try {
    const config = CodeAnalyzerConfig.fromObject(
      {
        log_folder: logs,
        root_working_folder: logs,
        engines: {
          eslint: {
            auto_discover_eslint_config: false,
            eslint_config_file: join(__dirname, 'code-analyzer.eslint.config.mjs')
          }
        }
      },
      root
    );
    const analyzer = new CodeAnalyzer(config);
    const errors: string[] = [];
    analyzer.onEvent(EventType.LogEvent, (e: LogEvent) => {
      if (e.logLevel === LogLevel.Error) errors.push(e.message);
    });
    for (const engine of [eslintEngine, retireJsEngine, regexEngine])
      await analyzer.addEnginePlugin(engine.createEnginePlugin());
    const paths = targets.map((t) => join(root, t)).filter((p) => existsSync(p));
    if (!paths.length) throw new Error(`none of ${targets.join(', ')} exists in ${root}`);
    const workspace = await analyzer.createWorkspace(paths);
    const rules = await analyzer.selectRules(SELECTORS, { workspace });
    const results: RunResults = await analyzer.run(rules, { workspace });
    if (errors.length) throw new Error(`Code Analyzer reported errors:\n  ${errors.join('\n  ')}`);
    const counts: Record<number, number> = {};
    for (const level of LEVELS) counts[level] = results.getViolationCountOfSeverity(level);
    const blocking = results
      .getViolations()
      .filter((v) => BLOCKING.includes(v.getRule().getSeverityLevel()))
      .map((v) => {
        const at = v.getPrimaryLocation();
        const file = relative(root, at.getFile() ?? '')
          .split(sep)
          .join('/');
        const rule = v.getRule();
        return `${file}:${at.getStartLine() ?? 0} ${rule.getEngineName()}:${rule.getName()} (severity ${rule.getSeverityLevel()}) ${v.getMessage()}`;
      });
    return { counts, blocking, engines: results.getEngineNames(), rules: rules.getCount() };
  } finally {
    rmSync(logs, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const root = process.argv[2] ?? resolve(__dirname, '..', '..');
  const started = Date.now();
  analyze(root).then(
    (s) => {
      for (const line of s.blocking) process.stderr.write(`${line}\n`);
      const counts = LEVELS.map((l) => `${l} ${SeverityLevel[l]}: ${s.counts[l]}`).join(', ');
      process.stdout.write(
        `Code Analyzer (${s.engines.join(', ')}; ${s.rules} rules; ${TARGETS.join(', ')}; ${((Date.now() - started) / 1000).toFixed(1)} s): ${counts}\n`
      );
      process.exit(s.blocking.length ? 1 : 0);
    },
    (e: Error) => {
      process.stderr.write(`Code Analyzer did not run: ${e.message}\n`);
      process.exit(1);
    }
  );
}
