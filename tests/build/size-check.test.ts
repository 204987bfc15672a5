import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithBaseline, longFunctions } from '../../scripts/build/size-check';

/** `n` statement lines, each its own line. */
const body = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join('\n');

describe('size check: function lengths', () => {
  it('counts a function from its first to its last line, and only those over the limit', () => {
    // `function a() {` + 3 body lines + `}` = 5 lines; `b` is 1 + 6 + 1 = 8 lines.
    const text = `function a() {\n${body(3)}\n}\nfunction b() {\n${body(6)}\n}\n`;
    expect(longFunctions('x.ts', text, 5)).toEqual([
      { path: 'x.ts', line: 6, lines: 8, kind: 'function', name: 'b' }
    ]);
    expect(longFunctions('x.ts', text, 8)).toEqual([]);
  });

  it('names arrows by their variable and methods by their name, nested functions included', () => {
    // outer: line 1 `const outer = () => {`, line 2 `class K {`, line 3 `m() {`, 4 body lines
    // (lines 4-7), line 8 `}`, line 9 `}`, line 10 `};`: outer 10 lines, m 6 lines.
    const text = `const outer = () => {\nclass K {\nm() {\n${body(4)}\n}\n}\n};\n`;
    expect(longFunctions('x.ts', text, 5)).toEqual([
      { path: 'x.ts', line: 1, lines: 10, kind: 'function', name: 'outer' },
      { path: 'x.ts', line: 3, lines: 6, kind: 'function', name: 'm' }
    ]);
  });

  it("leaves out a describe block's callback but measures each test inside it", () => {
    // describe callback spans lines 1-9; the test's callback spans lines 2-8 (7 lines).
    const text = `describe('d', () => {\n  it('t', () => {\n${body(5)}\n  });\n});\n`;
    expect(longFunctions('x.test.ts', text, 6)).toEqual([
      { path: 'x.test.ts', line: 2, lines: 7, kind: 'function', name: "it('t') callback" }
    ]);
  });
});

describe('size check: the recorded debt only shrinks', () => {
  const offender = (name: string, lines: number) =>
    ({ path: 'a.ts', line: 1, lines, kind: 'function', name }) as const;

  it('passes a recorded offender within its size, fails one that grew or was never recorded', () => {
    const baseline = [{ path: 'a.ts', kind: 'function' as const, name: 'f', lines: 130 }];
    // f at 130 = recorded size: known; g is not recorded: failing.
    expect(compareWithBaseline([offender('f', 130), offender('g', 121)], baseline)).toEqual({
      failing: [offender('g', 121)],
      known: [offender('f', 130)],
      fixed: []
    });
    // f grew to 131 lines: failing, though recorded.
    expect(compareWithBaseline([offender('f', 131)], baseline).failing).toEqual([
      offender('f', 131)
    ]);
  });

  it('names a recorded entry that is no longer an offender', () => {
    const baseline = [{ path: 'a.ts', kind: 'function' as const, name: 'f', lines: 130 }];
    expect(compareWithBaseline([], baseline)).toEqual({ failing: [], known: [], fixed: baseline });
  });
});

describe('size check: the sync reads as its pipeline', () => {
  it('keeps runSync under 80 lines: plan, extract, score, load, report', () => {
    const path = 'scripts/sync/sync.ts';
    const text = readFileSync(join(__dirname, '..', '..', path), 'utf8');
    const runSync = (max: number) =>
      longFunctions(path, text, max).filter((o) => o.name === 'runSync');
    // Found at all (a rename would otherwise pass), and not over 79 lines.
    expect(runSync(10)).toHaveLength(1);
    expect(runSync(79)).toEqual([]);
  });
});
