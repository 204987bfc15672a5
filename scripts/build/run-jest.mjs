#!/usr/bin/env node
// Runs jest and ends with a plain "N passed, N failed, N skipped" line. With
// ADOPTION_COACH_TEST_TOTALS set, also appends "passed failed skipped" to that file (read by
// scripts/build/run-tests.mjs, which prints the closing line of `npm test`).
// Usage: node scripts/build/run-jest.mjs [jest args...]
//
// The tools the tests need (tools/<name>, see scripts/build/tools.mjs) are installed first, once:
// jest itself (tools/test) for every run; the Salesforce CLI, Code Analyzer, TypeScript (the size
// check) and the platform's LWC compiler for the unit tests, playwright-core for the browser tests.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureTool, toolDir } from './tools.mjs';

const args = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'adoption-coach-jest-'));
const output = join(dir, 'results.json');

const jestBin = join(toolDir('test'), 'node_modules', 'jest', 'bin', 'jest.js');
const config = args.includes('--config') ? [] : ['--config', 'jest.config.js'];
const configFile = args.includes('--config')
  ? args[args.indexOf('--config') + 1]
  : 'jest.config.js';
const TOOLS_BY_CONFIG = {
  'jest.config.js': ['sf-cli', 'analyzer', 'lint', 'lwc-compiler'],
  'tests/e2e/jest.config.js': ['browser']
};
try {
  ensureTool('test');
  for (const tool of TOOLS_BY_CONFIG[configFile.replace(/^\.\//, '')] ?? []) ensureTool(tool);
} catch (e) {
  // Counted as a failed run: the tests that need the tool cannot run without it.
  console.error(e.message);
}
const run = spawnSync(
  process.execPath,
  [jestBin, ...config, '--json', `--outputFile=${output}`, ...args],
  { stdio: 'inherit' }
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(output)) {
  const results = JSON.parse(readFileSync(output, 'utf8'));
  passed = results.numPassedTests;
  // A suite that failed to load counts as a failure even though none of its tests ran.
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  skipped = results.numPendingTests + results.numTodoTests;
  // Skipped tests are named by file and outer block, whose title says why (e.g. a dataset to set).
  const blocks = new Map();
  for (const file of results.testResults) {
    for (const t of file.assertionResults) {
      if (t.status !== 'pending' && t.status !== 'todo') continue;
      const key = `${relative(process.cwd(), file.name)}: ${t.ancestorTitles[0] ?? t.title}`;
      blocks.set(key, (blocks.get(key) ?? 0) + 1);
    }
  }
  for (const [block, n] of blocks) console.log(`skipped ${n} in ${block}`);
} else {
  failed = 1;
}
rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (process.env.ADOPTION_COACH_TEST_TOTALS) {
  appendFileSync(process.env.ADOPTION_COACH_TEST_TOTALS, `${passed} ${failed} ${skipped}\n`);
}
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
