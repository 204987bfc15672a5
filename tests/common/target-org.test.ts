/**
 * `--target-org`: a login stored by the pinned Salesforce CLI (`sf org login access-token`, into a
 * throw-away HOME) is read back through @salesforce/core and gives a connection that queries the
 * local org; the sync CLI runs on it. An unknown alias is one clear error, and no output carries
 * the token.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  ADMIN_USERNAME,
  INTEGRATION_USERNAME,
  startLocalOrg,
  type LocalOrg
} from '../../scripts/local-org';
import { loginAsAdmin, sfEnv as sfCliEnv } from '../support/sf-cli';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');

jest.setTimeout(240_000);

describe('the Salesforce CLI stored login (--target-org)', () => {
  let org: LocalOrg;
  let home: string;
  const sfEnv = () => sfCliEnv(home);

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'target-org-'));
    org = await startLocalOrg({ seed: 'none' });
    await loginAsAdmin(org, home, 'coach');
  });
  afterAll(async () => {
    await org.close();
    rmSync(home, { recursive: true, force: true });
  });

  /** Runs target-org.child.ts on `alias` with the stored login's HOME; returns what it printed. */
  async function readInChild(alias: string): Promise<Record<string, unknown>> {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'scripts', 'build', 'run.mjs'), join(__dirname, 'target-org.child.ts'), alias],
      { cwd: ROOT, env: { ...process.env, ...sfEnv() } }
    );
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  it('reads the login by alias and by username, and its connection queries the org', async () => {
    const byAlias = await readInChild('coach');
    // Every local org, seeded or not, holds its administrator and the sync's integration user.
    expect(byAlias).toMatchObject({
      username: ADMIN_USERNAME,
      // The CLI stores the instance URL it was given with a trailing slash.
      instanceUrl: `${org.instanceUrl}/`,
      tokenLength: org.adminToken.length,
      connectionInstanceUrl: `${org.instanceUrl}/`
    });
    expect(byAlias.users).toEqual(expect.arrayContaining([ADMIN_USERNAME, INTEGRATION_USERNAME]));
    expect(JSON.stringify(byAlias)).not.toContain(org.adminToken);
    expect(await readInChild(ADMIN_USERNAME)).toEqual(byAlias);
  });

  it('names the alias and what to run when there is no such login', async () => {
    expect(await readInChild('nobody')).toEqual({
      error: 'TargetOrgError',
      message: "no Salesforce CLI login for 'nobody': run sf org login web -a nobody"
    });
  });

  it('runs the sync CLI on the stored login without printing the token', async () => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'scripts', 'build', 'run.mjs'),
        join(ROOT, 'scripts', 'sync', 'cli.ts'),
        '--target-org',
        'coach',
        '--as-of',
        '2026-11-20',
        '--dry-run',
        '--json',
        '--state-dir',
        join(home, 'state')
      ],
      { cwd: ROOT, env: { ...process.env, ...sfEnv() } }
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const status = await new Promise<number | null>((done) => child.on('close', done));
    expect({ status, out }).toEqual({ status: 0, out: expect.any(String) });
    expect(out).not.toContain(org.adminToken);
    // An org without a seed has no audience: the dry run scores nobody and writes nothing.
    expect(JSON.parse(out.slice(out.indexOf('{')))).toMatchObject({ snapshots: 0, insights: 0 });
  });
});
