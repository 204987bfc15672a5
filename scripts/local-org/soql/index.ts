/**
 * SOQL for the local org: parsed by @jetstreamapp/soql-parser-js, checked against the schema
 * and compiled once into closures (the WHERE clause becomes one predicate), then run over a data
 * source (the store, as the querying user sees it). Results have the REST API's JSON shape.
 * A construct the local org does not support is refused with MALFORMED_QUERY naming it, never
 * answered wrongly.
 *
 * The parts: common.ts (errors, refused functions), scope.ts (field paths and operands),
 * literals.ts, where.ts (WHERE and HAVING), order.ts, aggregate.ts (GROUP BY and aggregate
 * functions), select.ts (the compiled query and its runners), shape.ts (records).
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { PreparedQuery, SoqlContext, SoqlDataSource } from '../types';
import { type Ast, malformed, unsupported } from './common';
import { compileSelect } from './select';

export { API_VERSION } from './common';

/**
 * Parsed queries by text (the parser takes most of the time of a prepare; paging and Bulk API
 * result requests prepare the same query again). The compiler never modifies an AST.
 */
const parsed = new Map<string, Ast>();
const PARSE_CACHE = 500;

/** Parses and checks a SOQL query for a data source; errors are Salesforce's. */
export function prepareSoql(soql: string, source: SoqlDataSource, ctx: SoqlContext): PreparedQuery {
  if (/^\s*FIND\s*\{/i.test(soql)) throw unsupported('SOSL');
  let ast: Ast = parsed.get(soql);
  if (ast) {
    // Most recently used last, so the oldest entry is the first to go.
    parsed.delete(soql);
    parsed.set(soql, ast);
  } else {
    try {
      ast = parseQuery(soql);
    } catch (e) {
      const text = e instanceof Error ? e.message.split('\n')[0] : String(e);
      const typeOf = /\bTYPEOF\b/i.test(soql) ? 'TYPEOF' : null;
      if (typeOf) throw unsupported(typeOf);
      throw malformed(`unexpected token in query: ${text}`);
    }
    parsed.set(soql, ast);
    if (parsed.size > PARSE_CACHE) parsed.delete(parsed.keys().next().value as string);
  }
  const compiled = compileSelect(ast, source, ctx);
  const prepared: Omit<PreparedQuery, 'run'> = {
    sobject: compiled.root.name,
    columns: compiled.columnNames,
    isAggregate: compiled.aggregate !== null,
    totalSize() {
      compiled.reset();
      if (compiled.aggregate) return compiled.aggregateRows().length;
      return compiled.windowedCount();
    },
    *rows() {
      compiled.reset();
      if (compiled.countOnly) return;
      if (compiled.aggregate) {
        yield* compiled.aggregateRows();
        return;
      }
      for (const row of compiled.windowed()) yield compiled.shape(row);
    }
  };
  return {
    ...prepared,
    run() {
      if (compiled.aggregate || compiled.countOnly || !compiled.ordered) {
        return { totalSize: prepared.totalSize(), rows: () => prepared.rows() };
      }
      // Matched once; sorted only as far as the rows are read (a first page sorts no table).
      compiled.reset();
      const matched = [...compiled.matching()];
      return {
        totalSize: compiled.windowCount(matched.length),
        *rows() {
          for (const row of compiled.window(matched)) yield compiled.shape(row);
        }
      };
    }
  };
}
