/**
 * The sync's writes on their own, against a local org: upserts by external id through
 * /composite/sobjects (200 a call) and Bulk API 2.0 ingest, and the manual Read shares of the
 * rows the sync owns. Governance_Measure__c stands for any row the sync writes: a private
 * object with a text external id (Measure_Key__c) and a 40-character text field (Measure__c),
 * which the org refuses longer, so that one row fails for good.
 */
import type { Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { addUser } from '../../scripts/local-org/setup';
import { Api, type Row } from '../../scripts/sync/api';
import { API_DEFAULTS } from '../../scripts/sync/sync';
import { shareRows, upsertAll, type Load } from '../../scripts/sync/write';
import { connect, connectAsAdmin, queryAll } from './org';

const NOW = new Date('2026-11-20T18:00:00Z');
const OBJECT = 'Governance_Measure__c';
const COLUMNS = ['Measure_Key__c', 'Measure__c', 'Period_Start__c', 'Met__c', 'Counted__c'];
// 41 characters: one more than Measure__c holds.
const LONG = 'M'.repeat(41);
// The local org's words for it, as Salesforce's: the label, the first 40 characters, the limit.
const TOO_LONG = `Measure: data value too large: ${'M'.repeat(40)}... (max length=40)`;

const measure = (key: string, name: string | null, met: number | null, week = '2026-11-16') => ({
  Measure_Key__c: key,
  Measure__c: name,
  Period_Start__c: week,
  Met__c: met,
  Counted__c: 10
});

/** A load of `batches` (each a list of rows as the sync's streams give them). */
function loadOf(batches: Row[][], threshold: number): Load {
  return {
    object: OBJECT,
    ext: 'Measure_Key__c',
    columns: COLUMNS,
    count: batches.reduce((n, b) => n + b.length, 0),
    threshold,
    batches: async function* () {
      for (const b of batches) yield b;
    }
  };
}

describe('the sync’s writes', () => {
  let org: LocalOrg;
  let conn: Connection;
  let lines: string[];
  let checkpoints: string[];
  let progress: [string, number, number][];
  let api: Api;

  beforeAll(async () => {
    org = await startLocalOrg({ seed: 'none', now: () => NOW });
    conn = connect(org);
  });
  afterAll(() => org.close());
  beforeEach(() => {
    lines = [];
    checkpoints = [];
    progress = [];
    api = new Api(conn, {
      ...API_DEFAULTS,
      log: (l) => lines.push(l),
      progress: (phase, done, total) => progress.push([phase, done, total])
    });
  });
  /** Writes `load` through the Bulk API, logging to `lines` and checkpoints to `checkpoints`. */
  const write = (load: Load) =>
    upsertAll(
      api,
      load,
      (l) => lines.push(l),
      (c) => checkpoints.push(c)
    );
  const heldRows = async (like: string) =>
    (
      await queryAll<{
        Measure_Key__c: string;
        Measure__c: string | null;
        Met__c: number | null;
        Counted__c: number | null;
      }>(
        conn,
        `SELECT Measure_Key__c, Measure__c, Met__c, Counted__c FROM ${OBJECT} WHERE Measure_Key__c LIKE '${like}' ORDER BY Measure_Key__c`
      )
    ).map((r) => [r.Measure_Key__c, r.Measure__c, r.Met__c, r.Counted__c]);

  it('writes nothing and asks nothing for no rows', async () => {
    const load = loadOf([], 0);
    load.batches = () => {
      throw new Error('no batch should be read');
    };
    expect(await write(load)).toEqual({ written: 0, failures: [] });
    expect([api.calls, lines, checkpoints, progress]).toEqual([0, [], [], []]);
  });

  it('upserts up to its threshold through /composite/sobjects, 200 rows a call', async () => {
    // 450 rows in two batches of the stream: 250 (sent as 200 and 50) and 200 (one call, and
    // no empty one after it). Rows of a count equal to the threshold still go through REST.
    // Row 210 has a 41-character Measure__c; R251 has no name.
    const rows = Array.from({ length: 450 }, (_, i) =>
      measure(
        `R${String(i).padStart(3, '0')}`,
        i === 210 ? LONG : i === 251 ? null : `Rest ${i}`,
        i
      )
    );
    const result = await write(loadOf([rows.slice(0, 250), rows.slice(250)], 450));
    // 449 of 450 written; the refused one named by its external id.
    expect(result).toEqual({
      written: 449,
      failures: [{ object: OBJECT, key: 'R210', errorCode: 'STRING_TOO_LONG', message: TOO_LONG }]
    });
    expect(api.calls).toBe(3);
    expect(lines).toEqual([
      `load: ${OBJECT} 200/450`,
      `load: ${OBJECT} 250/450`,
      `load: ${OBJECT} 450/450`
    ]);
    expect(progress).toEqual([
      [`load ${OBJECT}`, 200, 450],
      [`load ${OBJECT}`, 250, 450],
      [`load ${OBJECT}`, 450, 450]
    ]);
    // The checkpoint names the 200-row calls done: ceil(200/200) = 1, ceil(250/200) = 2,
    // ceil(450/200) = 3.
    expect(checkpoints).toEqual([`loaded:${OBJECT}:1`, `loaded:${OBJECT}:2`, `loaded:${OBJECT}:3`]);
    const held = await heldRows('R%');
    expect(held.length).toBe(449);
    expect(held.slice(209, 211)).toEqual([
      ['R209', 'Rest 209', 209, 10],
      ['R211', 'Rest 211', 211, 10]
    ]);
    expect(held.slice(249, 252)).toEqual([
      ['R250', 'Rest 250', 250, 10],
      ['R251', null, 251, 10],
      ['R252', 'Rest 252', 252, 10]
    ]);
  });

  it('upserts above its threshold through one Bulk API 2.0 job, blank values emptying fields', async () => {
    // B0 is held with a name and both counts; the job sends it again with all three blank (''
    // null and undefined), which must empty them ('#N/A' in the CSV; an empty cell would keep
    // them).
    await conn.sobject(OBJECT).create(measure('B0', 'Held', 4));
    const rows = [
      { ...measure('B0', '', null), Counted__c: undefined },
      measure('B1', 'Bulk 1', 5),
      measure('B2', LONG, 6)
    ];
    const result = await write(loadOf([rows.slice(0, 2), rows.slice(2)], 2));
    // The failed row as Bulk API words it, "CODE:message:fields--": the code before the first
    // colon, the rest (colons kept) as the message.
    expect(result).toEqual({
      written: 2,
      failures: [
        {
          object: OBJECT,
          key: 'B2',
          errorCode: 'STRING_TOO_LONG',
          message: `${TOO_LONG}:Measure__c--`
        }
      ]
    });
    expect(lines).toEqual([`load: 3 ${OBJECT} rows through Bulk API 2.0`]);
    expect(checkpoints).toEqual([`loaded:${OBJECT}`]);
    expect(progress).toEqual([[`load ${OBJECT}`, 3, 3]]);
    expect(await heldRows('B%')).toEqual([
      ['B0', null, null, null],
      ['B1', 'Bulk 1', 5, 10]
    ]);
    // Create the job, upload, close, its state (complete at once here), its failed rows.
    expect(api.calls).toBe(5);

    // A job without failures: its failed rows are not asked for (4 calls more).
    const clean = await write(
      loadOf([[measure('B1', 'Bulk 1 again', 7), measure('B3', 'Bulk 3', 8)]], 1)
    );
    expect(clean).toEqual({ written: 2, failures: [] });
    expect(api.calls).toBe(9);
  });

  it('grants Read on each row to the users named, once, 200 shares a call', async () => {
    const ctx = { userId: org.adminUserId, now: NOW };
    const [u1, u2] = ['Rep One', 'Rep Two'].map(
      (name, i) =>
        addUser(
          org.store,
          { LastName: name, Username: `rep${i}@w.local`, Email: `rep${i}@w.local` },
          { profile: 'Standard User', permissionSets: ['Adoption_Coach_Rep'] },
          ctx
        ).Id
    );
    // An id no user has: its share fails, and fails again on each run.
    const nobody = '005000000000999AAA';
    // 101 rows of a week of their own, owned by the sync's user; each goes to u1 and u2 (u1
    // named twice), the last also to nobody. A row of another week is not shared.
    const week = '2026-03-02';
    const created = await conn
      .sobject(OBJECT)
      .create(
        Array.from({ length: 101 }, (_, i) =>
          measure(`S${String(i).padStart(3, '0')}`, `Share ${i}`, i, week)
        )
      );
    const ids = created.map((r) => (r as { id: string }).id);
    const last = ids[100];
    await conn.sobject(OBJECT).create(measure('S-other', 'Other week', 0, '2026-03-09'));
    // u1 already holds a manual share of the first row.
    await conn
      .sobject('Governance_Measure__Share')
      .create({ ParentId: ids[0], UserOrGroupId: u1, AccessLevel: 'Read' });

    const where = `Period_Start__c = ${week}`;
    const spec = {
      object: OBJECT,
      soql: `SELECT Id, Met__c FROM ${OBJECT} WHERE ${where}`,
      where,
      to: (row: Row) => (row.Id === last ? [u1, u2, null, nobody] : [u1, u2, u1, undefined])
    };
    // 101 rows × 2 users = 202 shares, less the one held = 201, plus nobody's = 202 sent: a call
    // of 200 and one of 2 (after the two queries: the rows, the shares held).
    const first = await shareRows(api, spec);
    expect(first.written).toBe(201);
    expect(first.failures).toEqual([
      {
        object: 'Governance_Measure__Share',
        key: `${last}:${nobody}`,
        errorCode: expect.any(String),
        message: expect.any(String)
      }
    ]);
    expect(api.calls).toBe(4);
    const shares = await queryAll<{ ParentId: string; UserOrGroupId: string }>(
      connectAsAdmin(org),
      `SELECT ParentId, UserOrGroupId, AccessLevel FROM Governance_Measure__Share WHERE RowCause = 'Manual'`
    );
    // Every row to both users, once each (the one held plus the 201 new).
    expect(shares.length).toBe(202);
    expect(new Set(shares.map((s) => `${s.ParentId}:${s.UserOrGroupId}`)).size).toBe(202);
    expect(
      shares
        .filter((s) => s.ParentId === last)
        .map((s) => s.UserOrGroupId)
        .sort()
    ).toEqual([u1, u2].sort());

    // Again: every share is held, so only nobody's is sent (and fails again).
    const again = await shareRows(api, spec);
    expect(again.written).toBe(0);
    expect(again.failures.map((f) => f.key)).toEqual([`${last}:${nobody}`]);
    expect(api.calls).toBe(7);
  });
});
