// Size check: no hand-written source file over 600 lines and no function over 120 lines.
//   npx tsx scripts/build/size-check.ts [--max-file-lines N] [--max-function-lines N] [--json]
//
// Hand-written source is every file git tracks with a code extension (.ts .js .mjs .cjs .html
// .css), less generated code (*.generated.ts, the engine bundle coachEngine.js, built static
// resources) and seed data (the demo org's records in scripts/local-org/seeds/demo.ts). A
// function is any function declaration, method, accessor, constructor, function expression or
// arrow function in a .ts/.js/.mjs/.cjs file, measured from its first to its last line with
// the TypeScript compiler's parser, nested functions included. The callback of a jest
// `describe` block is a group of tests rather than a function, so it is not measured (each
// test inside it is).
//
// Every offender is listed, then one summary line; exits 2 on bad usage. Offenders named in
// scripts/build/size-baseline.json (path, kind, name and the size they had when recorded) are
// the known debt still to split: they are listed as such and pass while they do not grow. The
// check exits 1 on any other offender, on a known one that grew, and on a baseline entry that
// is no longer an offender (so the list only ever shrinks).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type * as TS from 'typescript';
import { toolRequire } from '../common/tools';

const ROOT = resolve(__dirname, '..', '..');

// TypeScript's parser comes with the lint tool (tools/lint), installed on first use.
const ts = toolRequire('lint')('typescript') as typeof TS;

export const MAX_FILE_LINES = 600;
export const MAX_FUNCTION_LINES = 120;

const SOURCE_EXTENSIONS = /\.(ts|js|mjs|cjs|html|css)$/;
const SCRIPT_EXTENSIONS = /\.(ts|js|mjs|cjs)$/;

/** Generated code and seed data: paths (from the repository root) the check leaves out. */
const EXCLUDED: { test: (path: string) => boolean; why: string }[] = [
  { test: (p) => p.endsWith('.generated.ts'), why: 'generated' },
  {
    test: (p) => p === 'force-app/main/default/lwc/coachEngine/coachEngine.js',
    why: 'generated engine bundle'
  },
  { test: (p) => p.startsWith('force-app/main/default/staticresources/'), why: 'built resource' },
  { test: (p) => p === 'scripts/local-org/seeds/demo.ts', why: 'seed data' }
];

export interface Offender {
  path: string;
  line: number;
  lines: number;
  kind: 'file' | 'function';
  name: string;
}

/** The hand-written source files git tracks, relative to `root`. */
export function handWrittenFiles(root: string = ROOT): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  return out
    .split('\0')
    .filter((p) => p && SOURCE_EXTENSIONS.test(p))
    .filter((p) => !EXCLUDED.some((e) => e.test(p)));
}

function lineCount(text: string): number {
  if (text === '') return 0;
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/** True for the callback handed to `describe(...)`, `describe.each(...)(...)`, `describe.skip`. */
function isDescribeCallback(node: TS.Node): boolean {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(node as TS.Expression)) {
    return false;
  }
  let callee: TS.Expression = call.expression;
  for (;;) {
    if (ts.isCallExpression(callee)) callee = callee.expression;
    else if (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
    else if (ts.isTaggedTemplateExpression(callee)) callee = callee.tag;
    else break;
  }
  return ts.isIdentifier(callee) && callee.text === 'describe';
}

function functionName(node: TS.Node, source: TS.SourceFile): string {
  const named = node as TS.Node & { name?: TS.Node };
  if (named.name) return named.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText(source);
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(source);
  if (parent && ts.isCallExpression(parent)) {
    const first = parent.arguments[0];
    const callee = parent.expression.getText(source).slice(0, 40);
    return first && ts.isStringLiteralLike(first)
      ? `${callee}('${first.text.slice(0, 50)}') callback`
      : `${callee}(…) callback`;
  }
  return '(anonymous)';
}

/** Functions longer than `max` lines in one script's text. */
export function longFunctions(path: string, text: string, max: number): Offender[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: Offender[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) && (node as TS.FunctionLikeDeclaration).body) {
      if (!isDescribeCallback(node)) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const lines = end - start + 1;
        if (lines > max) {
          found.push({
            path,
            line: start + 1,
            lines,
            kind: 'function',
            name: functionName(node, source)
          });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function checkSizes(
  root: string = ROOT,
  maxFile: number = MAX_FILE_LINES,
  maxFunction: number = MAX_FUNCTION_LINES
): Offender[] {
  const offenders: Offender[] = [];
  for (const path of handWrittenFiles(root)) {
    const text = readFileSync(join(root, path), 'utf8');
    const lines = lineCount(text);
    if (lines > maxFile) offenders.push({ path, line: 1, lines, kind: 'file', name: path });
    if (SCRIPT_EXTENSIONS.test(path)) offenders.push(...longFunctions(path, text, maxFunction));
  }
  return offenders;
}

const BASELINE = join(ROOT, 'scripts', 'build', 'size-baseline.json');

/** A recorded offender: its size when recorded is the most it may have until it is split. */
export interface KnownOffender {
  path: string;
  kind: 'file' | 'function';
  name: string;
  lines: number;
}

const offenderKey = (o: { path: string; kind: string; name: string }) =>
  `${o.path}\u0000${o.kind}\u0000${o.name}`;

/**
 * Holds the offenders against the recorded debt: `failing` are new offenders or known ones that
 * grew, `known` are recorded ones within their recorded size, `fixed` are recorded entries that
 * are no longer offenders (the baseline must drop them).
 */
export function compareWithBaseline(
  offenders: Offender[],
  baseline: KnownOffender[]
): { failing: Offender[]; known: Offender[]; fixed: KnownOffender[] } {
  const recorded = new Map(baseline.map((b) => [offenderKey(b), b]));
  const failing: Offender[] = [];
  const known: Offender[] = [];
  const seen = new Set<string>();
  for (const o of offenders) {
    const b = recorded.get(offenderKey(o));
    seen.add(offenderKey(o));
    if (b && o.lines <= b.lines) known.push(o);
    else failing.push(o);
  }
  const fixed = baseline.filter((b) => !seen.has(offenderKey(b)));
  return { failing, known, fixed };
}

function readBaseline(): KnownOffender[] {
  try {
    return JSON.parse(readFileSync(BASELINE, 'utf8')) as KnownOffender[];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`${BASELINE}: ${(e as Error).message}`);
  }
}

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'max-file-lines': { type: 'string' },
        'max-function-lines': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    }));
  } catch (e) {
    process.stderr.write(`size-check: ${(e as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(
      'usage: tsx scripts/build/size-check.ts [--max-file-lines N] [--max-function-lines N] [--json]\n' +
        `  --max-file-lines N      longest hand-written source file allowed (default ${MAX_FILE_LINES})\n` +
        `  --max-function-lines N  longest function allowed (default ${MAX_FUNCTION_LINES})\n` +
        '  --json                  print the offenders as JSON\n'
    );
    return 0;
  }
  const limit = (raw: string | undefined, fallback: number, flag: string): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a positive whole number`);
    return n;
  };
  let maxFile: number;
  let maxFunction: number;
  try {
    maxFile = limit(values['max-file-lines'], MAX_FILE_LINES, 'max-file-lines');
    maxFunction = limit(values['max-function-lines'], MAX_FUNCTION_LINES, 'max-function-lines');
  } catch (e) {
    process.stderr.write(`size-check: ${(e as Error).message}\n`);
    return 2;
  }
  const offenders = checkSizes(ROOT, maxFile, maxFunction);
  const { failing, known, fixed } = compareWithBaseline(offenders, readBaseline());
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ failing, known, fixed }, null, 2)}\n`);
  } else {
    const describe = (o: Offender) =>
      o.kind === 'file'
        ? `file has ${o.lines} lines (limit ${maxFile})`
        : `function ${o.name} has ${o.lines} lines (limit ${maxFunction})`;
    for (const o of failing) process.stdout.write(`${o.path}:${o.line}: ${describe(o)}\n`);
    for (const o of known) {
      process.stdout.write(`${o.path}:${o.line}: known, still to split: ${describe(o)}\n`);
    }
    for (const b of fixed) {
      process.stdout.write(
        `${b.path}: ${b.kind} ${b.name} is within the limit now: remove it from size-baseline.json\n`
      );
    }
    process.stdout.write(
      `size-check: ${failing.length} new or grown offender(s), ${known.length} known, ${fixed.length} fixed but still recorded\n`
    );
  }
  return failing.length === 0 && fixed.length === 0 ? 0 : 1;
}

if (require.main === module) {
  process.exitCode = main();
}
