/**
 * Shared non-UI helpers for the components that read `lightning/graphql`: reading connections
 * and their rows, paging them, and shaping Adoption_Snapshot__c rows for the coaching engine. No coaching rule lives here: the rules are
 * in c/coachEngine; this module only moves data between LDS's shape and the engine's.
 */
import { SNAPSHOT_NUMBER_FIELDS, addDays, compareText, toNumber, toUtcDate } from 'c/coachEngine';
import { flattenNode, nodesOf, todayIso } from 'c/ldsUtils';

/** Largest page the GraphQL API returns (`first` may not exceed it). */
export const PAGE_SIZE = 2000;

/** Pages fetched at most for one list before the component says the list was cut short. */
export const MAX_PAGES = 10;

/**
 * The `upperBound` of every paged query (written as a literal in each query, 20001). Without
 * one, paging stops at 4,000 records with hasNextPage false ("Paginate with Record
 * Connections", GraphQL API Developer Guide,
 * https://developer.salesforce.com/docs/platform/graphql/guide/paginate-use.html), so a long list
 * was cut short at two pages with no warning. With it, "you can paginate up to the upperBound
 * number of records" ("Paginate with Upper-Bound Limit",
 * https://developer.salesforce.com/docs/platform/graphql/guide/paginate-use-upperbound.html):
 * one record past MAX_PAGES full pages, so that a list longer than them still reports a next
 * page after the last one read and PagedList marks it truncated.
 */
export const UPPER_BOUND = PAGE_SIZE * MAX_PAGES + 1;

/** Today's date ('YYYY-MM-DD', UTC) unless the component was given an `asOf`. */
export function resolveAsOf(asOf) {
  const day = asOf ? toUtcDate(asOf) : null;
  return day ?? todayIso();
}

/** First day of a window of `days` days ending on `asOf` (inclusive). */
export function windowStart(asOf, days) {
  return addDays(asOf, -(days - 1));
}

/** The connection `uiapi.query.<objectName>` of a GraphQL result, or null. */
export function connectionOf(data, objectName) {
  const query = data && data.uiapi && data.uiapi.query;
  return query && query[objectName] ? query[objectName] : null;
}

/** The rows of the connection `uiapi.query.<objectName>` of a GraphQL result, flattened. */
export function rowsOf(data, objectName) {
  return nodesOf(connectionOf(data, objectName));
}

/**
 * Accumulates the pages of one paged list. `add` returns the cursor of the next page to fetch,
 * or null when the list is complete (or MAX_PAGES was reached: then `truncated` is true).
 */
export class PagedList {
  constructor() {
    this.nodes = [];
    this.pages = 0;
    this.truncated = false;
  }

  add(connection) {
    // Raw nodes: snapshotFromNode also reads a picklist's displayValue, which flattening drops.
    if (connection && Array.isArray(connection.edges)) {
      for (const edge of connection.edges) if (edge && edge.node) this.nodes.push(edge.node);
    }
    this.pages++;
    const info = connection ? connection.pageInfo : null;
    if (info && info.hasNextPage && info.endCursor) {
      if (this.pages >= MAX_PAGES) {
        this.truncated = true;
        return null;
      }
      return info.endCursor;
    }
    return null;
  }
}

/** A paged read before its first page. */
export function pagedRead() {
  return {
    cursor: null,
    pages: new PagedList(),
    rows: undefined,
    errors: undefined,
    truncated: false
  };
}

/**
 * One answer of a paged `lightning/graphql` wire applied to a read ({ cursor, pages, rows,
 * errors, truncated }, from pagedRead): errors are kept; a page is added, and either the cursor
 * moves to the next page or, on the last page, the nodes become `rows` through `toRow` (given
 * each raw node). The answer is the read as it now is: a new object when something changed, the
 * same one when nothing did (the adapter's empty answer while it loads, or its cache answering
 * again once the rows are in). A component keeps the cursor in a field of its own for the wire's
 * variables, so that only a moved cursor asks the adapter for a page.
 */
export function readPage(read, { data, errors }, objectName, toRow) {
  if (errors) return { ...read, errors };
  if (!data || read.rows) return read;
  const cursor = read.pages.add(connectionOf(data, objectName));
  const truncated = read.pages.truncated;
  if (cursor) return { ...read, cursor, truncated };
  return { ...read, rows: read.pages.nodes.map((node) => toRow(node)), truncated };
}

/**
 * An Adoption_Snapshot__c GraphQL node as a flat record (field API names), with the user's and
 * the manager's names. Count fields that are blank become 0; scores and rates stay null.
 */
export function snapshotFromNode(node) {
  const flat = flattenNode(node);
  const text = (name) => (flat[name] === undefined ? null : flat[name]);
  const stage = node && node.Adoption_Stage__c;
  const record = {
    Id: text('Id'),
    User__c: text('User__c'),
    UserName: text('User__r.Name'),
    Manager__c: text('Manager__c'),
    ManagerName: text('Manager__r.Name'),
    Period_Start__c: text('Period_Start__c'),
    Adoption_Stage__c: text('Adoption_Stage__c'),
    // The rung in the user's language when the query asked for the picklist's displayValue.
    StageLabel: (stage && stage.displayValue) || text('Adoption_Stage__c')
  };
  for (const f of SNAPSHOT_NUMBER_FIELDS) {
    const n = toNumber(flat[f]);
    const keepNull = f === 'Completeness_Score__c' || f === 'Win_Rate__c';
    record[f] = n === null && !keepNull ? 0 : n;
  }
  return record;
}

/** Snapshots grouped by user, each list most recent period first. */
export function snapshotsByUser(records) {
  const byUser = new Map();
  for (const r of records) {
    if (!r.User__c) continue;
    const list = byUser.get(r.User__c) ?? [];
    list.push(r);
    byUser.set(r.User__c, list);
  }
  for (const list of byUser.values()) {
    list.sort((a, b) => compareText(b.Period_Start__c, a.Period_Start__c));
  }
  return byUser;
}

/**
 * Sorts rows (a copy) by one field: numbers numerically, text case-insensitively in the user's
 * locale; blank values (null, undefined, '') always last, whatever the direction; ties keep
 * the previous order.
 */
export function sortRows(rows, fieldName, direction) {
  const sign = direction === 'desc' ? -1 : 1;
  const blank = (v) => v === null || v === undefined || v === '';
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row[fieldName];
      const y = b.row[fieldName];
      if (blank(x) || blank(y)) {
        if (blank(x) && blank(y)) return a.index - b.index;
        return blank(x) ? 1 : -1;
      }
      let c;
      if (typeof x === 'number' && typeof y === 'number') c = x - y;
      else c = String(x).localeCompare(String(y), undefined, { sensitivity: 'base' });
      return c !== 0 ? sign * c : a.index - b.index;
    })
    .map((e) => e.row);
}
