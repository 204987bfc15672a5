/**
 * A user's first step: `npm ci` on a fresh clone. The clone is of the committed HEAD (what a user
 * gets), and `npm ci --dry-run` must accept its package-lock.json: a lock file that misses a
 * platform's optional packages, or disagrees with package.json, makes npm ci exit non-zero.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

jest.setTimeout(300_000);

describe('npm ci on a fresh clone', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'adoption-coach-clone-'));
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, join(dir, 'repo')], {
      stdio: 'pipe'
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the committed lock file', () => {
    const run = spawnSync(npm, ['ci', '--dry-run', '--no-audit', '--no-fund'], {
      cwd: join(dir, 'repo'),
      encoding: 'utf8',
      env: { ...process.env, npm_config_loglevel: 'error' }
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
