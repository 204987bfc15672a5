/** The spool of rows waiting to be loaded (scripts/sync/spool.ts): a temporary file, in order. */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import { Spool } from '../../scripts/sync/spool';

describe('the spool', () => {
  it('gives back the rows in the order written, in batches of the size asked', async () => {
    const spool = new Spool();
    try {
      for (let i = 1; i <= 5; i++) spool.write({ Name: `row ${i}`, N: i });
      expect(spool.count).toBe(5);
      const sizes: number[] = [];
      const names: unknown[] = [];
      for await (const batch of spool.batches(2)) {
        sizes.push(batch.length);
        names.push(...batch.map((r) => r.Name));
      }
      // 5 rows in twos: 2, 2 and the last 1.
      expect(sizes).toEqual([2, 2, 1]);
      expect(names).toEqual(['row 1', 'row 2', 'row 3', 'row 4', 'row 5']);
      expect(await spool.readAll()).toEqual(
        [1, 2, 3, 4, 5].map((i) => ({ Name: `row ${i}`, N: i }))
      );
      // Exactly a multiple of the size: no empty batch at the end.
      const fours: number[] = [];
      for await (const batch of spool.batches(5)) fours.push(batch.length);
      expect(fours).toEqual([5]);
    } finally {
      spool.close();
    }
  });

  it('an empty spool gives no batch', async () => {
    const spool = new Spool();
    try {
      const batches: unknown[] = [];
      for await (const batch of spool.batches(3)) batches.push(batch);
      expect(batches).toEqual([]);
      expect(spool.count).toBe(0);
    } finally {
      spool.close();
    }
  });

  it('rows beyond the in-memory buffer (1 MiB) go to the file as they come, and all come back', async () => {
    const spool = new Spool();
    try {
      // 300 rows of about 10,000 characters: 3 MB, over the 1,048,576-character buffer.
      const text = 'x'.repeat(10000);
      for (let i = 0; i < 300; i++) spool.write({ I: i, Text: text });
      const rows = await spool.readAll();
      expect(rows).toHaveLength(300);
      expect(rows.map((r) => r.I)).toEqual([...Array(300).keys()]);
      expect(rows.every((r) => r.Text === text)).toBe(true);
    } finally {
      spool.close();
    }
  });

  it('close removes the temporary folder', () => {
    const spool = new Spool();
    const dir = (spool as unknown as { dir: string }).dir;
    expect(existsSync(dir)).toBe(true);
    // A folder of the system's temporary folder that says whose it is.
    expect(basename(dir).startsWith('adoption-coach-sync-')).toBe(true);
    expect(dirname(dir)).toBe(tmpdir());
    spool.close();
    expect(existsSync(dir)).toBe(false);
  });
});
