/** The streaming parts of the sync: CSV read in pieces, the join by deal, the replica merge. */
import { CsvReader, csvLine, parseCsv } from '../../scripts/common/csv';
import type { Row } from '../../scripts/sync/api';
import { compareKeys, joinByKey } from '../../scripts/sync/join';
import { applyChanges } from '../../scripts/sync/replica';

/** The rows in batches of two, so that rows of one key cross batch boundaries. */
async function* from(rows: Row[]) {
  for (let i = 0; i < rows.length; i += 2) yield rows.slice(i, i + 2);
}
async function flat(batches: AsyncIterable<Row[]>) {
  const out: Row[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}
async function all<T>(rows: AsyncIterable<T>) {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe('CsvReader', () => {
  const text =
    'Id,Name,Note\r\n1,"Acme, Inc.","said ""hi""\nthen left"\r\n2,,plain\n3,"",x\n4,last,"no newline"';
  const expected = [
    ['Id', 'Name', 'Note'],
    ['1', 'Acme, Inc.', 'said "hi"\nthen left'],
    ['2', '', 'plain'],
    ['3', '', 'x'],
    ['4', 'last', 'no newline']
  ];

  it('reads the same rows whatever the size of the pieces', () => {
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const reader = new CsvReader();
      const rows: string[][] = [];
      for (let i = 0; i < text.length; i += size)
        rows.push(...reader.push(text.slice(i, i + size)));
      rows.push(...reader.end());
      expect(rows).toEqual(expected);
    }
  });

  it('reads back what csvLine writes', () => {
    const values = ['a,b', 'x"y', 'line\nbreak', '', 'plain'];
    expect(parseCsv(csvLine(values))).toEqual([values]);
  });
});

describe('joinByKey', () => {
  it('gives each deal its rows and every other row to onRow as unmatched', async () => {
    const seen: [string, boolean][] = [];
    const groups = await all(
      joinByKey(
        {
          name: 'Opportunity',
          rows: from([{ Id: '006A' }, { Id: '006C' }]),
          key: (r) => String(r.Id)
        },
        [
          {
            name: 'Task',
            rows: from([
              { Id: 't0', WhatId: null },
              { Id: 't1', WhatId: '001Z' },
              { Id: 't2', WhatId: '006A' },
              { Id: 't3', WhatId: '006B' },
              { Id: 't4', WhatId: '006C' },
              { Id: 't5', WhatId: '006C' },
              { Id: 't6', WhatId: '006D' }
            ]),
            key: (r) => (r.WhatId as string) ?? null,
            onRow: (r, matched) => seen.push([String(r.Id), matched])
          }
        ]
      )
    );
    expect(groups.map((g) => [g.row.Id, g.related[0].map((r) => r.Id)])).toEqual([
      ['006A', ['t2']],
      ['006C', ['t4', 't5']]
    ]);
    expect(seen).toEqual([
      ['t0', false],
      ['t1', false],
      ['t2', true],
      ['t3', false],
      ['t4', true],
      ['t5', true],
      ['t6', false]
    ]);
  });

  it('refuses rows out of order, naming the stream', async () => {
    const join = joinByKey(
      {
        name: 'Opportunity',
        rows: from([{ Id: '006B' }, { Id: '006A' }]),
        key: (r) => String(r.Id)
      },
      []
    );
    await expect(all(join)).rejects.toThrow('Opportunity: rows out of order (006A after 006B)');
  });

  it('orders ids by their 15 characters, nulls first', () => {
    expect(compareKeys(null, '006')).toBe(-1);
    expect(compareKeys('0068c00000000AbAAA', '0068c00000000AbXYZ')).toBe(0);
    expect(compareKeys('0068c00000000Ab', '0068c00000000ab')).toBe(-1);
  });
});

describe('applyChanges', () => {
  const key = (r: Row) => (r.WhatId as string) ?? null;
  const old = [
    { Id: 't1', WhatId: '006A', ActivityDate: '2026-11-10' },
    { Id: 't2', WhatId: '006A', ActivityDate: '2026-11-01' },
    { Id: 't3', WhatId: '006B', ActivityDate: '2026-11-12' },
    { Id: 't4', WhatId: '006C', ActivityDate: '2026-11-12' }
  ];

  it('replaces, moves, deletes and adds rows and keeps the (key, Id) order', async () => {
    const changes = [
      { Id: 't3', WhatId: '006D', ActivityDate: '2026-11-12', IsDeleted: false },
      { Id: 't4', WhatId: '006C', IsDeleted: true },
      { Id: 't0', WhatId: '006A', ActivityDate: '2026-11-20', IsDeleted: false },
      { Id: 't9', WhatId: '006B', ActivityDate: '2026-10-01', IsDeleted: false }
    ];
    const rows = await flat(
      applyChanges(from(old), changes, { key, keep: (r) => String(r.ActivityDate) >= '2026-11-05' })
    );
    expect(rows).toEqual([
      { Id: 't0', WhatId: '006A', ActivityDate: '2026-11-20' },
      { Id: 't1', WhatId: '006A', ActivityDate: '2026-11-10' },
      { Id: 't3', WhatId: '006D', ActivityDate: '2026-11-12' }
    ]);
  });

  it('drops every old row of a key read again whole', async () => {
    const rows = await flat(
      applyChanges(from(old), [{ Id: 't7', WhatId: '006A', ActivityDate: '2026-11-11' }], {
        key,
        keep: () => true,
        replaceKeys: new Set(['006A'])
      })
    );
    expect(rows.map((r) => r.Id)).toEqual(['t7', 't3', 't4']);
  });
});
