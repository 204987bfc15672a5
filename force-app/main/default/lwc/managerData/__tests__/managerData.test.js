import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import {
  MAX_PAGES,
  PAGE_SIZE,
  UPPER_BOUND,
  PagedList,
  pagedRead,
  readPage,
  rowsOf,
  snapshotFromNode,
  snapshotsByUser,
  sortRows,
  windowStart,
  resolveAsOf
} from 'c/managerData';

/** One page of a GraphQL list: a node of each of `ids`, and a next page after `cursor` if given. */
const page = (ids, cursor = null) => ({
  edges: ids.map((Id) => ({ node: { Id } })),
  pageInfo: { hasNextPage: cursor !== null, endCursor: cursor }
});

/** The GraphQL adapter's answer of one page (see page) of `object`. */
const answer = (object, ids, cursor) => ({
  data: { uiapi: { query: { [object]: page(ids, cursor) } } }
});

describe('c/managerData', () => {
  it('sorts numbers numerically and text case-insensitively, blanks last both ways', () => {
    const rows = [
      { n: 10, t: 'b' },
      { n: null, t: '' },
      { n: 9, t: 'A' },
      { n: 100, t: 'c' },
      { n: undefined, t: null }
    ];
    expect(sortRows(rows, 'n', 'asc').map((r) => r.n)).toEqual([9, 10, 100, null, undefined]);
    expect(sortRows(rows, 'n', 'desc').map((r) => r.n)).toEqual([100, 10, 9, null, undefined]);
    expect(sortRows(rows, 't', 'asc').map((r) => r.t)).toEqual(['A', 'b', 'c', '', null]);
    expect(sortRows(rows, 't', 'desc').map((r) => r.t)).toEqual(['c', 'b', 'A', '', null]);
    // A copy: the input keeps its order.
    expect(rows[0].n).toBe(10);
  });

  it('follows cursors and stops, flagged, after MAX_PAGES pages', () => {
    const list = new PagedList();
    expect(list.add(page(['1'], 'c1'))).toBe('c1');
    expect(list.add(page(['2']))).toBeNull();
    expect(list.nodes.map((n) => n.Id)).toEqual(['1', '2']);
    expect(list.truncated).toBe(false);

    const long = new PagedList();
    let cursor;
    for (let i = 1; i <= MAX_PAGES; i++) cursor = long.add(page([String(i)], `c${i}`));
    expect(cursor).toBeNull();
    expect(long.truncated).toBe(true);
    expect(long.nodes).toHaveLength(MAX_PAGES);
  });

  it('reads the rows of one object of a GraphQL answer, flattened', () => {
    const data = {
      uiapi: {
        query: {
          Roadblock__c: {
            edges: [
              {
                node: { Id: 'a1', Owner: { Name: { value: 'Ann' } }, Status__c: { value: 'Open' } }
              }
            ]
          }
        }
      }
    };
    // One node: its Id as is, the `{ value }` of each field unwrapped, the parent's field named
    // by its path. An object the answer does not hold, and no answer at all, give no rows.
    expect(rowsOf(data, 'Roadblock__c')).toEqual([
      { Id: 'a1', 'Owner.Name': 'Ann', Status__c: 'Open' }
    ]);
    expect(rowsOf(data, 'Governance_Member__c')).toEqual([]);
    expect(rowsOf(undefined, 'Roadblock__c')).toEqual([]);
  });

  it('reads a paged list answer by answer: cursor, rows, errors, and nothing new left as is', () => {
    const sessions = (ids, cursor = null) => answer('Coaching_Session__c', ids, cursor);
    const toRow = (node) => node.Id.toUpperCase();
    const start = pagedRead();
    expect(start).toMatchObject({ cursor: null, rows: undefined, errors: undefined });

    // The adapter's empty answer while it loads changes nothing: the same read comes back.
    expect(readPage(start, { data: undefined }, 'Coaching_Session__c', toRow)).toBe(start);

    // A first page with a next one: the cursor moves, no rows yet.
    const one = readPage(start, sessions(['a', 'b'], 'c1'), 'Coaching_Session__c', toRow);
    expect(one).not.toBe(start);
    expect(one).toMatchObject({ cursor: 'c1', rows: undefined, truncated: false });

    // The last page: both pages' nodes, in order, through toRow (a, b, c upper-cased).
    const done = readPage(one, sessions(['c']), 'Coaching_Session__c', toRow);
    expect(done.rows).toEqual(['A', 'B', 'C']);
    expect(done.cursor).toBe('c1');

    // The cache answering again once the rows are in changes nothing.
    expect(readPage(done, sessions(['x']), 'Coaching_Session__c', toRow)).toBe(done);

    // Errors are kept, whatever was read before.
    const failed = readPage(one, { errors: [{ message: 'boom' }] }, 'Coaching_Session__c', toRow);
    expect(failed.errors).toEqual([{ message: 'boom' }]);
    expect(failed.rows).toBeUndefined();
  });

  it('marks a paged read truncated when the pages run out before the list does', () => {
    let read = pagedRead();
    const rollups = (i) => answer('Adoption_Rollup__c', [`r${i}`], `c${i}`);
    // Every page says there is a next one: pages 1 to MAX_PAGES - 1 move the cursor, page
    // MAX_PAGES ends the read with its MAX_PAGES rows, truncated.
    for (let i = 1; i < MAX_PAGES; i++) {
      read = readPage(read, rollups(i), 'Adoption_Rollup__c', (n) => n.Id);
      expect(read.cursor).toBe(`c${i}`);
    }
    read = readPage(read, rollups(MAX_PAGES), 'Adoption_Rollup__c', (n) => n.Id);
    expect(read.truncated).toBe(true);
    expect(read.rows).toHaveLength(MAX_PAGES);
    expect(read.rows[MAX_PAGES - 1]).toBe(`r${MAX_PAGES}`);
  });

  it('every paged query of the components pages with upperBound, one record past the pages read', () => {
    // Without upperBound, paging stops at 4,000 records with hasNextPage false (GraphQL API
    // Developer Guide, "Paginate with Record Connections"): two pages of 2,000, then a list that
    // looks complete, and `truncated` never set. 10 pages × 2,000 + 1 = 20,001.
    expect(UPPER_BOUND).toBe(20001);
    const lwc = join(__dirname, '..', '..');
    const paged = [];
    for (const bundle of readdirSync(lwc)) {
      const file = join(lwc, bundle, `${bundle}.js`);
      let source;
      try {
        source = readFileSync(file, 'utf8');
      } catch {
        continue; // a folder without a module of its name
      }
      // The arguments of every object query that takes a cursor.
      for (const m of source.matchAll(/\(([^()]*after: \$after[^()]*)\)/g)) {
        paged.push({ bundle, args: m[1] });
      }
    }
    // The pulse pages through its stored rollups; the team page through its snapshots and its
    // teams' stored rollups; the governance page through its snapshots and its 1:1s.
    expect(paged.map((p) => p.bundle).sort()).toEqual([
      'adoptionPulse',
      'governancePage',
      'governancePage',
      'teamCoaching',
      'teamCoaching'
    ]);
    for (const p of paged) {
      expect(p.args).toContain(`first: ${PAGE_SIZE}`);
      expect(p.args).toContain(`upperBound: ${UPPER_BOUND}`);
    }
  });

  it('flattens a snapshot node: blank counts are 0, blank scores stay blank', () => {
    const r = snapshotFromNode({
      Id: 'a01',
      User__c: { value: '005A' },
      User__r: { Name: { value: 'Ann' } },
      Manager__c: { value: null },
      Manager__r: null,
      Period_Start__c: { value: '2026-11-16' },
      Adoption_Stage__c: { value: 'Acceptance' },
      Completeness_Score__c: { value: null },
      Open_Opportunities__c: { value: '3' },
      Activities_Logged__c: { value: null },
      Win_Rate__c: { value: null }
    });
    expect(r).toMatchObject({
      User__c: '005A',
      UserName: 'Ann',
      Manager__c: null,
      ManagerName: null,
      Completeness_Score__c: null,
      Open_Opportunities__c: 3,
      Activities_Logged__c: 0,
      Win_Rate__c: null,
      Open_Pipeline__c: 0
    });
  });

  it('groups snapshots by user, most recent first', () => {
    const by = snapshotsByUser([
      { User__c: 'a', Period_Start__c: '2026-11-09' },
      { User__c: 'a', Period_Start__c: '2026-11-16' },
      { User__c: null, Period_Start__c: '2026-11-16' }
    ]);
    expect([...by.keys()]).toEqual(['a']);
    expect(by.get('a').map((r) => r.Period_Start__c)).toEqual(['2026-11-16', '2026-11-09']);
  });

  it('takes asOf as given and counts windows inclusively', () => {
    expect(resolveAsOf('2026-11-22T23:30:00.000Z')).toBe('2026-11-22');
    expect(windowStart('2026-11-22', 30)).toBe('2026-10-24');
    expect(windowStart('2024-03-01', 2)).toBe('2024-02-29');
  });
});
