/**
 * The heavy tools only some tasks need live in packages of their own under tools/<name>,
 * installed on first use by scripts/build/tools.mjs (see there for what each holds). This is
 * how TypeScript code reaches them: it installs the tool when need be, then requires from it.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

export type ToolName = 'sf-cli' | 'analyzer' | 'browser' | 'lint' | 'lwc-compiler';

/** tools/<name>, installed from its lock file (npm ci on first use, with a message saying so). */
export function ensureTool(name: ToolName): string {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build', 'tools.mjs'), name], {
    stdio: ['ignore', 'inherit', 'inherit']
  });
  if (run.status !== 0)
    throw new Error(
      `tools/${name} is not installed and installing it failed: node scripts/build/tools.mjs ${name} exited ${run.status ?? run.signal}`
    );
  return join(ROOT, 'tools', name);
}

/** `require` resolving from tools/<name>: the tool's own packages. */
export function toolRequire(name: ToolName): NodeJS.Require {
  return createRequire(join(ensureTool(name), 'package.json'));
}
