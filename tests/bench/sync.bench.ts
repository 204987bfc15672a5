/**
 * Sync benchmark: a full sync of a large org, an incremental one after 1 % of the records
 * changed, and in the same run the naive approach (jsforce `query` with autoFetch into arrays,
 * then the same scoring), each in a process of its own so its peak RSS is its own.
 *
 * Usage: npm run bench:sync [-- --opps 1000000 --tasks 3000000 --reps 200]
 *
 * The local org runs in a child process too, seeded through its store (audit dates in the past,
 * as an org's history is); the changes are made there as well, stamped with the current time.
 * It prints each figure beside its target and exits 1 when one is missed, and for each run
 * the CPU seconds the run's own process and the org spent until every deal was scored: where
 * the time to scored went (the two share 2 cores, and the org answers on one thread).
 *
 * Environment: BENCH_LOG=1 logs each run's progress and its memory every second;
 * BENCH_HEAP_MB=<n> writes a heap snapshot of a run the first time its RSS passes n MB;
 * BENCH_PROFILE=<dir> writes CPU profiles of the org and of each run there.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import jsforce, { type Connection } from 'jsforce';
import { loadConfigFile } from '../../scripts/build/load-config';
import { type RepRollup } from '../../scripts/engine';
import { scoreDeal } from '../../scripts/engine/risk';
import { addActivity, addScoredDeal, createRepRollup } from '../../scripts/engine/rollup';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import type { WriteContext } from '../../scripts/local-org/store';
import { addPerson, loadAt } from '../support/people';
import { seededRandom } from '../../scripts/common/random';
import { benchArgs } from './args';
import { addDays } from '../../scripts/engine/dates';
import { at } from '../../scripts/local-org/seeds/time';
import { syncNeeds, type ObjectNeeds } from '../../scripts/sync/fields';
import { runSync, weekStart, type SyncSummary } from '../../scripts/sync/sync';
import { MB, ask, cpuSeconds } from './child';

const { values: OPTIONS, positionals: ROLE } = benchArgs(
  'usage: npm run bench:sync [-- --opps <n> --tasks <n> --reps <n>]\n' +
    '  --opps <n>   opportunities in the org (default 1,000,000)\n' +
    '  --tasks <n>  tasks in the org (default 3,000,000)\n' +
    '  --reps <n>   sales reps owning them (default 200)',
  { opps: 1000000, tasks: 3000000, reps: 200 }
);
const TODAY = new Date().toISOString().slice(0, 10);
/** The node flags of `npm run sync` (`node <flags> scripts/build/run.mjs …` in package.json). */
const SYNC_NODE_FLAGS = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    scripts: { sync: string };
  }
).scripts.sync
  .split(' ')
  .slice(1)
  .filter((word, i, words) => words.slice(0, i + 1).every((w) => w.startsWith('--')));
const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote'];

interface Ready {
  url: string;
  token: string;
  seedSeconds: number;
  counts: Record<string, number>;
  rss: number;
}

// ------------------------------------------------------------------ the org (child process)

type BenchStore = LocalOrg['store'];
type Past = (day: string, userId: string) => WriteContext;

/** Audited writes on a past day, by a user, as the org's history has them. */
const past: Past = (day, userId) => loadAt(at(day), userId);

/** A VP over one manager per 10 reps; returns the VP and the reps' ids. */
function benchUsers(org: LocalOrg, reps: number, seedDay: string) {
  const user = (first: string, last: string, permissionSet: string, managerId?: string) =>
    addPerson(
      org.store,
      'bench',
      { first, last, permissionSet, managerId },
      past(seedDay, org.adminUserId)
    );
  const vp = user('Vera', 'Bench', 'Adoption_Coach_Sponsor');
  const repIds: string[] = [];
  for (let m = 0; m < Math.ceil(reps / 10); m++) {
    const manager = user(`Manager${m}`, 'Bench', 'Adoption_Coach_Manager', vp);
    for (let r = 0; r < 10 && repIds.length < reps; r++)
      repIds.push(user(`Rep${repIds.length}`, 'Bench', 'Adoption_Coach_Rep', manager));
  }
  return { vp, repIds };
}

/** 1,000 contacts, then `opps` opportunities spread over the reps, some with a contact role. */
function benchDeals(
  store: BenchStore,
  rnd: ReturnType<typeof seededRandom>,
  seed: { accountId: string; vpId: string; repIds: string[]; seedDay: string },
  opps: number
) {
  const { accountId, vpId, repIds, seedDay } = seed;
  const contacts: string[] = [];
  for (let c = 0; c < 1000; c++) {
    contacts.push(
      store.insert(
        'Contact',
        {
          LastName: `Buyer ${c}`,
          Title: rnd.pick(['CFO', 'VP Sales', 'IT Director', null]),
          AccountId: accountId
        },
        past(seedDay, vpId)
      ).Id
    );
  }
  const oppIds: string[] = [];
  const ownerOf: string[] = [];
  for (let i = 0; i < opps; i++) {
    const owner = repIds[i % repIds.length];
    const open = rnd.chance(0.35);
    const created = addDays(TODAY, -rnd.int(open ? 5 : 30, open ? 150 : 730));
    const close = open ? addDays(TODAY, rnd.int(-30, 90)) : addDays(created, rnd.int(10, 120));
    const opp = store.insert(
      'Opportunity',
      {
        Name: `Deal ${i}`,
        AccountId: accountId,
        StageName: open ? rnd.pick(STAGES) : rnd.chance(0.3) ? 'Closed Won' : 'Closed Lost',
        CloseDate: close,
        Amount: rnd.chance(0.8) ? rnd.int(5, 200) * 1000 : null,
        NextStep: rnd.chance(0.6) ? 'Send the proposal' : null,
        LeadSource: rnd.chance(0.7) ? 'Web' : null,
        OwnerId: owner,
        CreatedDate: at(created, 9)
      },
      past(created, owner)
    );
    oppIds.push(opp.Id);
    ownerOf.push(owner);
    if (open && rnd.chance(0.2)) {
      // A pushed close date: one more history row, as the platform writes it.
      const day = addDays(created, 2);
      store.update('Opportunity', opp.Id, { CloseDate: addDays(close, 30) }, past(day, owner));
    }
    if (rnd.chance(0.2)) {
      store.insert(
        'OpportunityContactRole',
        {
          OpportunityId: opp.Id,
          ContactId: rnd.pick(contacts),
          Role: 'Decision Maker',
          IsPrimary: true
        },
        past(created, owner)
      );
    }
  }
  return { oppIds, ownerOf };
}

/** `tasks` completed calls over the last two years, mostly on a deal, owned by its owner. */
function benchTasks(
  store: BenchStore,
  rnd: ReturnType<typeof seededRandom>,
  deals: { oppIds: string[]; ownerOf: string[]; accountId: string },
  tasks: number
): string[] {
  const { oppIds, ownerOf, accountId } = deals;
  const taskIds: string[] = [];
  for (let i = 0; i < tasks; i++) {
    const k = rnd.int(0, oppIds.length - 1);
    const day = addDays(TODAY, -rnd.int(0, 730));
    taskIds.push(
      store.insert(
        'Task',
        {
          Subject: 'Call',
          ActivityDate: day,
          Status: 'Completed',
          WhatId: rnd.chance(0.9) ? oppIds[k] : accountId,
          OwnerId: ownerOf[k],
          CreatedDate: at(day, 14)
        },
        past(day, ownerOf[k])
      ).Id
    );
  }
  return taskIds;
}

/** Changes 1 % of the opportunities (a new stage or a pushed close date) and 1 % of the tasks. */
function changeOnePercent(org: LocalOrg, oppIds: string[], taskIds: string[]): number {
  const store = org.store;
  const now = { userId: org.adminUserId, now: new Date(), system: true };
  let n = 0;
  for (let i = 0; i < oppIds.length; i += 100) {
    const opp = store.getById(oppIds[i])!;
    store.update(
      'Opportunity',
      opp.Id,
      opp.IsClosed
        ? { Description: 'Reviewed' }
        : { CloseDate: addDays(String(opp.CloseDate), 14) },
      now
    );
    n++;
  }
  for (let i = 0; i < taskIds.length; i += 100) {
    store.update('Task', taskIds[i], { Status: 'Not Started', ActivityDate: TODAY }, now);
    n++;
  }
  return n;
}

async function serve(opps: number, tasks: number, reps: number): Promise<void> {
  const org = await startLocalOrg({ dailyApiLimit: 1e9 });
  const store = org.store;
  const rnd = seededRandom(1_000_000);
  const t = performance.now();
  const seedDay = addDays(TODAY, -800);
  store.setSharingModel('Opportunity', 'Private');
  const { vp, repIds } = benchUsers(org, reps, seedDay);
  const account = store.insert('Account', { Name: 'Bench Account' }, past(seedDay, vp));
  const seed = { accountId: account.Id, vpId: vp, repIds, seedDay };
  const { oppIds, ownerOf } = benchDeals(store, rnd, seed, opps);
  const taskIds = benchTasks(store, rnd, { oppIds, ownerOf, accountId: account.Id }, tasks);
  global.gc?.();
  const counts: Record<string, number> = {};
  for (const o of ['User', 'Opportunity', 'OpportunityHistory', 'OpportunityContactRole', 'Task'])
    counts[o] = store.count(o);
  process.send!({
    ready: {
      url: org.instanceUrl,
      token: org.accessToken,
      seedSeconds: (performance.now() - t) / 1000,
      counts,
      rss: process.memoryUsage().rss
    } satisfies Ready
  });
  process.on('message', (m: string) => {
    if (m === 'cpu') process.send!({ cpu: cpuSeconds() });
    if (m === 'change') process.send!({ changed: changeOnePercent(org, oppIds, taskIds) });
    if (m === 'stop') void org.close().then(() => process.exit(0));
  });
}

// ------------------------------------------------------------------ a measured run (child)

interface RunResult {
  seconds: number;
  scoredSeconds: number;
  apiCalls: number;
  extractCalls: number;
  /** The sync's extract calls by kind (/composite, REST page, bulk job, …); none for naive. */
  callsByKind?: Record<string, number>;
  maxRss: number;
  /** CPU seconds (user and system) of the run's process, and of the org, until scored. */
  cpuToScored: number;
  orgCpuToScored: number;
  deals: number;
  read: number;
  written: number;
  mode: string;
}

/**
 * BENCH_HEAP_MB=<n>: the run writes a heap snapshot (into the working directory) the first time
 * its RSS passes n MB, and logs its heap and external memory every second (with BENCH_LOG).
 */
function watchMemory(kind: string, t: number): void {
  const limit = Number(process.env.BENCH_HEAP_MB ?? 0) * 1048576;
  let written = false;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (process.env.BENCH_LOG)
      console.error(
        `${((performance.now() - t) / 1000).toFixed(2)} s  memory: rss ${MB(m.rss)}, heap ${MB(m.heapUsed)} of ${MB(m.heapTotal)}, external ${MB(m.external)} (array buffers ${MB(m.arrayBuffers)})`
      );
    if (limit && !written && m.rss > limit) {
      written = true;
      console.error(`heap snapshot: ${writeHeapSnapshot(`${kind}-${Date.now()}.heapsnapshot`)}`);
    }
  }, 1000);
  timer.unref();
}

async function measure(kind: string, url: string, token: string, stateDir: string) {
  const conn = new jsforce.Connection({ instanceUrl: url, accessToken: token, version: '62.0' });
  const t = performance.now();
  if (process.env.BENCH_LOG || process.env.BENCH_HEAP_MB) watchMemory(kind, t);
  let scoredAt = 0;
  let cpuToScored = 0;
  const onScored = () => {
    scoredAt = performance.now();
    cpuToScored = cpuSeconds();
    // The bench asks the org for its CPU time now.
    process.send!({ scored: true });
  };
  let result: Omit<
    RunResult,
    'seconds' | 'scoredSeconds' | 'maxRss' | 'cpuToScored' | 'orgCpuToScored'
  >;
  if (kind === 'naive') result = await naive(conn, onScored);
  else {
    const summary: SyncSummary = await runSync(conn, {
      config: loadConfigFile(),
      asOf: TODAY,
      stateDir,
      ...(process.env.BENCH_LOG
        ? {
            log: (l: string) =>
              console.error(`${((performance.now() - t) / 1000).toFixed(2)} s  ${l}`)
          }
        : {}),
      checkpoint: (name) => {
        if (name === 'scored') onScored();
      }
    });
    result = {
      apiCalls: summary.apiCalls,
      extractCalls: summary.extractCalls,
      callsByKind: summary.extractCallsByKind,
      deals: summary.deals,
      read: summary.read,
      written: summary.written,
      mode: summary.mode
    };
  }
  process.send!({
    result: {
      ...result,
      seconds: (performance.now() - t) / 1000,
      scoredSeconds: (scoredAt - t) / 1000,
      maxRss: process.resourceUsage().maxRSS * 1024,
      cpuToScored
    } satisfies Omit<RunResult, 'orgCpuToScored'>
  });
}

/**
 * What a first version would do: each query read whole with jsforce's autoFetch into an array,
 * grouped in maps, then scored by the same engine (nothing loaded: the load is the same).
 */
async function naive(conn: Connection, scored: () => void) {
  const config = loadConfigFile();
  const periodStart = weekStart(TODAY);
  const windowStart = addDays(TODAY, -config.winRateWindowDays + 1);
  const from = [periodStart, addDays(TODAY, -config.risk.staleAfterDays)].sort()[0];
  let calls = 0;
  const transport = (
    conn as unknown as { _transport: { httpRequest: (...a: unknown[]) => unknown } }
  )._transport;
  const original = transport.httpRequest.bind(transport);
  transport.httpRequest = (...a: unknown[]) => {
    calls++;
    return original(...a);
  };
  const all = async (soql: string) =>
    (await conn.query<Record<string, unknown>>(soql).run({ autoFetch: true, maxFetch: 1e8 }))
      .records;
  const filter = `(IsClosed = false OR CloseDate >= ${windowStart})`;
  // The fields the sync reads (its optional ones included), without its paging and joining.
  const needs: Record<string, ObjectNeeds> = syncNeeds(config);
  const fields = (object: string) =>
    [...needs[object].read, ...(needs[object].optional ?? [])].join(', ');
  const users = await all(`SELECT ${fields('User')} FROM User WHERE IsActive = true`);
  const deals = await all(`SELECT ${fields('Opportunity')} FROM Opportunity WHERE ${filter}`);
  const history = await all(
    `SELECT ${fields('OpportunityHistory')} FROM OpportunityHistory WHERE OpportunityId IN (SELECT Id FROM Opportunity WHERE ${filter})`
  );
  const roles = await all(
    `SELECT Id, OpportunityId, Role, IsPrimary, Contact.Title FROM OpportunityContactRole WHERE OpportunityId IN (SELECT Id FROM Opportunity WHERE ${filter})`
  );
  const activities = [
    ...(await all(`SELECT ${fields('Task')} FROM Task WHERE ActivityDate >= ${from}`)),
    ...(await all(`SELECT ${fields('Event')} FROM Event WHERE ActivityDate >= ${from}`))
  ];
  const group = (rows: Record<string, unknown>[], key: string) => {
    const map = new Map<string, Record<string, unknown>[]>();
    for (const r of rows) {
      const k = String(r[key]);
      const list = map.get(k);
      if (list) list.push(r);
      else map.set(k, [r]);
    }
    return map;
  };
  const byDeal = {
    history: group(history, 'OpportunityId'),
    roles: group(roles, 'OpportunityId'),
    activities: group(activities, 'WhatId')
  };
  const rollups = new Map<string, RepRollup>();
  for (const u of users) {
    const userId = String(u.Id);
    rollups.set(
      userId,
      createRepRollup(config, {
        userId,
        managerId: (u.ManagerId as string) ?? null,
        periodStart,
        asOf: TODAY,
        previous: null
      })
    );
  }
  for (const opp of deals) {
    const id = String(opp.Id);
    const score = scoreDeal(
      config,
      {
        opportunity: opp,
        history: (byDeal.history.get(id) ?? []) as never,
        activities: (byDeal.activities.get(id) ?? []) as never,
        contactRoles: (byDeal.roles.get(id) ?? []) as never
      },
      TODAY
    );
    const rollup = rollups.get(String(opp.OwnerId));
    if (rollup) addScoredDeal(rollup, opp, score);
  }
  for (const a of activities) {
    const rollup = rollups.get(String(a.OwnerId));
    if (rollup) addActivity(rollup, a as never);
  }
  scored();
  const read = users.length + deals.length + history.length + roles.length + activities.length;
  return {
    apiCalls: calls,
    extractCalls: calls,
    deals: deals.length,
    read,
    written: 0,
    mode: 'naive'
  };
}

// ------------------------------------------------------------------ the bench

async function run(
  server: ChildProcess,
  kind: string,
  ready: Ready,
  stateDir: string
): Promise<RunResult> {
  const orgAtStart = await ask<number>(server, 'cpu', 'cpu');
  let orgAtScored: Promise<number> = Promise.resolve(orgAtStart);
  const child = fork(process.argv[1], ['run', kind, ready.url, stateDir], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_TOKEN: ready.token },
    execArgv: [
      ...process.execArgv,
      // The naive run holds the whole extract: room for it; the sync runs as npm run sync does.
      ...(kind === 'naive' ? ['--max-old-space-size=8192'] : SYNC_NODE_FLAGS),
      ...(process.env.BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
        : [])
    ]
  });
  child.on('message', (m: { scored?: boolean }) => {
    if (m?.scored) orgAtScored = ask<number>(server, 'cpu', 'cpu');
  });
  const result = await ask<Omit<RunResult, 'orgCpuToScored'>>(child, 'result');
  return { ...result, orgCpuToScored: (await orgAtScored) - orgAtStart };
}

/** '4 composite + 4 bulk job + 4 bulk results': what the extract's calls were. */
const byKind = (r: RunResult) =>
  Object.entries(r.callsByKind ?? {})
    .map(([kind, n]) => `${n} ${kind}`)
    .join(' + ');

function line(name: string, r: RunResult): string {
  return `${name.padEnd(12)} ${r.seconds.toFixed(1).padStart(6)} s (scored after ${r.scoredSeconds.toFixed(1)} s)  ${String(r.extractCalls).padStart(5)} extract calls, ${String(r.apiCalls).padStart(5)} in all  peak RSS ${MB(r.maxRss).padStart(9)}  ${r.deals.toLocaleString('en')} deals, ${r.read.toLocaleString('en')} rows read, ${r.written.toLocaleString('en')} written`;
}

async function main(): Promise<void> {
  const opps = OPTIONS.opps;
  const tasks = OPTIONS.tasks;
  const reps = OPTIONS.reps;
  const server: ChildProcess = fork(
    process.argv[1],
    ['serve', String(opps), String(tasks), String(reps)],
    {
      stdio: 'inherit',
      execArgv: [
        ...process.execArgv,
        '--max-old-space-size=20000',
        // The org stands in for Salesforce's servers, so its collector's work over an 8 GB heap
        // is not the sync's: with a 64 MB young generation the org spent 51 CPU s rather than 73
        // until every deal of a full sync at 1,000,000 was scored.
        '--max-semi-space-size=64',
        ...(process.env.BENCH_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
          : [])
      ]
    }
  );
  const ready = await ask<Ready>(server, 'ready');
  console.log(
    `org: ${Object.entries(ready.counts)
      .map(([o, n]) => `${n.toLocaleString('en')} ${o}`)
      .join(', ')}; seeded in ${ready.seedSeconds.toFixed(0)} s (server RSS ${MB(ready.rss)})`
  );
  const stateDir = mkdtempSync(join(tmpdir(), 'ac-bench-state-'));
  try {
    const full = await run(server, 'full', ready, stateDir);
    console.log(line('full sync', full));
    const changed = await ask<number>(server, 'changed', 'change');
    console.log(`changed ${changed.toLocaleString('en')} records (1 % of opportunities and tasks)`);
    const incremental = await run(server, 'incremental', ready, stateDir);
    console.log(line('incremental', incremental));
    const naiveRun = await run(server, 'naive', ready, stateDir);
    console.log(line('naive', naiveRun));
    for (const [name, r] of [
      ['full sync', full],
      ['incremental', incremental],
      ['naive', naiveRun]
    ] as const)
      console.log(
        `${name.padEnd(12)} until scored: ${r.cpuToScored.toFixed(1)} CPU s in its own process, ${r.orgCpuToScored.toFixed(1)} in the org's, over ${r.scoredSeconds.toFixed(1)} s`
      );
    console.log(
      `full sync vs naive (extract and score): ${(full.scoredSeconds / naiveRun.scoredSeconds).toFixed(1)}× the time, ${(naiveRun.extractCalls / full.extractCalls).toFixed(0)}× fewer API calls, ${(naiveRun.maxRss / full.maxRss).toFixed(1)}× less peak RSS`
    );
    // Each figure beside its target: the full sync's peak RSS, extract calls and time to every
    // deal scored against the naive run's; the incremental run's extract calls.
    const ratio = full.scoredSeconds / naiveRun.scoredSeconds;
    const targets: [figure: string, target: string, met: boolean][] = [
      ['full sync peak RSS', `${MB(full.maxRss)} (target < 256 MB)`, full.maxRss < 256 * 1048576],
      [
        'full sync extract calls',
        `${full.extractCalls} = ${byKind(full)} (target ≤ 12)`,
        full.extractCalls <= 12
      ],
      [
        'full sync time to scored, against naive',
        `${ratio.toFixed(2)}× (target ≤ 0.5×)`,
        ratio <= 0.5
      ],
      [
        'incremental extract calls',
        `${incremental.extractCalls} = ${byKind(incremental)} (target ≤ 5)`,
        incremental.extractCalls <= 5 && incremental.mode === 'incremental'
      ],
      [
        'incremental peak RSS',
        `${MB(incremental.maxRss)} (target < 256 MB)`,
        incremental.maxRss < 256 * 1048576
      ]
    ];
    for (const [figure, value, met] of targets)
      console.log(`${met ? 'met   ' : 'MISSED'} ${figure}: ${value}`);
    process.exitCode = targets.every(([, , met]) => met) ? 0 : 1;
  } finally {
    server.send('stop');
    rmSync(stateDir, { recursive: true, force: true });
  }
}

if (ROLE[0] === 'serve') void serve(Number(ROLE[1]), Number(ROLE[2]), Number(ROLE[3]));
else if (ROLE[0] === 'run') void measure(ROLE[1], ROLE[2], process.env.BENCH_TOKEN ?? '', ROLE[3]);
else void main();
