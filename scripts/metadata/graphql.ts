/**
 * Field references of the UI API GraphQL queries in components:
 * `uiapi { query { Obj(where: …, orderBy: …) { edges { node { Field { value } Rel__r { … } } } } } }`.
 * The GraphQL reader here (no parser dependency: names, punctuation, strings, arguments, variables) is
 * also the one the browser preview translates queries with.
 */
import { QUERIES_MODULE, SHARED_SELECTIONS } from '../build/queries';

/** One reference: `path` is the relationship path from `object` (e.g. ['Manager__r', 'Name']). */
export interface GqlReference {
  object: string;
  path: string[];
  /** Where it was used: 'selection', 'where' or 'orderBy'. */
  where: 'selection' | 'where' | 'orderBy';
  /**
   * Selected under the `@optional` directive (on the field or on a selection enclosing it): the
   * query does not fail when the user cannot read it, the field is left out of the answer.
   */
  optional?: boolean;
}

/** A GraphQL value; a variable is `{ $var: name }`, an enum value `{ $enum: name }`. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface Selection {
  alias: string;
  name: string;
  args: Record<string, Value>;
  selections: Selection[] | null;
  /** Names of the directives on the field (`@include` → 'include'). */
  directives: string[];
}

export interface Operation {
  kind: 'query' | 'mutation' | 'subscription';
  /** Declared variables and their types as written (`ID!`, `[String]`). */
  variableTypes: Record<string, string>;
  roots: Selection[];
}

export class GraphqlError extends Error {}

const TOKEN =
  /\s+|#[^\n]*|,|"(?:\\.|[^"\\])*"|\.\.\.|[{}()[\]:$!=@]|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[_A-Za-z][_0-9A-Za-z]*/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new GraphqlError(`GraphQL: unexpected character '${text[at]}' at offset ${at}`);
    const t = m[0];
    if (/^\s/.test(t) || t.startsWith('#') || t === ',') continue;
    tokens.push(t);
  }
  return tokens;
}

class Reader {
  private i = 0;
  constructor(private readonly tokens: string[]) {}
  peek(): string | undefined {
    return this.tokens[this.i];
  }
  next(): string {
    const t = this.tokens[this.i++];
    if (t === undefined) throw new GraphqlError('GraphQL: unexpected end of query');
    return t;
  }
  expect(t: string): void {
    const got = this.next();
    if (got !== t) throw new GraphqlError(`GraphQL: expected '${t}', found '${got}'`);
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

/** A variable reference is kept as the object `{ $var: name }`. */
function readValue(r: Reader): Value {
  const t = r.next();
  if (t === '$') return { $var: r.next() };
  if (t === '{') {
    const obj: Record<string, Value> = {};
    while (r.peek() !== '}') {
      const key = r.next();
      r.expect(':');
      obj[key] = readValue(r);
    }
    r.next();
    return obj;
  }
  if (t === '[') {
    const list: Value[] = [];
    while (r.peek() !== ']') list.push(readValue(r));
    r.next();
    return list;
  }
  if (t.startsWith('"')) return JSON.parse(t) as string;
  if (/^-?\d/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null') return null;
  return { $enum: t };
}

function readSelections(r: Reader): Selection[] {
  r.expect('{');
  const out: Selection[] = [];
  while (r.peek() !== '}') {
    let name = r.next();
    const alias = name;
    if (name === '...') throw new GraphqlError('GraphQL: fragments are not supported');
    if (r.peek() === ':') {
      r.next();
      name = r.next();
    }
    const args: Record<string, Value> = {};
    if (r.peek() === '(') {
      r.next();
      while (r.peek() !== ')') {
        const key = r.next();
        r.expect(':');
        args[key] = readValue(r);
      }
      r.next();
    }
    const directives: string[] = [];
    while (r.peek() === '@') {
      r.next();
      directives.push(r.next());
      if (r.peek() === '(') while (r.next() !== ')');
    }
    out.push({
      alias,
      name,
      args,
      selections: r.peek() === '{' ? readSelections(r) : null,
      directives
    });
  }
  r.next();
  return out;
}

/** Every operation of a GraphQL document, in order. Throws GraphqlError naming what it cannot read. */
export function parseDocument(text: string): Operation[] {
  const r = new Reader(tokenize(text));
  const operations: Operation[] = [];
  while (!r.done()) {
    const variableTypes: Record<string, string> = {};
    if (r.peek() === '{') {
      operations.push({ kind: 'query', variableTypes, roots: readSelections(r) });
      continue;
    }
    const kind = r.next();
    if (kind !== 'query' && kind !== 'mutation' && kind !== 'subscription')
      throw new GraphqlError(`GraphQL: unexpected '${kind}'`);
    if (r.peek() !== '(' && r.peek() !== '{') r.next(); // operation name
    if (r.peek() === '(') {
      r.next();
      while (r.peek() !== ')') {
        r.expect('$');
        const name = r.next();
        r.expect(':');
        let type = '';
        while (r.peek() !== '$' && r.peek() !== ')' && r.peek() !== '=') type += r.next();
        if (r.peek() === '=') {
          r.next();
          readValue(r);
        }
        variableTypes[name] = type;
      }
      r.next();
    }
    operations.push({ kind, variableTypes, roots: readSelections(r) });
  }
  return operations;
}

const FILTER_LOGIC = new Set(['and', 'or', 'not']);
const FIELD_LEAVES = new Set(['value', 'displayValue', 'format', 'label']);

/** An object value that is not a variable or an enum value. */
function isObject(v: Value): v is Record<string, Value> {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && !('$var' in v) && !('$enum' in v)
  );
}

/** `where` keys: logic (and/or/not), fields with operators, or relationships with a nested filter. */
function whereRefs(object: string, path: string[], v: Value, out: GqlReference[]): void {
  if (Array.isArray(v)) {
    for (const item of v) whereRefs(object, path, item, out);
    return;
  }
  if (!isObject(v)) return;
  for (const [key, value] of Object.entries(v)) {
    if (FILTER_LOGIC.has(key)) whereRefs(object, path, value, out);
    else if (isObject(value) && Object.keys(value).some((k) => /^[A-Z]|__[cr]$/.test(k)))
      whereRefs(object, [...path, key], value, out); // relationship filter
    else out.push({ object, path: [...path, key], where: 'where' });
  }
}

function orderByRefs(object: string, path: string[], v: Value, out: GqlReference[]): void {
  if (!isObject(v)) return;
  for (const [key, value] of Object.entries(v)) {
    if (isObject(value) && !('order' in value) && !('nulls' in value))
      orderByRefs(object, [...path, key], value, out);
    else out.push({ object, path: [...path, key], where: 'orderBy' });
  }
}

function nodeRefs(
  object: string,
  path: string[],
  selections: Selection[],
  out: GqlReference[],
  optional = false
) {
  for (const s of selections) {
    if (s.name === '__typename') continue;
    const opt = optional || s.directives.includes('optional');
    const leaf = !s.selections || s.selections.every((c) => FIELD_LEAVES.has(c.name));
    if (leaf) {
      out.push({
        object,
        path: [...path, s.name],
        where: 'selection',
        ...(opt && { optional: true })
      });
      continue;
    }
    const edges = s.selections?.find((c) => c.name === 'edges');
    const node = edges?.selections?.find((c) => c.name === 'node');
    if (node?.selections) {
      // A child relationship: its node fields belong to the child object, reported on the path.
      nodeRefs(object, [...path, s.name, '[]'], node.selections, out, opt);
    } else nodeRefs(object, [...path, s.name], s.selections ?? [], out, opt);
  }
}

/** Every field reference of one GraphQL document. Throws with a clear message when unreadable. */
export function graphqlReferences(text: string): GqlReference[] {
  const out: GqlReference[] = [];
  for (const root of parseDocument(text).flatMap((op) => op.roots)) {
    if (root.name !== 'uiapi') continue;
    for (const q of root.selections ?? []) {
      if (q.name !== 'query' && q.name !== 'aggregate') continue;
      for (const obj of q.selections ?? []) {
        if ('where' in obj.args) whereRefs(obj.name, [], obj.args.where, out);
        if ('orderBy' in obj.args) orderByRefs(obj.name, [], obj.args.orderBy, out);
        const edges = obj.selections?.find((c) => c.name === 'edges');
        const node = edges?.selections?.find((c) => c.name === 'node');
        const fields = node?.selections?.filter((c) => c.name !== 'aggregate') ?? [];
        const aggregate = node?.selections?.find((c) => c.name === 'aggregate');
        nodeRefs(
          obj.name,
          [],
          [...fields, ...(aggregate?.selections ?? [])],
          out,
          obj.directives.includes('optional')
        );
      }
    }
  }
  return out;
}

/** A gql template interpolates what is no shared selection; `line` is the line of the `${…}`. */
export class InterpolationError extends GraphqlError {
  constructor(
    readonly line: number,
    message: string
  ) {
    super(message);
  }
}

/** The names a component imports from c/coachQueries: local name → exported name. */
function queriesImports(source: string): Map<string, string> {
  const names = new Map<string, string>();
  const from = QUERIES_MODULE.replace('/', '\\/');
  const imports = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*['"]${from}['"]`, 'g');
  for (const m of source.matchAll(imports)) {
    for (const part of m[1].split(',')) {
      const [exported, local] = part.trim().split(/\s+as\s+/);
      if (exported) names.set(local ?? exported, exported);
    }
  }
  return names;
}

/**
 * The gql`…` templates of a component's JavaScript, with the line each starts on. A `${NAME}`
 * in a template is replaced by the shared selection NAME names: it must be imported from
 * c/coachQueries and be one of `shared` (the generator's SHARED_SELECTIONS). Anything else
 * throws an InterpolationError naming the line and the interpolation, so no query goes unchecked.
 */
export function gqlTemplates(
  source: string,
  shared: Readonly<Record<string, string>> = SHARED_SELECTIONS
): { text: string; line: number }[] {
  const imported = queriesImports(source);
  const out: { text: string; line: number }[] = [];
  for (const m of source.matchAll(/\bgql\s*`([^`]*)`/g)) {
    const line = source.slice(0, m.index).split('\n').length;
    const text = m[1].replace(/\$\{([^}]*)\}/g, (expr: string, inner: string, at: number) => {
      const name = inner.trim();
      const exported = imported.get(name);
      if (exported !== undefined && Object.prototype.hasOwnProperty.call(shared, exported))
        return shared[exported];
      const where = line + m[1].slice(0, at).split('\n').length - 1;
      throw new InterpolationError(
        where,
        `${expr} is not a selection imported from ${QUERIES_MODULE} (${Object.keys(shared).join(', ')})`
      );
    });
    out.push({ text, line });
  }
  return out;
}
