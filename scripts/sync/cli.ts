/**
 * npm run sync -- [connection] [--as-of YYYY-MM-DD] [--json] [--dry-run] [--report <file.html>]
 *                 [--max-api-share <0..1>] [--bulk-threshold <rows>] [--state-dir <dir>] [--full]
 *                 [--audience <PermissionSet,...>] [--backfill-periods <n>] [--login-history]
 *                 [--digest <dir>] [--digest-from <address>] [--config <file.json>] [--help]
 *
 * Connection, one of:
 *   --target-org <alias>       the Salesforce CLI's stored login (sf org login web -a <alias>)
 *   --instance-url <url>       with the access token in SF_ACCESS_TOKEN
 *   --login-url <url>          OAuth2 username-password flow: SF_USERNAME, SF_PASSWORD,
 *                              SF_CLIENT_ID, SF_CLIENT_SECRET
 *   --local                    an embedded local org with the demo seed
 *
 * The replica of the org's large objects that makes later runs incremental lives in --state-dir
 * (default .adoption-coach/state/<instance host>; none for --local unless given); --full reads
 * everything even so.
 *
 * --config reads the coaching config from another file than config/coaching.config.json.
 *
 * After a run that writes, the week's quick wins are proposed (Adoption_Message__c, status
 * Proposed). --digest writes the weekly digest, one <UserId>.eml per user of the audience, to
 * <dir>; --digest-from is its sender (default adoption-coach@<the org's host>).
 *
 * --audience names the permission sets whose holders are the rollout's audience: they get a
 * snapshot and count in the tipping point (default Adoption_Coach_Rep,Adoption_Coach_Manager).
 *
 * --backfill-periods: on the first sync of an org, the earlier periods scored from the history
 * the org records (default 8; 0 for none). --login-history reads LoginHistory for logins week by
 * week (the sync's user then needs Manage Users); without it, User.LastLoginDate.
 *
 * Exit codes: 0 all written, 1 some records failed (or the API budget stopped the run),
 * 2 bad usage, config or login.
 */
import { syncCommand } from './command';

/** Exits once stdout and stderr are flushed: a pipe takes writes asynchronously, and exiting at
 * once cuts a large --json summary short. */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

syncCommand(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  kill: () => process.kill(process.pid, 'SIGKILL')
}).then(exitWhenFlushed, (e: unknown) => {
  process.stderr.write(`sync failed: ${e instanceof Error ? e.message : String(e)}\n`);
  exitWhenFlushed(1);
});
