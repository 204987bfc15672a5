import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** Starts the local org CLI on a data folder; resolves with its URL and token once ready. */
function startCli(dataDir: string): Promise<{ child: ChildProcess; url: string; token: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'scripts', 'build', 'run.mjs'),
        join(ROOT, 'scripts', 'local-org', 'cli.ts'),
        '--data',
        dataDir,
        '--seed',
        'none'
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /instance url: (\S+)/.exec(out)?.[1];
      // The administrator's session: the sync's user may not create nudge answers.
      const token = /admin access token: (\S+)/.exec(out)?.[1];
      if (url && token) resolvePromise({ child, url, token });
    });
    child.on('exit', (code) => reject(new Error(`local org exited with ${code}`)));
  });
}

describe('local org durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adoption-coach-wal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged write after kill -9 in the middle of a write burst', async () => {
    const first = await startCli(dir);
    const acknowledged: { id: string; key: string }[] = [];
    let stop = false;
    const writer = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const key = `w${n}-${i}`;
        try {
          const res = await fetch(`${first.url}/services/data/v62.0/sobjects/Nudge_Response__c`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${first.token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              Nudge_Key__c: key,
              Action__c: 'Fixed',
              Comment__c: 'x'.repeat(200)
            })
          });
          if (res.status !== 201) return;
          acknowledged.push({ id: ((await res.json()) as { id: string }).id, key });
        } catch {
          return; // the server died mid-request: this write was never acknowledged
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);

    const second = await startCli(dir);
    try {
      const res = await fetch(
        `${second.url}/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id, Nudge_Key__c, Action__c FROM Nudge_Response__c')}`,
        { headers: { Authorization: `Bearer ${second.token}` } }
      );
      const body = (await res.json()) as {
        totalSize: number;
        records: { Id: string; Nudge_Key__c: string; Action__c: string }[];
      };
      const stored = new Map(body.records.map((r) => [r.Id, r]));
      const missing = acknowledged.filter((a) => stored.get(a.id)?.Nudge_Key__c !== a.key);
      expect(missing).toEqual([]);
      expect(
        body.records.every((r) => r.Action__c === 'Fixed' && /^w\d-\d+$/.test(r.Nudge_Key__c))
      ).toBe(true);
      expect(body.totalSize).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      second.child.kill('SIGTERM');
    }
  });
});
