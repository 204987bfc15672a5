/**
 * Streams sorted by one key, joined as they arrive: for each opportunity (the driving stream,
 * by Id) the rows of every other stream with that key (its history, contact roles, activities,
 * insight). Only one deal's rows are in memory at a time, whatever the size of the org.
 */
import type { Row } from './api';

export interface SortedStream {
  name: string;
  rows: AsyncIterable<Row>;
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

class Cursor {
  private readonly iterator: AsyncIterator<Row>;
  head: Row | undefined;
  headKey: string | null = null;
  private done = false;
  private lastKey: string | null | undefined;

  constructor(readonly stream: SortedStream) {
    this.iterator = stream.rows[Symbol.asyncIterator]();
  }

  /** Reads the next row into `head`, unless one is waiting; false at the end. */
  async fill(): Promise<boolean> {
    if (this.head !== undefined) return true;
    if (this.done) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    const key = this.stream.key(next.value);
    if (this.lastKey !== undefined && compareKeys(key, this.lastKey) < 0) {
      throw new Error(
        `${this.stream.name}: rows out of order (${key} after ${this.lastKey}); the join needs them sorted by key`
      );
    }
    this.lastKey = key;
    this.head = next.value;
    this.headKey = key;
    return true;
  }

  take(matched: boolean): Row {
    const row = this.head!;
    this.head = undefined;
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
  while (await lead.fill()) {
    const key = lead.headKey;
    const row = lead.take(true);
    const related: Row[][] = [];
    for (const c of cursors) {
      const rows: Row[] = [];
      while (await c.fill()) {
        const order = compareKeys(c.headKey, key);
        if (order > 0) break;
        if (order < 0) c.take(false);
        else rows.push(c.take(true));
      }
      related.push(rows);
    }
    yield { row, related };
  }
  for (const c of cursors) while (await c.fill()) c.take(false);
}
