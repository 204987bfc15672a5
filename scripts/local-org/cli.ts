/**
 * npm run local-org -- [--port <n>] [--data <dir>]
 *   [--seed none|demo|maven-crm[:<folder>]|tree:<plan.json>|team:<reps>x<open deals>[x<teams>]]
 *   [--fault-rate <0..1> [--fault-seed <n>]] [--daily-api-limit <n>]
 *
 * Starts the local org on 127.0.0.1 and prints the instance URL, an access token and the
 * password-flow credentials of the sync's user (Minimum Access + Adoption_Coach_Integration), and
 * an access token of the org's administrator. Stops on Ctrl+C (SIGINT) or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startLocalOrg } from './index';
import type { SeedName } from './seeds';

const USAGE = `usage: npm run local-org -- [options]
  --port <n>                 port on 127.0.0.1 (default: a free one)
  --data <dir>               folder the org's records persist in (default: in memory)
  --seed <seed>              none | demo (default) | maven-crm[:<folder>] | tree:<plan.json>
                             | team:<reps>x<open deals>[x<teams>] (e.g. team:50x5000)
  --fault-rate <0..1>        share of API calls answered with an injected fault
  --fault-seed <n>           seed of the injected faults' random draw (default 1)
  --daily-api-limit <n>      the org's daily API request limit
  -h, --help                 this text`;

/** The seeds startLocalOrg knows (see seeds/index.ts). */
const SEED = /^(none|demo|maven-crm(:.+)?|tree:.+|team:\d+x\d+(x\d+)?)$/;

function numberArg(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new Error(`--${name} must be a non-negative number, not '${value}'`);
  }
  return n;
}

function readArgs(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      'fault-rate': { type: 'string' },
      'fault-seed': { type: 'string' },
      'daily-api-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    },
    strict: true,
    allowPositionals: false
  });
  if (values.seed !== undefined && !SEED.test(values.seed)) {
    throw new Error(
      `--seed must be none, demo, maven-crm:<folder>, tree:<plan.json> or team:<reps>x<open deals>[x<teams>], not '${values.seed}'`
    );
  }
  const rate = numberArg(values['fault-rate'], 'fault-rate');
  if (rate !== undefined && rate > 1) throw new Error('--fault-rate must be from 0 to 1');
  return {
    help: values.help === true,
    port: numberArg(values.port, 'port'),
    data: values.data,
    seed: (values.seed ?? 'demo') as SeedName,
    rate,
    faultSeed: numberArg(values['fault-seed'], 'fault-seed'),
    dailyApiLimit: numberArg(values['daily-api-limit'], 'daily-api-limit')
  };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof readArgs>;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const org = await startLocalOrg({
    port: args.port ?? 0,
    dataDir: args.data,
    seed: args.seed,
    dailyApiLimit: args.dailyApiLimit,
    faults: args.rate ? { rate: args.rate, seed: args.faultSeed ?? 1 } : undefined
  });
  for (const line of org.summary) process.stderr.write(`${line}\n`);
  // Listen for the stop signals before printing the URL: whoever reads it may stop us at once.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
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
  await stopped;
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
