/**
 * Streams sorted by one key, joined as they arrive: for each opportunity (the driving stream,
 * by Id) the rows of every other stream with that key (its history, contact roles, activities,
 * insight). Only one deal's rows are in memory at a time, whatever the size of the org.
 */
import type { Row } from './api';

export interface SortedStream {
  name: string;
  /** The rows in batches. */
  rows: AsyncIterable<Row[]>;
  key(row: Row): string | null;
  /** Every row of the stream as it is read; `matched`: a driving row has its key. */
  onRow?(row: Row, matched: boolean): void;
}

/**
 * Orders keys as SOQL's ORDER BY does for ids: nulls first, then by the 15-character id (the
 * 18-character form only adds a checksum), whose characters sort as in ASCII.
 */
export function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const x = a.slice(0, 15);
  const y = b.slice(0, 15);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Orders rows by (key, Id), the order the sync's queries and its replica files share. */
export function compareRows(key: (row: Row) => string | null) {
  return (a: Row, b: Row) =>
    compareKeys(key(a), key(b)) || compareKeys(String(a.Id ?? ''), String(b.Id ?? ''));
}

/**
 * Asks `source` for up to `depth` batches before they are wanted, so that the org (or the disk)
 * goes on producing one stream while the join works through another.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  const ask = () => {
    const next = iterator.next();
    next.catch(() => undefined); // reported when its turn comes, not as an unhandled rejection
    queue.push(next);
  };
  for (let i = 0; i < depth; i++) ask();
  for (;;) {
    const next = await queue.shift()!;
    if (next.done) return;
    ask();
    yield next.value;
  }
}

/** A stream read a batch at a time; `ready` answers without waiting while a batch lasts. */
const READ_AHEAD = 2;

class Cursor {
  private readonly iterator: AsyncIterator<Row[]>;
  private batch: Row[] = [];
  private index = 0;
  private done = false;
  private lastKey: string | null | undefined;
  headKey: string | null = null;

  constructor(readonly stream: SortedStream) {
    this.iterator = readAhead(stream.rows, READ_AHEAD)[Symbol.asyncIterator]();
  }

  /** A row is waiting (its key in `headKey`). */
  ready(): boolean {
    if (this.index >= this.batch.length) return false;
    const key = this.stream.key(this.batch[this.index]);
    if (this.lastKey !== undefined && compareKeys(key, this.lastKey) < 0) {
      throw new Error(
        `${this.stream.name}: rows out of order (${key} after ${this.lastKey}); the join needs them sorted by key`
      );
    }
    this.lastKey = key;
    this.headKey = key;
    return true;
  }

  /** Reads batches until a row is waiting; false at the end of the stream. */
  async load(): Promise<boolean> {
    while (!this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else {
        this.batch = next.value;
        this.index = 0;
        if (this.ready()) return true;
      }
    }
    return false;
  }

  take(matched: boolean): Row {
    const row = this.batch[this.index++];
    this.stream.onRow?.(row, matched);
    return row;
  }
}

export async function* joinByKey(
  driver: SortedStream,
  others: SortedStream[]
): AsyncGenerator<{ row: Row; related: Row[][] }> {
  const lead = new Cursor(driver);
  const cursors = others.map((s) => new Cursor(s));
  while (lead.ready() || (await lead.load())) {
    const key = lead.headKey;
    const row = lead.take(true);
    const related: Row[][] = [];
    for (const c of cursors) {
      const rows: Row[] = [];
      while (c.ready() || (await c.load())) {
        const order = compareKeys(c.headKey, key);
        if (order > 0) break;
        if (order < 0) c.take(false);
        else rows.push(c.take(true));
      }
      related.push(rows);
    }
    yield { row, related };
  }
  for (const c of cursors) while (c.ready() || (await c.load())) c.take(false);
}
