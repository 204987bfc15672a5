/**
 * The local org's durability: a data folder holding a snapshot and a write-ahead log, both
 * JSON lines. Every acknowledged write is in the log (fsync before the API answers); on start
 * both are replayed, then compacted into a fresh snapshot and an empty log.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync
} from 'node:fs';
import { join } from 'node:path';
import type { SharingModel } from './access';
import type { Row } from './types';

/** One line of the snapshot or the log: a row as stored, or an object's org-wide default. */
export type LogEntry = { o: string; r: Row; s?: undefined } | { o: string; s: SharingModel };

/** Calls `apply` with every entry of the folder's snapshot, then of its log, in order. */
export function replayDataDir(dataDir: string, apply: (entry: LogEntry) => void): void {
  const log = join(dataDir, 'wal.jsonl');
  for (const file of [join(dataDir, 'snapshot.jsonl'), log]) {
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line === '') continue;
      let entry: LogEntry;
      try {
        entry = JSON.parse(line);
      } catch {
        // A torn last line is a write that was never acknowledged; anything else is damage.
        if (file === log && i >= lines.length - 2) break;
        throw new Error(`${file}:${i + 1}: unreadable entry`);
      }
      apply(entry);
    }
  }
}

export class WriteAheadLog {
  private fd: number | null = null;
  private pending: string[] = [];

  /**
   * Writes `entries` as the folder's snapshot (temp file + rename), then starts an empty log
   * there; later appends go to it.
   */
  open(dataDir: string, entries: Iterable<LogEntry>): void {
    mkdirSync(dataDir, { recursive: true });
    const snapshot = join(dataDir, 'snapshot.jsonl');
    const tmp = `${snapshot}.tmp`;
    const fd = openSync(tmp, 'w');
    let buf = '';
    for (const entry of entries) {
      buf += `${JSON.stringify(entry)}\n`;
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    if (buf) writeSync(fd, buf);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, snapshot);
    this.fd = openSync(join(dataDir, 'wal.jsonl'), 'w');
    fsyncSync(this.fd);
  }

  /** Queues an entry for the next commit (nothing while no folder is open). */
  append(entry: LogEntry): void {
    if (this.fd !== null) this.pending.push(`${JSON.stringify(entry)}\n`);
  }

  /** How many entries are queued: a point `rollback` can return to. */
  mark(): number {
    return this.pending.length;
  }

  /** Drops the entries queued since `mark`. */
  rollback(mark: number): void {
    this.pending.length = mark;
  }

  /** Makes every queued entry durable. */
  commit(): void {
    if (this.fd !== null && this.pending.length > 0) {
      writeSync(this.fd, this.pending.join(''));
      fsyncSync(this.fd);
    }
    this.pending = [];
  }

  close(): void {
    this.commit();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
