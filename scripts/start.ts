/**
 * npm start [-- --seed demo|maven-crm|tree:<plan.json>] [--port <n>] [--as-of YYYY-MM-DD]
 *             [--history-weeks <n>]
 *
 * The product on this machine, no org needed: starts the local org (persisted under
 * .local-org/<seed>), runs the sync against it through jsforce as a real org's integration
 * user would, writes the sponsor's Adoption Pulse report, and keeps the org running so you can
 * query it, point `npm run sync` at it again, or log in with the printed credentials.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import jsforce from 'jsforce';
import { loadConfigFile } from './build/load-config';
import { startLocalOrg } from './local-org';
import type { SeedName } from './local-org/seeds';
import { renderReport } from './sync/report';
import { runSync } from './sync/sync';

const ROOT = resolve(__dirname, '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const seed = (option('seed') ?? 'demo') as SeedName;
  const asOf = option('as-of') ?? new Date().toISOString().slice(0, 10);
  const dataDir = join(ROOT, '.local-org', seed.replace(/[^a-z0-9-]+/gi, '_'));
  const config = loadConfigFile();
  const started = Date.now();
  const org = await startLocalOrg({ port: Number(option('port') ?? 0), dataDir, seed });
  for (const line of org.summary) process.stderr.write(`${line}\n`);
  const conn = new jsforce.Connection({
    instanceUrl: org.instanceUrl,
    accessToken: org.accessToken,
    version: '62.0'
  });
  // The ladder moves one rung a week, so a fresh org gets its last weeks of snapshots first.
  const weeks = Number(option('history-weeks') ?? 8);
  for (let k = weeks; k >= 1; k--) {
    const day = new Date(Date.parse(`${asOf}T00:00:00Z`) - k * 7 * 86400000)
      .toISOString()
      .slice(0, 10);
    const week = await runSync(conn, { config, asOf: day });
    process.stderr.write(`  week of ${week.periodStart}: ${week.written} rows written\n`);
  }
  const summary = await runSync(conn, {
    config,
    asOf,
    log: (l) => process.stderr.write(`  ${l}\n`)
  });
  mkdirSync(join(ROOT, '.local-org'), { recursive: true });
  const report = join(
    ROOT,
    '.local-org',
    `adoption-pulse-${seed.replace(/[^a-z0-9-]+/gi, '_')}.html`
  );
  writeFileSync(report, renderReport(summary));
  const c = org.credentials;
  process.stdout.write(
    [
      '',
      `Adoption Coach is running on the local org (${seed}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      `  sync: ${summary.snapshots} snapshots, ${summary.insights} deal insights; ${summary.written} written, ${summary.unchanged} unchanged, ${summary.apiCalls} API calls`,
      `  tipping point: ${summary.org.tippingPointPct ?? '–'} % of active users at Involvement or Commitment (target ${summary.org.targetPct} %)`,
      `  Adoption Pulse report: ${report}`,
      `  instance url: ${org.instanceUrl}`,
      `  access token: ${org.accessToken}`,
      `  username: ${c.username}   password: ${c.password}`,
      `  client id: ${c.clientId}   client secret: ${c.clientSecret}`,
      `  sync again: SF_ACCESS_TOKEN=<access token> npm run sync -- --instance-url ${org.instanceUrl}`,
      'Press Ctrl+C to stop.',
      ''
    ].join('\n')
  );
  await new Promise<void>((r) => {
    process.once('SIGINT', r);
    process.once('SIGTERM', r);
  });
  await org.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`npm start failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
