/**
 * Fresh clone to first page: what a first-time user waits for, from `git clone` to the first
 * page of the product served with its data.
 *
 * Usage: npm run bench:first-page [-- --repo <path or URL> --ref <branch or tag> --keep]
 *
 * Clones the repository (default: the one this file is in, at its current branch) into a
 * temporary folder, runs `npm install` there, then `npm start` on a free port, and polls the
 * preview until the first page is served with its data: the index lists the seed's users (read
 * from the local org), the first rep's Home page is served, and the page script (the compiled
 * components) and the rep's coaching data (a GraphQL query of the rep's Deal_Insight__c rows
 * through the preview's API) answer. Prints the time of each step, the node_modules size, and
 * the total beside the 60 s target; then stops the server and removes the folder (--keep leaves
 * it). npm's own cache (~/.npm) is used as it is: run it twice to compare with a warm cache.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const TARGET_S = 60;
const START_TIMEOUT_MS = 15 * 60_000;
const USAGE =
  'usage: npm run bench:first-page [-- --repo <path or URL> --ref <branch or tag> --keep]\n' +
  '  --repo <path|URL>  repository to clone (default: this one)\n' +
  '  --ref <name>       branch or tag to clone (default: the current branch)\n' +
  '  --keep             leave the clone in place';

function args() {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        repo: { type: 'string' },
        ref: { type: 'string' },
        keep: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const here = resolve(__dirname, '..', '..');
    const git = (a: string[]) =>
      execFileSync('git', ['-C', here, ...a], { encoding: 'utf8' }).trim();
    return {
      repo: values.repo ?? git(['rev-parse', '--show-toplevel']),
      ref: values.ref ?? git(['rev-parse', '--abbrev-ref', 'HEAD']),
      keep: values.keep === true
    };
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function step(label: string, command: string, argv: string[], cwd: string): number {
  process.stdout.write(`${label}: ${command} ${argv.join(' ')}\n`);
  const t = performance.now();
  const run = spawnSync(command, argv, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0)
    throw new Error(`${command} ${argv.join(' ')} exited ${run.status ?? run.signal}`);
  return performance.now() - t;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });
}

/** GET (or POST) `url`; the status and body, or null while nothing listens. */
async function fetchText(
  url: string,
  init?: RequestInit
): Promise<{ status: number; body: string } | null> {
  try {
    const res = await fetch(url, { ...init, redirect: 'manual' });
    return { status: res.status, body: await res.text() };
  } catch {
    return null;
  }
}

/**
 * True once the first page is served with its data: the index lists users, a rep's Home page
 * and the page script are served, and the rep's coaching data answers through the preview API.
 */
async function firstPageServed(base: string): Promise<boolean> {
  const index = await fetchText(`${base}/`);
  if (!index || index.status !== 200) return false;
  const ids = [...index.body.matchAll(/[?&]as=([a-zA-Z0-9]{15,18})/g)].map((m) => m[1]);
  if (ids.length === 0) return false;
  const home = await fetchText(`${base}/home?as=${ids[0]}`);
  const script = /<script type="module" src="([^"]+)">/.exec(home?.body ?? '')?.[1];
  if (!script) return false;
  const app = await fetchText(`${base}${script}`);
  if (home?.status !== 200 || app?.status !== 200 || app.body.length === 0) return false;
  const data = await fetchText(`${base}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-preview-user': ids[0] },
    body: JSON.stringify({
      query: 'query { uiapi { query { Deal_Insight__c(first: 1) { edges { node { Id } } } } } }'
    })
  });
  return data?.status === 200 && /"Id"/.test(data.body);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((ok) => {
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    const hard = setTimeout(() => kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(hard);
      ok();
    });
    kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const { repo, ref, keep } = args();
  const dir = mkdtempSync(join(tmpdir(), 'adoption-coach-first-page-'));
  const clone = join(dir, 'adoption-coach');
  let server: ChildProcess | undefined;
  try {
    process.stdout.write(`fresh clone of ${repo} (${ref}) in ${clone}\n`);
    const cloneMs = step('clone', 'git', ['clone', '--quiet', '--branch', ref, repo, clone], dir);
    const commit = execFileSync('git', ['-C', clone, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8'
    }).trim();
    const installMs = step('install', 'npm', ['install', '--no-audit', '--no-fund'], clone);
    const du = spawnSync('du', ['-sm', join(clone, 'node_modules')], { encoding: 'utf8' });
    const modulesMb = Number(du.stdout.split('\t')[0]);

    const port = await freePort();
    process.stdout.write(`start: npm start -- --port ${port}\n`);
    const t = performance.now();
    server = spawn('npm', ['start', '--', '--port', String(port)], {
      cwd: clone,
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit']
    });
    const exited = new Promise<never>((_, fail) =>
      server!.once('exit', (code) => fail(new Error(`npm start exited ${code} before serving`)))
    );
    exited.catch(() => undefined);
    const base = `http://127.0.0.1:${port}`;
    for (;;) {
      if (performance.now() - t > START_TIMEOUT_MS)
        throw new Error(`no first page at ${base} after ${seconds(START_TIMEOUT_MS)}`);
      if (await Promise.race([firstPageServed(base), exited])) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const startMs = performance.now() - t;
    const total = cloneMs + installMs + startMs;
    process.stdout.write(
      [
        '',
        `clone to first page, ${ref} at ${commit}:`,
        `  git clone              ${seconds(cloneMs).padStart(8)}`,
        `  npm install            ${seconds(installMs).padStart(8)}   (node_modules ${modulesMb} MB)`,
        `  npm start, first page  ${seconds(startMs).padStart(8)}`,
        `  total                  ${seconds(total).padStart(8)}   target ≤ ${TARGET_S} s: ${total <= TARGET_S * 1000 ? 'met' : 'not met'}`,
        ''
      ].join('\n')
    );
  } finally {
    if (server) await stop(server);
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:first-page failed: ${(e as Error).message}\n`);
  process.exit(1);
});
