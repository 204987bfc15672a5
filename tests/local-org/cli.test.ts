/**
 * `npm run local-org`: the seeds its usage text offers start an org (team:<reps>x<open deals>
 * among them), and a seed or option it does not know is refused with the usage, exit 2.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

jest.setTimeout(120_000);

/** Runs the CLI; once it prints its instance URL, stops it with SIGTERM. */
function runCli(args: string[]): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'scripts', 'build', 'run.mjs'),
        join(ROOT, 'scripts', 'local-org', 'cli.ts'),
        ...args
      ],
      { cwd: ROOT }
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('instance url:')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (status) => done({ status, out, err }));
  });
}

describe('the local org CLI', () => {
  it('starts with the team seed its usage offers', async () => {
    const run = await runCli(['--seed', 'team:2x3']);
    // SIGTERM is the CLI's stop signal: it closes the org and exits 0.
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/^instance url: http:\/\/127\.0\.0\.1:\d+$/m);
    // team:2x3 is one manager over 2 reps with 3 open deals (seeds/team.ts).
    expect(run.err).toMatch(/team seed: 1 manager, 2 reps, \d+ opportunities \(3 open\)/);
  });

  it('refuses a seed it does not know, and an unknown option, with the usage', async () => {
    for (const args of [
      ['--seed', 'team:lots'],
      ['--colour', 'red']
    ]) {
      const run = await runCli(args);
      expect({ status: run.status, out: run.out }).toEqual({ status: 2, out: '' });
      expect(run.err).toContain('usage: npm run local-org -- [options]');
      expect(run.err).toContain('team:<reps>x<open deals>[x<teams>] (e.g. team:50x5000)');
    }
  });
});
