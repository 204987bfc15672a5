// A harness of describe blocks shared by the soql-*.test.ts files, not a test file itself.
/* eslint-disable jest/no-export */
/**
 * The SOQL conformance suite of the local org: the harness its topic files (tests/local-org/
 * soql-*.test.ts) share. Each row is a query with its expected result,
 * computed by hand from the fixture (tests/local-org/soql/fixture.ts) and the Salesforce SOQL and
 * SOSL Reference: comparison operators (string comparisons are case-insensitive; LIKE with % and
 * _ and \-escapes), "null in WHERE" (a missing parent matches `Parent.Field = null`; on a checkbox
 * null means false), date formats and date literals (LAST_N_DAYS:1 is yesterday and today;
 * LAST_90_DAYS includes today), ORDER BY (case-insensitive; picklists sort in their defined
 * order; nulls first by default), aggregate functions (nulls ignored except by COUNT() and
 * COUNT(Id); MIN/MAX of a picklist follow its order), aliases (expr0, expr1 ... count only the
 * unaliased aggregate expressions), relationship queries and the condition expression syntax
 * (AND and OR cannot be mixed without parentheses).
 *
 * ORDER BY puts nulls first in either direction unless NULLS LAST says otherwise: "By default,
 * null values are sorted first" (SOQL and SOSL Reference, ORDER BY,
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_orderby.htm).
 *
 * One behaviour is the local org's reading where the reference is silent: `!=` and NOT IN match
 * rows whose field is null (SOQL has no three-valued logic).
 */
import { ApiError } from '../../../scripts/local-org/errors';
import { prepareSoql } from '../../../scripts/local-org/soql';
import { fixtureStore, ID, NAME, NOW } from './fixture';

export { ID };

export interface Case {
  q: string;
  /** Expected record ids as fixture names; in order when the outer query has ORDER BY. */
  names?: string[];
  /** Expected records, exactly (REST JSON shape). */
  records?: Record<string, unknown>[];
  totalSize?: number;
  columns?: string[];
  /** Expected error: code and a part of the message. */
  error?: [string, string];
  /** queryAll (deleted rows included). */
  all?: boolean;
}

const URL = '/services/data/v62.0/sobjects';
export const rec = (type: string, name: string, fields: Record<string, unknown> = {}) => ({
  attributes: { type, url: `${URL}/${type}/${ID[name]}` },
  ...fields
});
export const agg = (fields: Record<string, unknown>) => ({
  attributes: { type: 'AggregateResult' },
  ...fields
});
export const refused = (what: string): [string, string] => [
  'MALFORMED_QUERY',
  `Unsupported in the local org: ${what}`
];
export const opp = (...names: string[]) => names.map((n) => `O${n}`);

export const store = fixtureStore();

function run(q: string, all = false) {
  const prepared = prepareSoql(q, store, { now: NOW, userId: ID.U1, includeDeleted: all });
  return { prepared, rows: [...prepared.rows()], totalSize: prepared.totalSize() };
}

/** ORDER BY of the outer query (not one inside a subquery's parentheses). */
const ordered = (q: string) => /\bORDER BY\b[^)]*$/i.test(q);

/** How a query ends: the error it raised (code, HTTP status, message), or 'accepted'. */
function refusal(q: string, all?: boolean) {
  try {
    run(q, all);
    return 'accepted';
  } catch (e) {
    const err = e as ApiError;
    return {
      isApiError: e instanceof ApiError,
      code: err.errorCode,
      status: err.statusCode,
      message: err.message
    };
  }
}

/** Names in the order that matters: as returned under an outer ORDER BY, else sorted. */
const inOrder = (q: string, names: string[]) => (ordered(q) ? names : [...names].sort());

/** One describe block of conformance cases: each refused case and each answered case a test. */
export function conformance(topic: string, CASES: Case[]): void {
  describe(`SOQL conformance: ${topic}`, () => {
    const refused = CASES.filter((c) => c.error);
    const answered = CASES.filter((c) => !c.error);

    test.each(refused.map((c) => [c.q, c] as const))('%s is refused', (_q, c) => {
      const [code, message] = c.error as [string, string];
      expect(refusal(c.q, c.all)).toEqual({
        isApiError: true,
        code,
        status: 400,
        message: expect.stringContaining(message)
      });
    });

    test.each(answered.map((c) => [c.q, c] as const))('%s', (_q, c) => {
      const { prepared, rows, totalSize } = run(c.q, c.all);
      // Each case states what it checks; what it leaves out is compared as undefined.
      expect({
        names:
          c.names &&
          inOrder(
            c.q,
            rows.map((r) => NAME[r.Id as string] ?? String(r.Id))
          ),
        records: c.records && rows,
        // Keys in SELECT order, as Salesforce writes them (toEqual ignores key order).
        keys: c.records && rows.map((r) => Object.keys(r)),
        columns: c.columns && prepared.columns,
        totalSize
      }).toEqual({
        names: c.names && inOrder(c.q, c.names),
        records: c.records,
        keys: c.records && c.records.map((r) => Object.keys(r)),
        columns: c.columns,
        totalSize: c.totalSize ?? rows.length
      });
    });
  });
}
