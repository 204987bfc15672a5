#!/usr/bin/env node
// The heavy tools only some tasks need, each a package of its own under tools/<name> with its
// own committed lock file, installed there (tools/<name>/node_modules) on first use, so that
// `npm install && npm start` installs none of them:
//   sf-cli    the Salesforce CLI and source-deploy-retrieve: the offline conversion check
//             (scripts/metadata/conversion.ts) and the tests where `sf` judges the local org
//   analyzer  Salesforce Code Analyzer and its engines: `npm run analyze` (part of `npm run lint`)
//   browser   playwright-core and axe-core: the browser tests (Chromium itself is the system's)
//   lint      ESLint with its configurations and TypeScript: `npm run lint` (ESLint and the size
//             check), `npm run typecheck`, and the size check's unit tests
//   lwc-compiler  the platform's LWC compiler (@lwc/sfdc-lwc-compiler): the metadata checks and
//             the unit tests that compile each bundle as a deploy would
//   test      jest with the Lightning preset (@salesforce/sfdx-lwc-jest), the sa11y matchers,
//             jest's types and StrykerJS: `npm test`, `npm run typecheck`, `npm run test:mutation`
//
//   node scripts/build/tools.mjs <name...>   installs those not installed yet (or whose lock file
//                                            changed since), with `npm ci`, saying so first
// The scripts that need a tool run this first (see package.json), as do the test runners.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What each tool is for, as the install message says it. */
export const TOOLS = {
  'sf-cli':
    'the Salesforce CLI, for the conversion check and the tests where sf judges the local org',
  analyzer: 'Salesforce Code Analyzer, for npm run analyze',
  browser: 'playwright-core and axe-core, for the browser tests',
  lint: 'ESLint and TypeScript, for npm run lint, npm run typecheck and the size check',
  'lwc-compiler': "the platform's LWC compiler, for the metadata checks and their tests",
  test: 'jest with the Lightning preset, sa11y and StrykerJS, for npm test and the mutation runs'
};

export const toolDir = (name) => join(ROOT, 'tools', name);
const STAMP = '.adoption-coach-lock-sha256';

const lockHash = (name) =>
  createHash('sha256')
    .update(readFileSync(join(toolDir(name), 'package-lock.json')))
    .digest('hex');

/** True when tools/<name> is installed from its current lock file. */
export function installed(name) {
  const stamp = join(toolDir(name), 'node_modules', STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash(name);
}

/** A lock held while installing, so two runs at once do not install into the same folder. */
function withLock(name, fn) {
  const lock = join(toolDir(name), '.installing');
  for (let waited = 0; ; waited += 1) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock older than 30 minutes was left by an install that was killed.
      if (Date.now() - statSync(lock).mtimeMs > 30 * 60_000) rmSync(lock, { recursive: true });
      else {
        if (waited === 0) process.stderr.write(`waiting for another install of tools/${name}\n`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
      }
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Installs tools/<name> unless it is installed from its current lock file; throws on failure. */
export function ensureTool(name) {
  if (!TOOLS[name])
    throw new Error(`unknown tool "${name}"; tools: ${Object.keys(TOOLS).join(', ')}`);
  if (installed(name)) return;
  withLock(name, () => {
    if (installed(name)) return;
    const dir = toolDir(name);
    process.stderr.write(
      `installing tools/${name} (${TOOLS[name]}): npm ci in ${dir}, once; this takes a minute or more\n`
    );
    const started = Date.now();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
      shell: process.platform === 'win32'
    });
    if (run.status !== 0)
      throw new Error(`npm ci in tools/${name} exited ${run.status ?? run.signal}`);
    writeFileSync(join(dir, 'node_modules', STAMP), lockHash(name));
    process.stderr.write(
      `tools/${name} installed in ${((Date.now() - started) / 1000).toFixed(0)} s\n`
    );
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  if (names.length === 0) {
    process.stderr.write(
      `usage: node scripts/build/tools.mjs <${Object.keys(TOOLS).join('|')}>...\n`
    );
    process.exit(2);
  }
  try {
    for (const name of names) ensureTool(name);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
