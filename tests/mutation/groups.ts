// Which tests kill which modules' mutants, for `npm run test:mutation` (tests/mutation/run.ts).
// Each group is one Stryker run: its modules (paths under scripts/<step>/) mutated, its test
// files (under tests/<step>/, without `.test.ts`) run. A mutant runs only the tests of its group
// that cover it; a test that reaches it from another group is not run for it, so each module's
// score is a lower bound. Every module of scripts/engine and scripts/sync is in one group (a
// test in tests/mutation/groups.test.ts checks it), except those holding only types or exports.

export type Step = 'engine' | 'sync';

/** One Stryker run: the modules it mutates and the tests it runs. */
export interface Group {
  modules: string[];
  tests: string[];
}

export interface MutantCounts {
  killed: number;
  survived: number;
  noCoverage: number;
}

export const GROUPS: Record<Step, Group[]> = {
  engine: [
    { modules: ['dates'], tests: ['dates'] },
    { modules: ['values'], tests: ['values'] },
    { modules: ['compiled', 'freeze'], tests: ['compiled'] },
    { modules: ['titles'], tests: ['titles'] },
    { modules: ['wiifm'], tests: ['wiifm'] },
    { modules: ['nudges'], tests: ['nudges'] },
    { modules: ['agenda', 'records'], tests: ['agenda', 'records', 'records-decoders'] },
    { modules: ['config-labels', 'governance-labels'], tests: ['config-labels'] },
    {
      modules: ['config-schema', 'governance-schema'],
      tests: ['config', 'config-issues', 'checks', 'governance', 'governance-view']
    },
    { modules: ['config-checks', 'config-issue'], tests: ['checks', 'config-issues'] },
    { modules: ['completeness'], tests: ['completeness', 'completeness-checks'] },
    { modules: ['rollup'], tests: ['rollup', 'rollup-edges', 'scorecard'] },
    { modules: ['people'], tests: ['people', 'ladder', 'evidence'] },
    { modules: ['feedback'], tests: ['feedback'] },
    { modules: ['governance', 'training'], tests: ['governance', 'governance-view', 'training'] },
    { modules: ['risk'], tests: ['risk', 'risk-edges', 'insight'] },
    { modules: ['quick-wins'], tests: ['quick-wins'] },
    { modules: ['messages', 'messages-schema'], tests: ['messages', 'messages.edges'] },
    { modules: ['stage', 'constants'], tests: ['stage'] },
    { modules: ['browser-config'], tests: ['browser-config'] }
  ],
  sync: [
    { modules: ['plan'], tests: ['plan'] },
    { modules: ['join'], tests: ['join'] },
    { modules: ['replica'], tests: ['replica'] },
    { modules: ['spool'], tests: ['spool'] },
    { modules: ['rollups'], tests: ['rollups'] },
    { modules: ['texts'], tests: ['texts'] },
    { modules: ['progress'], tests: ['progress'] },
    { modules: ['report'], tests: ['report', 'report-render'] },
    { modules: ['command', 'cli'], tests: ['command'] },
    { modules: ['digest'], tests: ['digest'] },
    { modules: ['quick-wins'], tests: ['quick-wins'] },
    { modules: ['messages-run'], tests: ['digest', 'quick-wins'] },
    { modules: ['fields'], tests: ['fields', 'fixture'] },
    { modules: ['score'], tests: ['changed', 'fixture', 'trend', 'ladder'] },
    { modules: ['load'], tests: ['load-log', 'fixture', 'command'] },
    { modules: ['extract'], tests: ['fixture', 'stream', 'record-shapes'] },
    { modules: ['sync'], tests: ['fixture', 'backfill'] },
    { modules: ['write', 'org-rest'], tests: ['write', 'org-rest'] },
    { modules: ['api', 'pages'], tests: ['api', 'paging'] },
    { modules: ['governance', 'history'], tests: ['governance', 'governance-parts'] }
  ]
};

/** The score each step must reach, as in stryker.<step>.config.mjs (thresholds.break). */
export const THRESHOLDS: Record<Step, number> = { engine: 85, sync: 70 };

/** Killed (timed out included), survived and uncovered mutants of one file of a Stryker report. */
export function countFile(file: { mutants: readonly { status: string }[] }): MutantCounts {
  const c = { killed: 0, survived: 0, noCoverage: 0 };
  for (const m of file.mutants) {
    if (m.status === 'Killed' || m.status === 'Timeout') c.killed++;
    else if (m.status === 'Survived') c.survived++;
    else if (m.status === 'NoCoverage') c.noCoverage++;
  }
  return c;
}

/** Stryker's mutation score: killed ÷ (killed + survived + uncovered), in %; null with none. */
export function score({ killed, survived, noCoverage }: MutantCounts): number | null {
  const all = killed + survived + noCoverage;
  return all === 0 ? null : (100 * killed) / all;
}
