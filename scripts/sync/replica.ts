/**
 * The sync's replica: what the last run read of the org's large objects (open and recent deals,
 * their history and contact roles, activities of the window, the insights as written), one
 * file a stream, each sorted as the org's queries return it. An incremental run reads only what
 * changed since the watermark and merges it into these files, so 1 % of changed records costs a
 * handful of API calls instead of a full extract.
 *
 * A run writes a new generation beside the current one and switches `state.json` to it with one
 * atomic rename once everything is written: a crash at any point leaves the last complete
 * generation in place.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Row } from './api';
import { compareRows } from './join';

export const REPLICA_STREAMS = [
  'Opportunity',
  'OpportunityHistory',
  'OpportunityContactRole',
  'Task',
  'Event',
  'Deal_Insight__c'
] as const;
export type StreamName = (typeof REPLICA_STREAMS)[number];

export interface ReplicaMeta {
  version: 1;
  /** Which org, config and field selection the files hold: any difference means a full run. */
  identity: string;
  periodStart: string;
  asOf: string;
  /** Records changed at or after this time (the org's clock) are read again next run. */
  watermark: string;
  generation: number;
  counts: Record<string, number>;
}

const VERSION = 1;

/** A hash of everything the replica's contents depend on besides the org's data. */
export function replicaIdentity(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/** The last complete generation, or null when there is none (or it belongs to another setup). */
export function readReplica(dir: string, identity: string): ReplicaMeta | null {
  const file = join(dir, 'state.json');
  if (!existsSync(file)) return null;
  let meta: ReplicaMeta;
  try {
    meta = JSON.parse(readFileSync(file, 'utf8')) as ReplicaMeta;
  } catch {
    return null;
  }
  if (meta.version !== VERSION || meta.identity !== identity) return null;
  const gen = join(dir, `gen-${meta.generation}`);
  if (!REPLICA_STREAMS.every((s) => existsSync(join(gen, `${s}.ndjson`)))) return null;
  return meta;
}

/** The rows of one stream of a generation, in file order, in batches. */
export async function* replicaRows(
  dir: string,
  meta: ReplicaMeta,
  stream: StreamName
): AsyncGenerator<Row[]> {
  const file = join(dir, `gen-${meta.generation}`, `${stream}.ndjson`);
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop()!;
    yield lines.filter((l) => l).map((l) => JSON.parse(l) as Row);
  }
  if (rest) yield [JSON.parse(rest) as Row];
}

/**
 * A stream's rows with the org's changes applied, in the same (key, Id) order: changed rows
 * replace their old version wherever it was (a task may have moved to another deal), deleted
 * ones go, rows `keep` refuses go (the window moved), and every old row of a key in
 * `replaceKeys` goes (a changed deal's history is read again whole).
 */
export async function* applyChanges(
  batches: AsyncIterable<Row[]>,
  changes: Row[],
  options: {
    key: (row: Row) => string | null;
    keep: (row: Row) => boolean;
    replaceKeys?: Set<string>;
  }
): AsyncGenerator<Row[]> {
  const changed = new Set(changes.map((r) => String(r.Id)));
  const order = compareRows(options.key);
  const upserts = changes
    .filter((r) => r.IsDeleted !== true && options.keep(r))
    .map(({ IsDeleted: _deleted, ...row }) => row)
    .sort(order);
  let i = 0;
  for await (const batch of batches) {
    const out: Row[] = [];
    for (const row of batch) {
      if (changed.has(String(row.Id)) || !options.keep(row)) continue;
      const key = options.key(row);
      if (key !== null && options.replaceKeys?.has(key)) continue;
      while (i < upserts.length && order(upserts[i], row) < 0) out.push(upserts[i++]);
      out.push(row);
    }
    if (out.length) yield out;
  }
  if (i < upserts.length) yield upserts.slice(i);
}

/** Writes the next generation; nothing of it counts until `commit`. */
export class ReplicaWriter {
  private readonly dir: string;
  private readonly fds = new Map<StreamName, number>();
  private readonly buffers = new Map<StreamName, string>();
  readonly counts: Record<string, number> = {};

  constructor(
    private readonly root: string,
    readonly generation: number
  ) {
    this.dir = join(root, `gen-${generation}`);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    for (const s of REPLICA_STREAMS) {
      this.fds.set(s, openSync(join(this.dir, `${s}.ndjson`), 'w'));
      this.buffers.set(s, '');
      this.counts[s] = 0;
    }
  }

  write(stream: StreamName, row: Row): void {
    const buffer = `${this.buffers.get(stream)}${JSON.stringify(row)}\n`;
    this.counts[stream]++;
    if (buffer.length > 1 << 16) {
      writeSync(this.fds.get(stream)!, buffer);
      this.buffers.set(stream, '');
    } else this.buffers.set(stream, buffer);
  }

  /** Leaves out rows of `stream` whose `field` is in `values` (insights that failed to load). */
  async drop(stream: StreamName, field: string, values: Set<string>): Promise<void> {
    if (values.size === 0) return;
    this.flush(stream);
    closeSync(this.fds.get(stream)!);
    const file = join(this.dir, `${stream}.ndjson`);
    renameSync(file, `${file}.old`);
    this.fds.set(stream, openSync(file, 'w'));
    this.counts[stream] = 0;
    const lines = createInterface({ input: createReadStream(`${file}.old`), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const row = JSON.parse(line) as Row;
      if (!values.has(String(row[field]))) this.write(stream, row);
    }
    rmSync(`${file}.old`);
  }

  private flush(stream: StreamName): void {
    const buffer = this.buffers.get(stream)!;
    if (buffer) writeSync(this.fds.get(stream)!, buffer);
    this.buffers.set(stream, '');
  }

  /** Makes this generation the current one (files durable first, then the pointer). */
  commit(meta: Omit<ReplicaMeta, 'version' | 'generation' | 'counts'>): void {
    for (const s of REPLICA_STREAMS) {
      this.flush(s);
      fsyncSync(this.fds.get(s)!);
      closeSync(this.fds.get(s)!);
    }
    this.fds.clear();
    const state: ReplicaMeta = {
      version: VERSION,
      ...meta,
      generation: this.generation,
      counts: this.counts
    };
    const tmp = join(this.root, 'state.json.tmp');
    writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(this.root, 'state.json'));
    for (const entry of readdirSync(this.root)) {
      if (/^gen-\d+$/.test(entry) && entry !== `gen-${this.generation}`) {
        rmSync(join(this.root, entry), { recursive: true, force: true });
      }
    }
  }

  /** Drops this generation (a dry run, or a run that failed). */
  abort(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
