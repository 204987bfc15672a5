/**
 * The join's orderings and read-ahead (scripts/sync/join.ts) on rows built here; the join of
 * whole extracts is in stream.test.ts.
 */
import type { Row } from '../../scripts/sync/api';
import { compareKeys, compareRows, joinByKey, readAhead } from '../../scripts/sync/join';

async function* batches(...list: Row[][]): AsyncGenerator<Row[]> {
  for (const b of list) yield b;
}

describe('orderings', () => {
  it('two null keys are equal; null sorts before any id', () => {
    expect(compareKeys(null, null)).toBe(0);
    expect(compareKeys(null, '006A')).toBe(-1);
    expect(compareKeys('006A', null)).toBe(1);
  });

  it('rows of one key are ordered by Id; a row without an Id first', () => {
    const byDeal = compareRows((r) => (r.Deal as string | null) ?? null);
    // Same key: 'B' after 'A'.
    expect(byDeal({ Deal: '006X', Id: 'B' }, { Deal: '006X', Id: 'A' })).toBe(1);
    expect(byDeal({ Deal: '006X', Id: 'A' }, { Deal: '006X', Id: 'B' })).toBe(-1);
    // No Id counts as '' , before any Id.
    expect(byDeal({ Deal: '006X' }, { Deal: '006X', Id: 'A' })).toBe(-1);
    expect(byDeal({ Deal: '006X', Id: 'A' }, { Deal: '006X' })).toBe(1);
    // The key decides before the Id.
    expect(byDeal({ Deal: '006Y', Id: 'A' }, { Deal: '006X', Id: 'B' })).toBe(1);
  });
});

describe('read-ahead', () => {
  it('asks for `depth` batches beyond the one handed out, no more', async () => {
    let pulls = 0;
    const source: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          pulls++;
          return pulls <= 10 ? { done: false, value: pulls } : { done: true, value: undefined };
        }
      })
    };
    const it = readAhead(source, 2)[Symbol.asyncIterator]();
    // Before the first is handed out: the 2 asked ahead, then one more to stay 2 ahead.
    expect(await it.next()).toEqual({ done: false, value: 1 });
    expect(pulls).toBe(3);
    expect(await it.next()).toEqual({ done: false, value: 2 });
    expect(pulls).toBe(4);
  });
});

describe('the join', () => {
  it('tells each stream which of its rows matched a driving row', async () => {
    const seen: string[] = [];
    const on = (stream: string) => (row: Row, matched: boolean) =>
      seen.push(`${stream} ${String(row.Id)} ${matched}`);
    const out: { row: Row; related: Row[][] }[] = [];
    for await (const joined of joinByKey(
      {
        name: 'Opportunity',
        rows: batches([{ Id: '006B' }, { Id: '006D' }]),
        key: (r) => String(r.Id),
        onRow: on('opp')
      },
      [
        {
          name: 'Task',
          // 006A has no deal in the driver; 006B two tasks; 006C none of the driver; 006E after the last.
          rows: batches(
            [
              { Id: 't1', W: '006A' },
              { Id: 't2', W: '006B' }
            ],
            [
              { Id: 't3', W: '006B' },
              { Id: 't4', W: '006C' },
              { Id: 't5', W: '006E' }
            ]
          ),
          key: (r) => String(r.W),
          onRow: on('task')
        }
      ]
    ))
      out.push(joined);
    expect(out.map((j) => [j.row.Id, j.related[0].map((r) => r.Id)])).toEqual([
      ['006B', ['t2', 't3']],
      ['006D', []]
    ]);
    expect(seen).toEqual([
      'opp 006B true',
      'task t1 false',
      'task t2 true',
      'task t3 true',
      'opp 006D true',
      'task t4 false',
      'task t5 false'
    ]);
  });
});
