/**
 * ORDER BY across pages: the local org sorts a query only as far as it is read (its first page
 * from a heap, the rest when a later page is asked for), so the order must hold across the
 * first page's end, through REST paging and Bulk API 2.0 results alike. The expected order is a
 * plain sort of the rows this test inserted, nulls first as SOQL's default says.
 */
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { connect } from '../support/connect';

const NOW = new Date('2026-11-20T10:00:00Z');
const ROWS = 4500;
let org: LocalOrg;
/** The inserted contacts: Id and Department (every 7th has none; 10 values otherwise). */
const inserted: { Id: string; Department: string | null }[] = [];

beforeAll(async () => {
  org = await startLocalOrg({ now: () => NOW });
  const ctx = { userId: org.adminUserId, now: NOW, system: true };
  for (let i = 0; i < ROWS; i++) {
    // Inserted out of order: department 9, 8, … so no scan order is already the sorted one.
    const Department = i % 7 === 0 ? null : `D${9 - (i % 10)}`;
    const row = org.store.insert('Contact', { LastName: `C${i}`, Department }, ctx);
    inserted.push({ Id: row.Id, Department });
  }
});
afterAll(() => org.close());

/** Department ascending, nulls first, then Id ascending. */
const expected = () =>
  [...inserted]
    .sort((a, b) =>
      a.Department === b.Department
        ? a.Id < b.Id
          ? -1
          : 1
        : a.Department === null
          ? -1
          : b.Department === null
            ? 1
            : a.Department < b.Department
              ? -1
              : 1
    )
    .map((r) => r.Id);

const SOQL = "SELECT Id FROM Contact WHERE LastName LIKE 'C%' ORDER BY Department, Id";

it('REST paging: the order holds across the first page of 2,000 and the next ones', async () => {
  const result = await connect(org).query<{ Id: string }>(SOQL, {
    autoFetch: true,
    maxFetch: ROWS
  });
  expect(result.totalSize).toBe(ROWS);
  expect(result.records.map((r) => r.Id)).toEqual(expected());
});

it('Bulk API 2.0 results in pages of 1,500: the same order', async () => {
  const conn = connect(org);
  const job = await conn.request<{ id: string }>({
    method: 'POST',
    url: '/services/data/v62.0/jobs/query',
    body: JSON.stringify({ operation: 'query', query: SOQL }),
    headers: { 'Content-Type': 'application/json' }
  });
  const ids: string[] = [];
  let locator = '';
  for (;;) {
    const res = await fetch(
      `${org.instanceUrl}/services/data/v62.0/jobs/query/${job.id}/results?maxRecords=1500${locator ? `&locator=${locator}` : ''}`,
      { headers: { Authorization: `Bearer ${org.adminToken}`, Accept: 'text/csv' } }
    );
    const lines = (await res.text()).trim().split('\n').slice(1);
    ids.push(...lines.map((l) => l.replace(/"/g, '')));
    const next = res.headers.get('sforce-locator');
    if (!next || next === 'null') break;
    locator = next;
  }
  expect(ids).toEqual(expected());
});
