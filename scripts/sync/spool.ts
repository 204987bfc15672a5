import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Row } from './api';

/**
 * Rows waiting to be loaded, kept in a temporary file rather than in memory (a first run of a
 * large org writes an insight for every open deal).
 */
export class Spool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'adoption-coach-sync-'));
  private readonly file = join(this.dir, 'pending.ndjson');
  private readonly fd = openSync(this.file, 'w');
  private buffer = '';
  count = 0;

  write(row: Row): void {
    this.buffer += `${JSON.stringify(row)}\n`;
    this.count++;
    if (this.buffer.length > 1 << 16) this.flush();
  }

  private flush(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** The rows in batches of up to `size`, in the order written. */
  async *batches(size: number): AsyncGenerator<Row[]> {
    this.flush();
    let batch: Row[] = [];
    const lines = createInterface({ input: createReadStream(this.file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      batch.push(JSON.parse(line) as Row);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  async readAll(): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const batch of this.batches(10000)) rows.push(...batch);
    return rows;
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
