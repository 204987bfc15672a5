/**
 * The pinned Salesforce CLI (tools/sf-cli, installed on first use: tools/sf-cli/node_modules/.bin/sf)
 * as the tests run it: offline, in a throw-away HOME.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { LocalOrg } from '../../scripts/local-org';
import { ensureTool } from '../../scripts/common/tools';

const run = promisify(execFile);
export const BIN = resolve(ensureTool('sf-cli'), 'node_modules', '.bin');

/** The CLI and @salesforce/core read the state folder and key under HOME; nothing is updated. */
export function sfEnv(home: string): Record<string, string> {
  return {
    HOME: home,
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SFDX_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true'
  };
}

/**
 * Runs `sf <args> --json` in `home` with `accessToken` in SF_ACCESS_TOKEN; returns its JSON
 * answer. A command that exits non-zero throws with what it printed.
 */
export async function runSf(
  home: string,
  accessToken: string,
  args: string[]
): Promise<{ status: number; result: Record<string, unknown> }> {
  const { stdout } = await run(join(BIN, 'sf'), [...args, '--json'], {
    cwd: home,
    env: { PATH: `${BIN}:${process.env.PATH ?? ''}`, ...sfEnv(home), SF_ACCESS_TOKEN: accessToken },
    maxBuffer: 16 << 20
  }).catch((e: { stdout?: string; message: string }) => {
    throw new Error(`sf ${args.join(' ')} failed: ${e.stdout ?? e.message}`);
  });
  return JSON.parse(stdout) as { status: number; result: Record<string, unknown> };
}

/** `sf org login access-token` to `org` as its administrator, stored under `alias`. */
export function loginAsAdmin(org: LocalOrg, home: string, alias: string) {
  return runSf(home, org.adminToken, [
    'org',
    'login',
    'access-token',
    '--instance-url',
    org.instanceUrl,
    '--alias',
    alias,
    '--no-prompt'
  ]);
}
