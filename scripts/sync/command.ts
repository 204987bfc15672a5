/**
 * The sync command (npm run sync, scripts/sync/cli.ts): its options, the connection they name,
 * the run, and what it prints, on the streams and environment it is given, so that tests run it
 * in their own process. The options are listed in cli.ts.
 */ import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import jsforce, { type Connection } from 'jsforce';
import { isConfigError, loadConfigFile } from '../build/load-config';
import { TargetOrgError, targetOrgConnection } from '../common/target-org';
import type { CoachingConfig } from '../engine';
import { startLocalOrg, type LocalOrg } from '../local-org';
import { API_VERSION } from './api';
import { ProgressBar, type Terminal } from './progress';
import { readGovernance, renderGovernanceSection } from './governance';
import { renderDryRun, renderReport } from './report';
import { FieldCheckError } from './fields';
import { invalidAudienceName } from './plan';
import { audienceOf, runSync, type SyncSummary } from './sync';
import { proposeAndDigest } from './messages-run';

const USAGE = `usage: npm run sync -- (--target-org <alias> | --instance-url <url> | --login-url <url> | --local)
  [--as-of YYYY-MM-DD]          the day to score as (default today, UTC)
  [--json]                      the summary as one JSON line on stdout
  [--dry-run]                   read and score, write nothing; list what would be written
  [--report <file.html>]        the sponsor's report as an HTML file
  [--max-api-share <0..1>]      stop before using more of the daily API allocation (default 0.5)
  [--bulk-threshold <rows>]     rows above which a query always runs as a Bulk API 2.0 job (default 20000)
  [--state-dir <dir>]           where the replica for incremental runs lives
  [--full]                      read everything even when the replica allows an incremental run
  [--audience <PermissionSet,...>]  the permission sets whose holders are scored
  [--backfill-periods <n>]      on an org's first sync, earlier periods scored from its history (default 8)
  [--login-history]             read LoginHistory (needs Manage Users) for logins week by week
  [--config <file.json>]        the coaching config (default config/coaching.config.json)
  [--digest <dir>]              the weekly digest, one .eml per user of the audience
  [--digest-from <address>]     the digest's sender (default adoption-coach@<the org's host>)
  [--help]                      this text`;

const OPTIONS = {
  'target-org': { type: 'string' },
  'instance-url': { type: 'string' },
  'login-url': { type: 'string' },
  local: { type: 'boolean' },
  'as-of': { type: 'string' },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  report: { type: 'string' },
  'max-api-share': { type: 'string' },
  'bulk-threshold': { type: 'string' },
  'state-dir': { type: 'string' },
  full: { type: 'boolean' },
  audience: { type: 'string' },
  'backfill-periods': { type: 'string' },
  'login-history': { type: 'boolean' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  digest: { type: 'string' },
  'digest-from': { type: 'string' }
} as const;

type Args = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

class UsageError extends Error {}

/** The options, through node:util's parseArgs (strict: an unknown option or a stray word is refused). */
function readArgs(argv: string[]): Args {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false })
      .values as Args;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Connects as the options say; a missing or expired login is one clear line (exit 2). */
async function connect(
  args: Args,
  env: CommandIo['env']
): Promise<{ conn: Connection; local?: LocalOrg }> {
  const ways = (['target-org', 'instance-url', 'login-url', 'local'] as const).filter(
    (k) => args[k] !== undefined
  );
  if (ways.length !== 1)
    throw new UsageError('choose one of --target-org, --instance-url, --login-url or --local');
  if (args.local) {
    const local = await startLocalOrg({ seed: 'demo' });
    return {
      conn: new jsforce.Connection({
        instanceUrl: local.instanceUrl,
        accessToken: local.accessToken,
        version: API_VERSION
      }),
      local
    };
  }
  if (typeof args['instance-url'] === 'string') {
    const token = env.SF_ACCESS_TOKEN;
    if (!token)
      throw new LoginError(
        'SF_ACCESS_TOKEN is not set: export the access token of the integration user, or use --target-org <alias>'
      );
    return {
      conn: new jsforce.Connection({
        instanceUrl: args['instance-url'],
        accessToken: token,
        version: API_VERSION
      })
    };
  }
  if (typeof args['login-url'] === 'string') {
    const { SF_USERNAME, SF_PASSWORD, SF_CLIENT_ID, SF_CLIENT_SECRET } = env;
    if (!SF_USERNAME || !SF_PASSWORD || !SF_CLIENT_ID || !SF_CLIENT_SECRET) {
      throw new LoginError(
        'the username-password flow needs SF_USERNAME, SF_PASSWORD, SF_CLIENT_ID and SF_CLIENT_SECRET'
      );
    }
    const conn = new jsforce.Connection({
      oauth2: {
        loginUrl: args['login-url'],
        clientId: SF_CLIENT_ID,
        clientSecret: SF_CLIENT_SECRET
      },
      version: API_VERSION
    });
    try {
      await conn.login(SF_USERNAME, SF_PASSWORD);
    } catch {
      throw new LoginError(
        `login to ${args['login-url']} as ${SF_USERNAME} failed: check the credentials and the connected app`
      );
    }
    return { conn };
  }
  const alias = String(args['target-org']);
  try {
    return { conn: await targetOrgConnection(alias, API_VERSION) };
  } catch (e) {
    if (e instanceof TargetOrgError) throw new LoginError(e.message);
    throw e;
  }
}

class LoginError extends Error {}

/** Refuses option values the sync cannot use (a usage error, exit 2). */
function checkValues(args: Args): void {
  const asOf = args['as-of'];
  if (
    asOf !== undefined &&
    (typeof asOf !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(asOf) ||
      Number.isNaN(Date.parse(asOf)))
  ) {
    throw new UsageError('--as-of must be a date YYYY-MM-DD');
  }
  const audience = args.audience;
  if (
    audience !== undefined &&
    (typeof audience !== 'string' ||
      invalidAudienceName(audience.split(',').map((n) => n.trim())) !== null)
  ) {
    throw new UsageError(
      '--audience must name permission sets by API name, comma-separated (e.g. Adoption_Coach_Rep,Adoption_Coach_Manager)'
    );
  }
  const backfill = args['backfill-periods'];
  if (backfill !== undefined && !/^\d{1,3}$/.test(String(backfill))) {
    throw new UsageError('--backfill-periods must be a whole number of periods (0 for none)');
  }
  const share = args['max-api-share'];
  if (share !== undefined && !(Number(share) > 0 && Number(share) <= 1)) {
    throw new UsageError('--max-api-share must be a number in (0, 1]');
  }
}

/** Writes the run's report to `path`, with the governance section when the org has governance. */
async function writeReport(
  conn: Connection,
  config: CoachingConfig,
  summary: SyncSummary,
  path: string,
  err: (line: string) => void
): Promise<void> {
  // The governance section reads what the sponsor's governance page reads, for the same week.
  const governance = await readGovernance(conn, config, summary.asOf, summary.periodStart);
  if (!governance.view) err(`report: no governance section: ${governance.reason}`);
  const section = governance.view ? renderGovernanceSection(governance.view) : '';
  writeFileSync(path, renderReport(summary, section));
  err(`report: ${path}`);
}

/** Where the command writes and what it reads from its environment: the process's own in cli.ts. */
export interface CommandIo {
  stdout: Terminal;
  /** The log; a terminal (isTTY) gets the progress bar. */
  stderr: Terminal & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Ends the process at once (ADOPTION_COACH_KILL_AT, the crash tests' kill points). */
  kill: () => void;
}

/** The sync command on its arguments (without node and the script): its exit code. */
export async function syncCommand(argv: string[], io: CommandIo): Promise<number> {
  const err = (line: string) => io.stderr.write(`${line}\n`);
  let args: Args;
  let config: CoachingConfig;
  try {
    args = readArgs(argv);
    if (args.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    checkValues(args);
  } catch (e) {
    err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    config = loadConfigFile(typeof args.config === 'string' ? args.config : undefined);
  } catch (e) {
    if (!isConfigError(e)) throw e;
    err(`config refused: ${e.message}`);
    return 2;
  }
  let connection: { conn: Connection; local?: LocalOrg };
  try {
    connection = await connect(args, io.env);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof LoginError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  const killAt = io.env.ADOPTION_COACH_KILL_AT;
  const audienceSets =
    typeof args.audience === 'string' ? args.audience.split(',').map((n) => n.trim()) : undefined;
  // A terminal gets a progress bar with the log above it; anything else gets plain lines.
  const bar = io.stderr.isTTY ? new ProgressBar(io.stderr) : null;
  try {
    const summary = await runSync(connection.conn, {
      config,
      asOf:
        typeof args['as-of'] === 'string' ? args['as-of'] : new Date().toISOString().slice(0, 10),
      dryRun: args['dry-run'] === true,
      full: args.full === true,
      backfillPeriods:
        typeof args['backfill-periods'] === 'string' ? Number(args['backfill-periods']) : 8,
      loginHistory: args['login-history'] === true,
      ...(audienceSets ? { audience: audienceSets } : {}),
      stateDir:
        typeof args['state-dir'] === 'string'
          ? args['state-dir']
          : connection.local
            ? undefined
            : join('.adoption-coach', 'state', new URL(connection.conn.instanceUrl).host),
      api: {
        ...(args['max-api-share'] ? { maxApiShare: Number(args['max-api-share']) } : {}),
        ...(args['bulk-threshold'] ? { bulkThreshold: Number(args['bulk-threshold']) } : {}),
        ...(io.env.ADOPTION_COACH_RETRY_MS
          ? { retryBaseMs: Number(io.env.ADOPTION_COACH_RETRY_MS) }
          : {}),
        ...(bar ? { progress: (phase, done, total) => bar.update(phase, done, total) } : {})
      },
      log: (line) => (bar ? bar.log(line) : err(line)),
      checkpoint: (name) => {
        if (killAt && name === killAt) io.kill();
      }
    });
    bar?.done();
    const extra = await proposeAndDigest(connection.conn, config, {
      asOf: summary.asOf,
      dryRun: summary.dryRun,
      audience: audienceOf(config, audienceSets),
      digestDir: typeof args.digest === 'string' ? args.digest : undefined,
      digestFrom:
        typeof args['digest-from'] === 'string'
          ? args['digest-from']
          : `adoption-coach@${new URL(connection.conn.instanceUrl).hostname}`,
      log: (line) => (bar ? bar.log(line) : err(line))
    });
    if (typeof args.report === 'string') {
      await writeReport(connection.conn, config, summary, args.report, err);
    }
    const { teams: _teams, org: _org, governance: _governance, pending, ...rest } = summary;
    if (args.json) {
      io.stdout.write(
        `${JSON.stringify({ ...rest, tippingPointPct: summary.org.tippingPointPct, ...(pending ? { pending } : {}) })}\n`
      );
    } else {
      if (summary.dryRun) err(renderDryRun(summary));
      err(
        `${summary.dryRun ? 'dry run, ' : ''}${summary.mode} run: read ${summary.read}, written ${summary.written}, unchanged ${summary.unchanged}, failed ${summary.failed}, ${summary.apiCalls} API calls, ${summary.durationMs} ms`
      );
      for (const f of summary.failures)
        err(`  failed ${f.object} ${f.key}: ${f.errorCode} ${f.message}`);
    }
    return summary.failed > 0 || extra.failed > 0 ? 1 : 0;
  } catch (e) {
    bar?.done();
    if (e instanceof FieldCheckError) {
      err(e.message);
      return 2;
    }
    const error = e as { name?: string; message?: string; errorCode?: string };
    if (error.errorCode === 'INVALID_SESSION_ID') {
      err('the session has expired or is invalid: log in again (sf org login web -a <alias>)');
      return 2;
    }
    err(`sync stopped: ${error.message}`);
    return 1;
  } finally {
    await connection.local?.close();
  }
}
