import { existsSync, readdirSync } from 'node:fs';
import { countFile, GROUPS, score, type Step } from './groups';

// Files that give no mutant: declarations of types only (index.ts and browser.ts re-export).
const NO_MUTANT: Record<string, string[]> = {
  engine: ['index', 'types', 'config-types', 'browser'],
  sync: []
};

describe('the mutation groups', () => {
  it.each(Object.keys(GROUPS))('put every %s module in exactly one group', (step) => {
    const modules = readdirSync(`scripts/${step}`)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
      .filter((m) => !NO_MUTANT[step].includes(m))
      .sort();
    const grouped = GROUPS[step as Step].flatMap((g) => g.modules);
    expect([...grouped].sort()).toEqual(modules);
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it.each(Object.keys(GROUPS))('name only %s test files that exist', (step) => {
    const missing = GROUPS[step as Step]
      .flatMap((g) => g.tests)
      .filter((t) => !existsSync(`tests/${step}/${t}.test.ts`));
    expect(missing).toEqual([]);
  });
});

describe("the runner's score", () => {
  it('counts timed-out mutants as killed and leaves ignored and broken ones out', () => {
    const file = {
      mutants: [
        'Killed',
        'Killed',
        'Timeout',
        'Survived',
        'NoCoverage',
        'Ignored',
        'RuntimeError',
        'CompileError'
      ].map((status) => ({ status }))
    };
    const c = countFile(file);
    expect(c).toEqual({ killed: 3, survived: 1, noCoverage: 1 });
    expect(score(c)).toBe(60); // 3 ÷ (3 + 1 + 1)
    expect(score({ killed: 0, survived: 0, noCoverage: 0 })).toBeNull();
  });
});
