/**
 * RFC 4180 CSV as Bulk API 2.0 reads and writes it (comma, LF, quotes doubled): both ends of the
 * wire use it, the local org to answer and the sync to read results as they stream in.
 */

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\n`;
}

const SPECIAL = /[",\r\n]/g;

/**
 * Reads CSV text arriving in chunks of any size (a quoted cell may span lines and chunks) and
 * hands back the rows each chunk completes.
 */
export class CsvReader {
  private row: string[] = [];
  private cell = '';
  private quoted = false;
  /** A quote seen inside a quoted cell: the end of the cell, or the first of a doubled quote. */
  private quoteSeen = false;
  /** A CR ended the last row; an LF right after it belongs to the same line end. */
  private afterCr = false;
  /** Something of the current row was read (a row of one empty cell is still a row). */
  private started = false;

  push(text: string): string[][] {
    const rows: string[][] = [];
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.afterCr) {
        this.afterCr = false;
        if (text.charCodeAt(i) === 10) {
          i++;
          continue;
        }
      }
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (text.charCodeAt(i) === 34) {
          this.cell += '"';
          i++;
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.cell += text.slice(i);
          break;
        }
        this.cell += text.slice(i, q);
        this.quoteSeen = true;
        i = q + 1;
        continue;
      }
      SPECIAL.lastIndex = i;
      const m = SPECIAL.exec(text);
      if (!m) {
        this.cell += text.slice(i);
        this.started = true;
        break;
      }
      const j = m.index;
      this.cell += text.slice(i, j);
      this.started = true;
      const c = text.charCodeAt(j);
      i = j + 1;
      if (c === 34) {
        if (this.cell === '') this.quoted = true;
        else this.cell += '"';
      } else if (c === 44) {
        this.row.push(this.cell);
        this.cell = '';
      } else {
        this.row.push(this.cell);
        rows.push(this.row);
        this.row = [];
        this.cell = '';
        this.started = false;
        this.afterCr = c === 13;
      }
    }
    return rows;
  }

  /** The last row, when the text did not end with a line break. */
  end(): string[][] {
    this.quoted = false;
    this.quoteSeen = false;
    if (!this.started && this.row.length === 0) return [];
    this.row.push(this.cell);
    const rows = [this.row];
    this.row = [];
    this.cell = '';
    this.started = false;
    return rows;
  }
}

/** Parses CSV text into rows of cells; a quoted cell may span lines. */
export function parseCsv(text: string): string[][] {
  const reader = new CsvReader();
  return [...reader.push(text), ...reader.end()];
}
