/**
 * The few REST calls the quick-win proposals and the digest make, through jsforce's
 * `conn.request` (the connection's session, retries and limits stay jsforce's): a query read to
 * its last page, and an upsert by external id through sObject Collections.
 */
import type { Connection } from 'jsforce';
import { API_VERSION } from './api';
import { audienceQueries, type Audience } from './plan';

export type OrgRow = Record<string, unknown>;

/** Every row of a SOQL query, following nextRecordsUrl; relationship objects kept as nested. */
export async function queryAll(conn: Connection, soql: string): Promise<OrgRow[]> {
  const rows: OrgRow[] = [];
  let page = await conn.request<{ records: OrgRow[]; nextRecordsUrl?: string; done: boolean }>(
    `/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}`
  );
  for (;;) {
    for (const r of page.records) {
      const { attributes: _attributes, ...rest } = r;
      rows.push(rest);
    }
    if (page.done || !page.nextRecordsUrl) return rows;
    page = await conn.request(page.nextRecordsUrl);
  }
}

/** `'a','b'` for a SOQL IN list of ids (ids are 15 or 18 letters and digits, checked). */
export function idList(ids: readonly string[]): string {
  return ids
    .map((id) => {
      if (!/^[a-zA-Z0-9]{15,18}$/.test(id)) throw new Error(`not a Salesforce id: ${id}`);
      return `'${id}'`;
    })
    .join(',');
}

/** Queries `make(ids)` for the ids in chunks of 200 (a SOQL statement stays short). */
export async function queryByIds(
  conn: Connection,
  ids: readonly string[],
  make: (inList: string) => string
): Promise<OrgRow[]> {
  const out: OrgRow[] = [];
  for (let i = 0; i < ids.length; i += 200) {
    out.push(...(await queryAll(conn, make(idList(ids.slice(i, i + 200))))));
  }
  return out;
}

export interface UpsertFailure {
  key: string;
  errorCode: string;
  message: string;
}

/**
 * Upserts `rows` of `object` by `externalId` through sObject Collections (200 a call,
 * allOrNone false); returns the rows that failed, each with Salesforce's error.
 */
export async function upsertByKey(
  conn: Connection,
  object: string,
  externalId: string,
  rows: readonly OrgRow[]
): Promise<UpsertFailure[]> {
  const failures: UpsertFailure[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const results = await conn.request<
      { success: boolean; errors: { statusCode: string; message: string }[] }[]
    >({
      method: 'PATCH',
      url: `/services/data/v${API_VERSION}/composite/sobjects/${object}/${externalId}`,
      body: JSON.stringify({
        allOrNone: false,
        records: chunk.map((r) => ({ attributes: { type: object }, ...r }))
      }),
      headers: { 'Content-Type': 'application/json' }
    });
    results.forEach((r, j) => {
      if (!r.success) {
        const e = r.errors[0] ?? { statusCode: 'UNKNOWN', message: 'no error given' };
        failures.push({
          key: String(chunk[j][externalId]),
          errorCode: e.statusCode,
          message: e.message
        });
      }
    });
  }
  return failures;
}

/**
 * The rollout's audience as the sync scores it: the active users holding one of its permission
 * sets or having one of its profiles or roles (names checked by audienceQueries).
 */
export async function audienceUsers(conn: Connection, audience: Audience): Promise<OrgRow[]> {
  const ids = new Set<string>();
  for (const [, , soql] of audienceQueries(audience))
    for (const row of await queryAll(conn, soql)) ids.add(String(row.AssigneeId ?? row.Id));
  return queryByIds(
    conn,
    [...ids],
    (list) =>
      `SELECT Id, Name, Email, ManagerId FROM User WHERE IsActive = true AND Id IN (${list}) ORDER BY Id`
  );
}
