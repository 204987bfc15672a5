// npm run test:mutation [-- engine|sync] [-- --module <name>] [-- --report]
//
// Mutation testing of the engine and the sync, one Stryker run per group of tests/mutation/
// groups.ts, one after the other, all sharing the step's committed incremental file (so a
// rerun tests only the mutants whose code or tests changed). Each run's own output goes to
// reports/mutation-<step>.log; this prints one line per group, then each module's score and
// the step's, and exits non-zero when a step scores under its threshold or a run fails.
// --report runs nothing: it prints the figures the incremental files keep.
// Why groups rather than one run per step: with every engine test in one run, a mutant in
// dates.ts (which every test reaches) runs them all; on a 2-core machine a whole run of the
// engine takes hours, the groups minutes.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  countFile,
  GROUPS,
  score,
  THRESHOLDS,
  type Group,
  type MutantCounts,
  type Step
} from './groups';

const pct = (c: MutantCounts): string => {
  const s = score(c);
  return s === null ? 'n/a' : `${s.toFixed(1)} %`;
};

/** StrykerJS and jest are the test tool's (tools/test, installed by scripts/build/tools.mjs). */
const TEST_MODULES = resolve('tools', 'test', 'node_modules');

function runGroup(step: Step, group: Group, log: string): { ok: boolean; seconds: number } {
  const env = {
    ...process.env,
    // Stryker's jest runner looks jest up from the project folder, then from NODE_PATH.
    NODE_PATH: [TEST_MODULES, process.env.NODE_PATH].filter(Boolean).join(delimiter),
    MUTATE: group.modules.map((m) => `scripts/${step}/${m}.ts`).join(','),
    STRYKER_TESTS: group.tests.map((t) => `tests/${step}/${t}.test.ts`).join(','),
    // The step's threshold is checked here, over every module, not by each group's run.
    STRYKER_NO_BREAK: '1'
  };
  const started = Date.now();
  const r = spawnSync(
    join(TEST_MODULES, '.bin', 'stryker'),
    ['run', `stryker.${step}.config.mjs`],
    {
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 28
    }
  );
  appendFileSync(log, `\n==== ${group.modules.join(', ')}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return { ok: r.status === 0, seconds: (Date.now() - started) / 1000 };
}

/** The step's results as kept: every module's latest measured mutants. */
function report(step: Step): { files: Record<string, { mutants: { status: string }[] }> } {
  return JSON.parse(readFileSync(`reports/stryker-incremental-${step}.json`, 'utf8'));
}

/** Runs one step's groups; returns whether every run succeeded and the step met its threshold. */
function runStep(step: Step, only: string | undefined, reportOnly: boolean): boolean {
  const log = `reports/mutation-${step}.log`;
  if (!reportOnly) writeFileSync(log, '');
  const groups = reportOnly ? [] : GROUPS[step].filter((g) => !only || g.modules.includes(only));
  let ok = true;
  groups.forEach((group, i) => {
    const { ok: ran, seconds } = runGroup(step, group, log);
    const files = report(step).files;
    const parts = group.modules.map((m) => {
      const file = files[`scripts/${step}/${m}.ts`];
      return `${m}.ts ${file ? pct(countFile(file)) : 'no mutant'}`;
    });
    console.log(
      `${step} ${i + 1}/${groups.length}: ${parts.join(', ')} (${seconds.toFixed(0)} s)` +
        (ran ? '' : ` FAILED: see ${log}`)
    );
    ok &&= ran;
  });
  const files = report(step).files;
  const modules = GROUPS[step].flatMap((g) => g.modules).sort();
  const unmeasured = modules.filter((m) => !files[`scripts/${step}/${m}.ts`]);
  const rows = modules
    .filter((m) => files[`scripts/${step}/${m}.ts`])
    .map((m): [string, MutantCounts] => [`${m}.ts`, countFile(files[`scripts/${step}/${m}.ts`])])
    .filter(([, c]) => c.killed + c.survived + c.noCoverage > 0);
  const total: MutantCounts = { killed: 0, survived: 0, noCoverage: 0 };
  console.log(`\n${'module'.padEnd(22)} mutants  killed  survived  no cov.  score`);
  for (const [name, c] of rows) {
    total.killed += c.killed;
    total.survived += c.survived;
    total.noCoverage += c.noCoverage;
    const n = c.killed + c.survived + c.noCoverage;
    console.log(
      `${name.padEnd(22)} ${String(n).padStart(7)} ${String(c.killed).padStart(7)} ` +
        `${String(c.survived).padStart(9)} ${String(c.noCoverage).padStart(8)}  ${pct(c)}`
    );
  }
  if (unmeasured.length > 0) console.log(`not measured yet: ${unmeasured.join(', ')}`);
  const s = score(total);
  const met = unmeasured.length === 0 && s !== null && s >= THRESHOLDS[step];
  const all = total.killed + total.survived + total.noCoverage;
  console.log(
    `${step}: ${total.killed} of ${all} mutants killed over ${rows.length} modules: ${pct(total)}` +
      ` (threshold ${THRESHOLDS[step]} %: ${met ? 'met' : 'not met'})\n`
  );
  return ok && (only ? true : met);
}

{
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { module: { type: 'string' }, report: { type: 'boolean' } }
  });
  const steps = positionals.length > 0 ? positionals : Object.keys(GROUPS);
  const isStep = (s: string): s is Step => s in GROUPS;
  const unknown = steps.filter((s) => !isStep(s));
  if (unknown.length > 0) {
    console.error(`unknown step ${unknown.join(', ')}: expected engine or sync`);
    process.exit(2);
  }
  if (values.report !== true) {
    const tool = spawnSync(process.execPath, ['scripts/build/tools.mjs', 'test'], {
      stdio: 'inherit'
    });
    if (tool.status !== 0) process.exit(1);
  }
  let ok = true;
  for (const step of steps.filter(isStep)) {
    ok = runStep(step, values.module, values.report === true) && ok;
  }
  process.exit(ok ? 0 : 1);
}
