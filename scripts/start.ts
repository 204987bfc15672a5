/**
 * npm start [-- --seed <seed>] [--port <n>] [--org-port <n>] [--as-of YYYY-MM-DD]
 *             [--history-weeks <n>] [--show-credentials]
 *
 * The product on this machine, no org needed: builds the components for the browser, starts
 * the local org (persisted under .local-org/<seed>), runs the sync against it through jsforce as
 * a real org's integration user would, writes the sponsor's Adoption Pulse report, and serves
 * the components on 127.0.0.1 with a switcher to act as any user of the seed. The local org's
 * login is printed only with --show-credentials.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SeedName } from './local-org/seeds';
import type { PreviewServer } from './preview/server';

const ROOT = resolve(__dirname, '..');

const USAGE = `usage: npm start [-- options]
  --seed <seed>          none | demo (default) | maven-crm[:<folder>] | tree:<plan.json>
                         | team:<reps>x<open deals>[x<teams>]
  --port <n>             the preview's port on 127.0.0.1 (default 4173, or a free one if taken)
  --org-port <n>         the local org's port (default: a free one)
  --as-of YYYY-MM-DD     the day the sync scores (default: today, UTC)
  --history-weeks <n>    weeks of history the first sync writes (default 8)
  --show-credentials     print the local org's login
  -h, --help             this text`;

const SEED = /^(none|demo|maven-crm(:.+)?|tree:.+|team:\d+x\d+(x\d+)?)$/;

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`--${name} must be a whole number, not '${value}'`);
  return Number(value);
}

class UsageError extends Error {}

function readArgs(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        seed: { type: 'string' },
        port: { type: 'string' },
        'org-port': { type: 'string' },
        'as-of': { type: 'string' },
        'history-weeks': { type: 'string' },
        'show-credentials': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const seed = values.seed ?? 'demo';
  if (!SEED.test(seed)) {
    throw new UsageError(
      `--seed must be demo, maven-crm:<folder>, tree:<plan.json> or team:<reps>x<open deals>[x<teams>], not '${seed}'`
    );
  }
  const asOf = values['as-of'];
  if (asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))) {
    throw new UsageError(`--as-of must be a date YYYY-MM-DD, not '${asOf}'`);
  }
  return {
    help: values.help === true,
    seed: seed as SeedName,
    asOf: asOf ?? new Date().toISOString().slice(0, 10),
    port: wholeNumber(values.port, 'port') ?? 4173,
    orgPort: wholeNumber(values['org-port'], 'org-port') ?? 0,
    historyWeeks: wholeNumber(values['history-weeks'], 'history-weeks') ?? 8,
    showCredentials: values['show-credentials'] === true
  };
}

/**
 * Runs scripts/preview/build.ts in a child process (tsx as a loader: its CLI would start a
 * second process); resolves to the size and time it printed, or rejects with what it wrote to
 * stderr.
 */
function buildPreviewApart(): Promise<{ bytes: number; ms: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts', 'preview', 'build.ts')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (err += d));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => {
      const printed = /\((\d+) KB\) in (\d+) ms/.exec(out);
      if (code !== 0 || !printed)
        return fail(new Error(`the component build exited ${code}: ${err.trim() || out.trim()}`));
      done({ bytes: Number(printed[1]) * 1024, ms: Number(printed[2]) });
    });
  });
}

async function main(): Promise<void> {
  let args: ReturnType<typeof readArgs>;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { seed, asOf } = args;
  const dataDir = join(ROOT, '.local-org', seed.replace(/[^a-z0-9-]+/gi, '_'));
  const started = Date.now();
  // The component build runs beside the seed and the sync, in a process of its own so that it
  // has a processor of its own: it is the longest step, and the local org, the seed and the sync
  // keep this process's thread busy meanwhile. It starts first: the modules for the org and the
  // sync (seconds to load on a fresh clone) are loaded after it.
  const build = buildPreviewApart();
  build.catch(() => undefined);
  const [
    { default: jsforce },
    { loadConfigFile },
    { startLocalOrg },
    { startPreview },
    { renderReport },
    { syncWithHistory }
  ] = await Promise.all([
    import('jsforce'),
    import('./build/load-config.ts'),
    import('./local-org/index.ts'),
    import('./preview/server.ts'),
    import('./sync/report.ts'),
    import('./sync/history.ts')
  ]);
  const config = loadConfigFile();
  const org = await startLocalOrg({ port: args.orgPort, dataDir, seed });
  for (const line of org.summary) process.stderr.write(`${line}\n`);
  const conn = new jsforce.Connection({
    instanceUrl: org.instanceUrl,
    accessToken: org.accessToken,
    version: '62.0'
  });
  const summary = await syncWithHistory(conn, {
    config,
    asOf,
    weeks: args.historyWeeks,
    log: (l) => process.stderr.write(`  ${l}\n`)
  });
  mkdirSync(join(ROOT, '.local-org'), { recursive: true });
  const report = join(
    ROOT,
    '.local-org',
    `adoption-pulse-${seed.replace(/[^a-z0-9-]+/gi, '_')}.html`
  );
  writeFileSync(report, renderReport(summary));
  const built = await build;
  process.stderr.write(
    `  components built for the browser in ${(built.ms / 1000).toFixed(1)} s (${(built.bytes / 1024).toFixed(0)} KB)\n`
  );
  const port = args.port;
  let preview: PreviewServer;
  try {
    preview = await startPreview({ org, port });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    preview = await startPreview({ org, port: 0 });
  }
  const c = org.credentials;
  process.stdout.write(
    [
      '',
      `Adoption Coach is running on the local org (${seed}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      `  open ${preview.url}/ and choose who you are (${preview.users.length} users: reps, managers, the sponsor)`,
      `  sync: ${summary.snapshots} snapshots, ${summary.insights} deal insights; ${summary.written} written, ${summary.unchanged} unchanged, ${summary.apiCalls} API calls`,
      `  tipping point: ${summary.org.tippingPointPct ?? '–'} % of the audience at Involvement or Commitment (target ${summary.org.targetPct} %)`,
      `  Adoption Pulse report: ${report}`,
      `  local org: ${org.instanceUrl} (Salesforce REST, SOAP login and Bulk API 2.0)`,
      ...(args.showCredentials
        ? [
            `  username: ${c.username}   password: ${c.password}`,
            `  client id: ${c.clientId}   client secret: ${c.clientSecret}`,
            `  sync again: SF_USERNAME=… SF_PASSWORD=… SF_CLIENT_ID=… SF_CLIENT_SECRET=… npm run sync -- --login-url ${org.instanceUrl}`
          ]
        : ['  its login: npm start -- --show-credentials']),
      'Press Ctrl+C to stop.',
      ''
    ].join('\n')
  );
  await new Promise<void>((r) => {
    process.once('SIGINT', r);
    process.once('SIGTERM', r);
  });
  await preview.close();
  await org.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`npm start failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
