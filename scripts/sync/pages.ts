/**
 * How the sync reads a query's pages (scripts/sync/api.ts): how many REST pages a query has
 * left, which queries are cheaper as Bulk API 2.0 jobs than as Query More pages, and the rows of
 * a REST page or a Bulk API 2.0 CSV line in the one shape the rest of the sync reads.
 */
import { errorFromBody, SalesforceApiError } from '../common/salesforce-error';
import type { Query, Row } from './api';

/**
 * Query subrequests (Query, QueryAll and Query More) a /composite call may hold, of its 25
 * ("Composite", REST API Developer Guide:
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite.htm).
 */
export const COMPOSITE_QUERIES = 5;

export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Row[];
}

/** A query read page by page through REST: the pages read, and how many are thought left. */
export interface Paging {
  query: Query;
  pages: QueryPage[];
  left: number;
}

/**
 * Pages a query has left once `read` of its `total` rows are read, were each as long as its
 * first page (`size` rows; Salesforce's batch size is a wish, not a promise, so this is an
 * estimate that the pages read correct).
 */
export function pagesLeft(total: number, read: number, size: number): number {
  return Math.ceil(Math.max(0, total - read) / Math.max(1, size));
}

/**
 * Which of the queries with `left` pages each to read as Bulk API 2.0 jobs (2 calls each: one
 * creates it, one reads its results) rather than as Query More pages (five a /composite call),
 * for the fewest calls in all; on a tie, fewer jobs. A job saves most on the query with the most
 * pages, so the best choice of j jobs is the j longest queries: trying every j finds it.
 */
export function restOrBulk(left: readonly number[]): Set<number> {
  const order = left.map((n, i) => [n, i] as const).sort((a, b) => b[0] - a[0]);
  let rest = left.reduce((a, b) => a + b, 0);
  let best = { calls: Math.ceil(rest / COMPOSITE_QUERIES), jobs: 0 };
  for (let j = 1; j <= order.length; j++) {
    rest -= order[j - 1][0];
    const calls = 2 * j + Math.ceil(rest / COMPOSITE_QUERIES);
    if (calls < best.calls) best = { calls, jobs: j };
  }
  return new Set(order.slice(0, best.jobs).map(([, i]) => i));
}

/**
 * A query's page from a /composite answer, its rows cleaned at once (a page read ahead is held
 * until its rows are streamed, and smaller without each row's attributes); a failed subrequest
 * stops the run, naming the query.
 */
export function queryPage(q: Query, answer: { status: number; body: unknown }): QueryPage {
  if (answer.status >= 400) {
    const e = errorFromBody(answer.status, answer.body, String(answer.status));
    throw new SalesforceApiError(e.statusCode, e.errorCode, `${q.name}: ${e.message}`, e.fields);
  }
  const page = answer.body as QueryPage;
  return { ...page, records: page.records.map(clean) };
}

/** A REST row without its attributes (nested parents too), as the rest of the sync reads it. */
export function clean(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'attributes') continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? clean(v as Row) : v;
  }
  return out;
}

/** A CSV row in the shape REST gives: typed values, nulls, 'Contact.Title' as Contact: {Title}. */
export function typed(header: string[], cells: string[], types: Query['types']): Row {
  const out: Row = {};
  for (let i = 0; i < header.length; i++) {
    const k = header[i];
    const raw = cells[i] ?? '';
    const type = types[k];
    const value =
      raw === ''
        ? null
        : type === 'boolean'
          ? raw === 'true'
          : type === 'number'
            ? Number(raw)
            : raw;
    const dot = k.indexOf('.');
    if (dot < 0) out[k] = value;
    else {
      const parent = k.slice(0, dot);
      const inner = (out[parent] ?? {}) as Row;
      inner[k.slice(dot + 1)] = value;
      out[parent] = inner;
    }
  }
  return out;
}
