/**
 * The replica's files (scripts/sync/replica.ts): a generation written, committed, read back and
 * replaced; a state that is missing, broken, of another setup or without its files is no
 * replica. Expected contents are the rows written here.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Row } from '../../scripts/sync/api';
import {
  readReplica,
  REPLICA_STREAMS,
  replicaIdentity,
  replicaRows,
  ReplicaWriter,
  type ReplicaMeta,
  type StreamName
} from '../../scripts/sync/replica';

const dirs: string[] = [];
function root(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ac-replica-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const META = {
  identity: 'id-1',
  periodStart: '2026-11-16',
  asOf: '2026-11-20',
  watermark: '2026-11-20T18:00:00.000Z'
};

async function all(dir: string, meta: ReplicaMeta, stream: StreamName): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const batch of replicaRows(dir, meta, stream)) rows.push(...batch);
  return rows;
}

describe('the replica', () => {
  it('identity: 16 hex digits of a hash of the parts, different parts giving another', () => {
    const a = replicaIdentity(['org', 1]);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(replicaIdentity(['org', 1])).toBe(a);
    expect(replicaIdentity(['org', 2])).not.toBe(a);
  });

  it('a committed generation is read back as written, with its counts', async () => {
    const dir = root();
    const w = new ReplicaWriter(dir, 1);
    w.write('Opportunity', { Id: '006A', Name: 'A' });
    w.write('Opportunity', { Id: '006B', Name: 'B' });
    w.write('Task', { Id: '00TA', WhatId: '006A' });
    // Nothing counts before the commit.
    expect(readReplica(dir, 'id-1')).toBeNull();
    w.commit(META);
    const meta = readReplica(dir, 'id-1');
    expect(meta).toEqual({
      version: 1,
      ...META,
      generation: 1,
      counts: {
        Opportunity: 2,
        OpportunityHistory: 0,
        OpportunityContactRole: 0,
        Task: 1,
        Event: 0,
        Deal_Insight__c: 0
      }
    });
    expect(await all(dir, meta!, 'Opportunity')).toEqual([
      { Id: '006A', Name: 'A' },
      { Id: '006B', Name: 'B' }
    ]);
    expect(await all(dir, meta!, 'Task')).toEqual([{ Id: '00TA', WhatId: '006A' }]);
    expect(await all(dir, meta!, 'Event')).toEqual([]);
    // Another setup's identity: no replica.
    expect(readReplica(dir, 'id-2')).toBeNull();
  });

  it('the next generation replaces the last; the old one’s files go at the commit', async () => {
    const dir = root();
    const first = new ReplicaWriter(dir, 1);
    first.write('Opportunity', { Id: '006A' });
    first.commit(META);
    const second = new ReplicaWriter(dir, 2);
    second.write('Opportunity', { Id: '006C' });
    // Until the commit, generation 1 is the replica.
    expect(readReplica(dir, 'id-1')?.generation).toBe(1);
    second.commit({ ...META, asOf: '2026-11-21' });
    const meta = readReplica(dir, 'id-1')!;
    expect(meta).toMatchObject({ generation: 2, asOf: '2026-11-21' });
    expect(await all(dir, meta, 'Opportunity')).toEqual([{ Id: '006C' }]);
    expect(readdirSync(dir).sort()).toEqual(['gen-2', 'state.json']);
  });

  it('an aborted generation leaves nothing, and the last committed one stands', () => {
    const dir = root();
    const first = new ReplicaWriter(dir, 1);
    first.commit(META);
    const second = new ReplicaWriter(dir, 2);
    second.write('Task', { Id: '00TB' });
    second.abort();
    expect(existsSync(join(dir, 'gen-2'))).toBe(false);
    expect(readReplica(dir, 'id-1')?.generation).toBe(1);
  });

  it('drop leaves out the rows whose field is in the set, and counts the rest', async () => {
    const dir = root();
    const w = new ReplicaWriter(dir, 1);
    for (const [id, opp] of [
      ['a1', '006A'],
      ['b1', '006B'],
      ['a2', '006A'],
      ['c1', '006C']
    ])
      w.write('Deal_Insight__c', { Id: id, Opportunity__c: opp });
    await w.drop('Deal_Insight__c', 'Opportunity__c', new Set());
    expect(w.counts.Deal_Insight__c).toBe(4);
    await w.drop('Deal_Insight__c', 'Opportunity__c', new Set(['006A', '006X']));
    expect(w.counts.Deal_Insight__c).toBe(2);
    // Rows written after a drop follow the kept ones.
    w.write('Deal_Insight__c', { Id: 'd1', Opportunity__c: '006D' });
    w.commit(META);
    const meta = readReplica(dir, 'id-1')!;
    expect(meta.counts.Deal_Insight__c).toBe(3);
    expect(await all(dir, meta, 'Deal_Insight__c')).toEqual([
      { Id: 'b1', Opportunity__c: '006B' },
      { Id: 'c1', Opportunity__c: '006C' },
      { Id: 'd1', Opportunity__c: '006D' }
    ]);
    expect(readdirSync(join(dir, 'gen-1')).sort()).toEqual(
      [...REPLICA_STREAMS].map((s) => `${s}.ndjson`).sort()
    );
  });

  it('rows beyond the 1 MiB buffer and beyond one read chunk come back whole and in order', async () => {
    const dir = root();
    const w = new ReplicaWriter(dir, 1);
    // 250 rows of about 10,000 characters: 2.5 MB, past the buffer, in many 64 KiB chunks.
    const text = 'y'.repeat(10000);
    for (let i = 0; i < 250; i++) w.write('OpportunityHistory', { Id: `h${i}`, Text: text });
    w.commit(META);
    const meta = readReplica(dir, 'id-1')!;
    const rows = await all(dir, meta, 'OpportunityHistory');
    expect(rows.map((r) => r.Id)).toEqual([...Array(250).keys()].map((i) => `h${i}`));
    expect(rows.every((r) => r.Text === text)).toBe(true);
  });

  it('two-byte characters across a read chunk’s edge come back whole', async () => {
    const dir = root();
    const w = new ReplicaWriter(dir, 1);
    // '{"Id":"e0","Text":"' is 19 bytes, then 40,000 'é' of 2 bytes each: the 64 KiB chunk
    // edge (byte 65,536) falls inside an 'é' (bytes 65,535 and 65,536).
    const text = 'é'.repeat(40000);
    w.write('Task', { Id: 'e0', Text: text });
    w.write('Task', { Id: 'e1', Text: text });
    w.commit(META);
    const rows = await all(dir, readReplica(dir, 'id-1')!, 'Task');
    expect(rows).toEqual([
      { Id: 'e0', Text: text },
      { Id: 'e1', Text: text }
    ]);
  });

  it('a new state folder is made; a half-written generation of a crashed run is replaced', () => {
    const dir = join(root(), 'state', 'org.example.com');
    const first = new ReplicaWriter(dir, 1);
    first.commit(META);
    // A crash left gen-2 with a file in it.
    mkdirSync(join(dir, 'gen-2'));
    writeFileSync(join(dir, 'gen-2', 'Task.ndjson'), '{"Id":"stale"}\n');
    const second = new ReplicaWriter(dir, 2);
    second.commit(META);
    expect(readFileSync(join(dir, 'gen-2', 'Task.ndjson'), 'utf8')).toBe('');
  });

  it('the commit removes every other generation, gen-10 too, and nothing else', () => {
    const dir = root();
    new ReplicaWriter(dir, 10).commit(META);
    writeFileSync(join(dir, 'notes-gen-1'), 'kept');
    writeFileSync(join(dir, 'gen-3.bak'), 'kept');
    new ReplicaWriter(dir, 11).commit(META);
    expect(readdirSync(dir).sort()).toEqual(['gen-11', 'gen-3.bak', 'notes-gen-1', 'state.json']);
  });

  it('a file without its last newline still gives its last row', async () => {
    const dir = root();
    const w = new ReplicaWriter(dir, 1);
    w.commit(META);
    writeFileSync(join(dir, 'gen-1', 'Event.ndjson'), '{"Id":"00U1"}\n{"Id":"00U2"}');
    const meta = readReplica(dir, 'id-1')!;
    expect(await all(dir, meta, 'Event')).toEqual([{ Id: '00U1' }, { Id: '00U2' }]);
  });

  it('no state, a broken state, another version or a missing stream file: no replica', () => {
    const dir = root();
    expect(readReplica(dir, 'id-1')).toBeNull();
    const w = new ReplicaWriter(dir, 1);
    w.commit(META);
    const state = readFileSync(join(dir, 'state.json'), 'utf8');
    expect(readReplica(dir, 'id-1')).not.toBeNull();
    writeFileSync(join(dir, 'state.json'), '{');
    expect(readReplica(dir, 'id-1')).toBeNull();
    writeFileSync(join(dir, 'state.json'), state.replace('"version": 1', '"version": 2'));
    expect(readReplica(dir, 'id-1')).toBeNull();
    writeFileSync(join(dir, 'state.json'), state);
    rmSync(join(dir, 'gen-1', 'Deal_Insight__c.ndjson'));
    expect(readReplica(dir, 'id-1')).toBeNull();
  });
});
