/** The sync CLI in its own process, as an admin runs it, against a local org started in the test. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LocalOrg } from '../../scripts/local-org';

const ROOT = resolve(__dirname, '..', '..');

export interface CliRun {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run sync -- --instance-url … --as-of 2026-11-20 <flags>` with the org's token; the
 * replica goes to a folder of this run's own unless the flags name one.
 */
export function runCli(
  org: LocalOrg,
  flags: string[],
  env: Record<string, string> = {}
): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'scripts', 'build', 'run.mjs'),
        join(ROOT, 'scripts', 'sync', 'cli.ts'),
        '--instance-url',
        org.instanceUrl,
        '--as-of',
        '2026-11-20',
        ...(flags.includes('--state-dir')
          ? []
          : ['--state-dir', mkdtempSync(join(tmpdir(), 'ac-state-'))]),
        ...flags
      ],
      { env: { ...process.env, SF_ACCESS_TOKEN: org.accessToken, ...env } }
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status, signal) => done({ status, signal, stdout, stderr }));
  });
}
