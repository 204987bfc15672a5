/**
 * The SOQL the sync sends, recovered from its TypeScript source without running it: full
 * `SELECT … FROM …` string literals, and `stream(<fields>, <from clause>, …)` calls. Constants of
 * the same file are substituted (string constants, `NAME.join(', ')` of string arrays, loop
 * variables over string arrays); any other interpolation becomes a date literal, which is what
 * the sync interpolates into WHERE clauses. Queries whose object cannot be resolved are skipped.
 */
import { parseQuery, type Query, type WhereClause } from '@jetstreamapp/soql-parser-js';

export interface SoqlReference {
  object: string;
  /** Relationship path then field, e.g. ['Contact', 'Title']. */
  path: string[];
}

export interface SoqlQuery {
  soql: string;
  line: number;
  references: SoqlReference[];
  /** Set when the recovered query does not parse. */
  error?: string;
}

const PLACEHOLDER = '2000-01-01';

/** Reads a JS string literal starting at `i`; returns its raw body and the index after it. */
function readLiteral(src: string, i: number): { body: string; end: number } | null {
  const q = src[i];
  if (q !== "'" && q !== '"' && q !== '`') return null;
  let j = i + 1;
  let depth = 0;
  while (j < src.length) {
    const c = src[j];
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (q === '`' && c === '$' && src[j + 1] === '{') depth++;
    else if (depth > 0 && c === '}') depth--;
    else if (depth === 0 && c === q) return { body: src.slice(i + 1, j), end: j + 1 };
    j++;
  }
  return null;
}

/** Reads one call argument (a literal or an expression up to the next top-level comma). */
function readArg(src: string, i: number): { kind: 'literal' | 'expr'; text: string; end: number } {
  while (/\s/.test(src[i] ?? '')) i++;
  const lit = readLiteral(src, i);
  if (lit) return { kind: 'literal', text: lit.body, end: lit.end };
  let j = i;
  let depth = 0;
  while (j < src.length) {
    const c = src[j];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) break;
      depth--;
    } else if (c === ',' && depth === 0) break;
    j++;
  }
  return { kind: 'expr', text: src.slice(i, j).trim(), end: j };
}

function stringArray(body: string): string[] | null {
  const items = body
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.every((s) => /^(['"]).*\1$/.test(s))) return null;
  return items.map((s) => s.slice(1, -1));
}

interface Constants {
  strings: Map<string, string>;
  arrays: Map<string, string[]>;
}

function constants(src: string): Constants {
  const strings = new Map<string, string>();
  const arrays = new Map<string, string[]>();
  for (const m of src.matchAll(/\bconst\s+(\w+)(?::[^=]+)?\s*=\s*/g)) {
    const at = m.index + m[0].length;
    const lit = readLiteral(src, at);
    if (lit) {
      // Only a literal that is the whole initialiser.
      if (/^\s*[;\n]/.test(src.slice(lit.end))) strings.set(m[1], lit.body);
      continue;
    }
    if (src[at] === '[') {
      const close = src.indexOf(']', at);
      const arr = close > at ? stringArray(src.slice(at + 1, close)) : null;
      if (arr) arrays.set(m[1], arr);
    }
  }
  return { strings, arrays };
}

/** Expands `${…}` of a template body; returns one text per loop-variable value. */
function expand(body: string, c: Constants, loops: Map<string, string[]>, depth = 0): string[] {
  let results = [''];
  let i = 0;
  while (i < body.length) {
    const start = body.indexOf('${', i);
    if (start < 0) {
      results = results.map((r) => r + body.slice(i));
      break;
    }
    results = results.map((r) => r + body.slice(i, start));
    let j = start + 2;
    let d = 0;
    while (j < body.length && !(body[j] === '}' && d === 0)) {
      if (body[j] === '{') d++;
      if (body[j] === '}') d--;
      j++;
    }
    const expr = body.slice(start + 2, j).trim();
    let options: string[];
    const join = /^(\w+)\.join\((['"])(.*)\2\)$/.exec(expr);
    if (join && c.arrays.has(join[1])) options = [c.arrays.get(join[1])!.join(join[3])];
    else if (c.strings.has(expr) && depth < 5)
      options = expand(c.strings.get(expr)!, c, loops, depth + 1);
    else if (loops.has(expr)) options = loops.get(expr)!;
    else options = [PLACEHOLDER];
    results = results.flatMap((r) => options.map((o) => r + o));
    i = j + 1;
  }
  return results;
}

function loopVariables(src: string): Map<string, string[]> {
  const loops = new Map<string, string[]>();
  for (const m of src.matchAll(/for\s*\(\s*const\s+(\w+)\s+of\s+\[([^\]]*)\]\s*\)/g)) {
    const arr = stringArray(m[2]);
    if (arr) loops.set(m[1], arr);
  }
  return loops;
}

function whereRefs(object: string, where: WhereClause | undefined, out: SoqlReference[]): void {
  for (let w = where; w; w = (w as { right?: WhereClause }).right) {
    const left = w.left as {
      field?: string;
      valueQuery?: Query;
      fn?: { parameters?: unknown[] };
    } | null;
    if (left?.field) out.push({ object, path: left.field.split('.') });
    if (left?.valueQuery) queryRefs(left.valueQuery, out);
  }
}

function queryRefs(q: Query, out: SoqlReference[]): void {
  const object = q.sObject;
  if (!object) return;
  for (const f of q.fields ?? []) {
    if (f.type === 'Field') out.push({ object, path: [f.field] });
    else if (f.type === 'FieldRelationship')
      out.push({ object, path: [...f.relationships, f.field] });
    else if (f.type === 'FieldSubquery') queryRefs(f.subquery as Query, out);
  }
  whereRefs(object, q.where, out);
  for (const o of [q.orderBy ?? []].flat() as { field?: string }[])
    if (o.field) out.push({ object, path: o.field.split('.') });
  for (const g of [q.groupBy ?? []].flat())
    if ('field' in g && g.field) out.push({ object, path: g.field.split('.') });
}

/** Every SOQL query recoverable from one TypeScript source file. */
export function soqlQueries(src: string): SoqlQuery[] {
  const c = constants(src);
  const loops = loopVariables(src);
  const found: { texts: string[]; index: number }[] = [];
  for (const m of src.matchAll(/\.stream\(/g)) {
    const a = readArg(src, m.index + m[0].length);
    let i = a.end;
    while (/[\s,]/.test(src[i] ?? '')) i++;
    const b = readArg(src, i);
    if (b.kind !== 'literal' || !/^\s*FROM\s/i.test(b.text)) continue;
    const fields = a.kind === 'literal' ? a.text : `\${${a.text}}`;
    found.push({ texts: expand(`SELECT ${fields} ${b.text}`, c, loops), index: m.index });
  }
  for (const m of src.matchAll(/(['"`])\s*SELECT\s/gi)) {
    const lit = readLiteral(src, m.index);
    if (!lit || !/\sFROM\s/i.test(lit.body)) continue;
    found.push({ texts: expand(lit.body, c, loops), index: m.index });
  }
  const out: SoqlQuery[] = [];
  for (const { texts, index } of found) {
    const line = src.slice(0, index).split('\n').length;
    for (const soql of texts) {
      const from = /\bFROM\s+(\S+)/i.exec(soql);
      if (!from || from[1].includes(PLACEHOLDER) || soql.includes(`SELECT ${PLACEHOLDER}`))
        continue;
      try {
        const references: SoqlReference[] = [];
        queryRefs(parseQuery(soql), references);
        out.push({ soql, line, references });
      } catch (e) {
        out.push({ soql, line, references: [], error: (e as Error).message });
      }
    }
  }
  return out;
}
