/**
 * npm run local-org -- [--port <n>] [--data <dir>] [--seed demo|maven-crm:<folder>|tree:<plan.json>|team:<reps>x<open deals>]
 *   [--fault-rate <0..1> --fault-seed <n>] [--daily-api-limit <n>]
 *
 * Starts the local org on 127.0.0.1 and prints the instance URL, an access token and the
 * password-flow credentials of the sync's user (Minimum Access + Adoption_Coach_Integration), and
 * an access token of the org's administrator. Stops on Ctrl+C (SIGINT) or SIGTERM.
 */
import { startLocalOrg } from './index';
import type { SeedName } from './seeds';

const USAGE =
  'usage: npm run local-org -- [--port <n>] [--data <dir>] [--seed demo|maven-crm:<folder>|tree:<plan.json>|team:<reps>x<open deals>] [--fault-rate <0..1> --fault-seed <n>] [--daily-api-limit <n>]';

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || i + 1 >= argv.length) throw new Error(`unexpected argument '${a}'`);
    out[a.slice(2)] = argv[++i];
  }
  return out;
}

function numberArg(args: Record<string, string>, name: string): number | undefined {
  if (args[name] === undefined) return undefined;
  const n = Number(args[name]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

async function main(): Promise<number> {
  let args: Record<string, string>;
  try {
    args = parseArgs(process.argv.slice(2));
    for (const k of Object.keys(args)) {
      if (!['port', 'data', 'seed', 'fault-rate', 'fault-seed', 'daily-api-limit'].includes(k)) {
        throw new Error(`unknown option --${k}`);
      }
    }
    if (args.seed && !/^(none|demo|maven-crm(:.+)?|tree:.+)$/.test(args.seed)) {
      throw new Error(
        `--seed must be demo, maven-crm:<folder> or tree:<plan.json>, not '${args.seed}'`
      );
    }
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const rate = numberArg(args, 'fault-rate');
  const org = await startLocalOrg({
    port: numberArg(args, 'port') ?? 0,
    dataDir: args.data,
    seed: (args.seed ?? 'demo') as SeedName,
    dailyApiLimit: numberArg(args, 'daily-api-limit'),
    faults: rate ? { rate, seed: numberArg(args, 'fault-seed') ?? 1 } : undefined
  });
  for (const line of org.summary) process.stderr.write(`${line}\n`);
  const c = org.credentials;
  process.stdout.write(
    [
      `instance url: ${org.instanceUrl}`,
      `access token: ${org.accessToken}`,
      `admin access token: ${org.adminToken}`,
      `login url: ${c.loginUrl}`,
      `username: ${c.username}`,
      `password: ${c.password}`,
      `client id: ${c.clientId}`,
      `client secret: ${c.clientSecret}`,
      ''
    ].join('\n')
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await org.close();
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`local org failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
);
