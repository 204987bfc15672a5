/**
 * Engine benchmark: streams synthetic opportunities (with OpportunityHistory rows, activities
 * and contact roles) through the engine as the sync does — score each deal (risk +
 * completeness, the Deal_Insight__c row), fold it into its owner's rollup — then finishes every
 * rep's Adoption_Snapshot__c figures and the team and org tipping points. Nothing is held per
 * deal: memory stays flat however many deals stream through.
 *
 * Usage: npm run bench:engine [-- --count 1000000 --reps 2000 --workers <cores>]
 * Reps are split across worker threads (one per core) by owner, as a sync can shard them.
 * Targets: ≥ 1,000,000 opportunities/s in the engine on one thread, peak RSS < 256 MB.
 *
 * npm runs it with V8's allocation-site pretenuring off. Left on, V8 decided in about one run of
 * five to allocate the pages' fresh objects straight in the old generation: the input was built
 * 7× slower, and the old generation filled with dead pages (up to 181 MB before a full
 * collection left 40 MB), so those runs measured that decision rather than the engine.
 */
import { rollupTeam } from '../../scripts/engine';
import { mergeEvidence } from '../../scripts/engine/wiifm';
import { toDealInsightRecord } from '../../scripts/engine/risk';
import {
  addActivity,
  addDeal,
  createRepRollup,
  finishRep,
  repEvidence
} from '../../scripts/engine/rollup';
import { seededRandom } from '../../scripts/common/random';
import { OPPORTUNITY_STAGES } from '../../scripts/local-org/schema';
import { benchArgs } from './args';
import type {
  ActivityInput,
  ContactRoleInput,
  DealInput,
  OpportunityHistoryRow,
  RepRollup,
  RepRollupInput,
  RepSnapshot
} from '../../scripts/engine';
import { fromDayNumber, toDayNumber } from '../../scripts/engine/dates';
import { loadConfigFile } from '../../scripts/build/load-config';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const ARGS = process.argv.slice(2);
const { values: OPTIONS } = benchArgs(
  'usage: npm run bench:engine [-- --count <deals> --reps <n> --workers <n>]\n' +
    '  --count <deals>  opportunities streamed (default 1,000,000)\n' +
    '  --reps <n>       owners the deals are spread over (default 2,000)\n' +
    '  --workers <n>    worker threads (default: one per core)',
  { count: 1_000_000, reps: 2_000, workers: availableParallelism() }
);
const COUNT = OPTIONS.count;
const TARGET_PER_SECOND = 1_000_000;
const TARGET_PEAK_MB = 256;

const REPS = OPTIONS.reps;
const REPS_PER_TEAM = 10;
const AS_OF = '2024-03-03';
const PERIOD_START = '2024-02-26';

/** The open stages of a new org's Opportunity, in their order. */
const OPEN_STAGES = OPPORTUNITY_STAGES.filter((s) => !s.closed).map((s) => s.name);
const TITLES = [
  'CTO',
  'Sr. VP, Sales Ops',
  'Account Executive',
  'Buyer',
  'Head of IT',
  null,
  'Barista'
];
const ROLES = ['Decision Maker', 'Influencer', 'Technical Buyer', null];
const SOURCES = ['Web', 'Partner', 'Trade Show', null];

/** Deterministic PRNG, so every run scores the same data. */
const rng = (seed: number): (() => number) => seededRandom(seed).next;

const asOfDay = toDayNumber(AS_OF) as number;
// Dates and datetimes as Salesforce returns them, prepared once (formatting is not the engine).
const DATES: string[] = [];
const DATETIMES: string[] = [];
for (let d = 0; d <= 900; d++) {
  DATES.push(fromDayNumber(asOfDay - 730 + d));
  DATETIMES.push(
    `${fromDayNumber(asOfDay - 730 + d)}T${String(d % 24).padStart(2, '0')}:15:00.000+0000`
  );
}
const dateAt = (offset: number) => DATES[730 + offset];
const dateTimeAt = (offset: number) => DATETIMES[730 + offset];

interface Synthetic {
  owner: number;
  deal: DealInput;
  activities: ActivityInput[];
}

/** One synthetic deal shape (history, activities, contact roles) from the random stream. */
function shape(r: () => number, n: number): Synthetic {
  {
    const owner = 0; // set per streamed deal
    const created = -Math.floor(r() * 700) - 1;
    const closedRoll = r();
    const open = closedRoll < 0.45;
    const won = !open && closedRoll < 0.7;
    const stageIdx = Math.floor(r() * OPEN_STAGES.length);
    const stage = open ? OPEN_STAGES[stageIdx] : won ? 'Closed Won' : 'Closed Lost';
    const closeOffset = open
      ? Math.floor(r() * 120) - 20
      : Math.min(0, created + Math.floor(r() * 200));
    const history: OpportunityHistoryRow[] = [];
    const rows = Math.floor(r() * 6);
    let close = closeOffset - rows * 7;
    let at = created;
    for (let h = 0; h < rows; h++) {
      at = Math.min(0, at + Math.floor(r() * 20));
      if (r() < 0.3) close += 14;
      history.push({
        CreatedDate: dateTimeAt(at),
        StageName: OPEN_STAGES[Math.min(h, OPEN_STAGES.length - 1)],
        CloseDate: dateAt(Math.min(close, 160)),
        Amount: 1000,
        Probability: 10 * h
      });
    }
    const activities: ActivityInput[] = [];
    const acts = Math.floor(r() * 5);
    for (let a = 0; a < acts; a++) {
      activities.push({ ActivityDate: dateAt(-Math.floor(r() * 60)), OwnerId: `005${owner}` });
    }
    const contactRoles: ContactRoleInput[] = [];
    const roleCount = Math.floor(r() * 4);
    for (let c = 0; c < roleCount; c++) {
      contactRoles.push({
        Role: ROLES[Math.floor(r() * ROLES.length)],
        IsPrimary: c === 0,
        Contact: { Title: TITLES[Math.floor(r() * TITLES.length)] }
      });
    }
    const amountRoll = r();
    return {
      owner,
      activities,
      deal: {
        opportunity: {
          Id: `006${n}`,
          OwnerId: `005${owner}`,
          StageName: stage,
          IsClosed: !open,
          IsWon: won,
          CloseDate: dateAt(closeOffset),
          Amount:
            amountRoll < 0.05 ? null : amountRoll < 0.07 ? 0 : Math.floor(amountRoll * 100_000),
          NextStep: r() < 0.6 ? 'Follow up' : null,
          LastActivityDate: acts > 0 ? activities[0].ActivityDate : null,
          CreatedDate: dateTimeAt(created),
          LeadSource: SOURCES[Math.floor(r() * SOURCES.length)],
          Type: r() < 0.8 ? 'New Business' : null,
          Description: r() < 0.5 ? 'Synthetic deal' : null
        },
        history,
        activities,
        contactRoles
      }
    };
  }
}

const SHAPES = 20_000;

/** A fresh copy of a shape's opportunity with its own Id and owner, as a parsed API row is. */
function freshOpportunity(o: DealInput['opportunity'], id: string, ownerId: string) {
  return {
    Id: id,
    OwnerId: ownerId,
    StageName: o.StageName,
    IsClosed: o.IsClosed,
    IsWon: o.IsWon,
    CloseDate: o.CloseDate,
    Amount: o.Amount,
    NextStep: o.NextStep,
    LastActivityDate: o.LastActivityDate,
    CreatedDate: o.CreatedDate,
    LeadSource: o.LeadSource,
    Type: o.Type,
    Description: o.Description
  };
}

/**
 * The deal shapes of one worker: 20,000 random deals (generating a million fresh histories would
 * time the generator, not the engine), passed through JSON as the sync receives rows: flat
 * strings and the parser's object shapes. Prepared before the clock starts.
 */
function prepareShapes(count: number, worker: number): Synthetic[] {
  const r = rng(42 + worker);
  const shapes: Synthetic[] = [];
  // One shape at a time: a single text of all of them would set the run's peak memory.
  for (let n = 0; n < Math.min(SHAPES, count); n++) {
    shapes.push(JSON.parse(JSON.stringify(shape(r, n))) as Synthetic);
  }
  return shapes;
}

/** One streamed deal: its owner and the deal as the sync hands it to the engine. */
interface Streamed {
  owner: number;
  deal: DealInput;
  activities: ActivityInput[];
}

/**
 * Deals are streamed a page at a time: a page of rows is built, then scored. Building a page
 * (fresh opportunity objects, as the sync's parser makes them) is the input's cost, not the
 * engine's: it is timed apart. Pages are small: the rows of a page outlive the young
 * generation's collections while it is scored, and 2,000-row pages, promoted and left for the
 * old generation's collector, add about 100 MB of garbage to the peak the engine is measured by.
 */
const PAGE = 500;

/**
 * The stream of one worker: its shapes, cycled; every streamed deal is its own opportunity
 * object with its own Id and a random owner among the worker's reps (owner ≡ worker mod
 * workers, so each rep's rollup lives in exactly one worker). Nothing is kept per streamed deal
 * beyond its page. Calls onPage with each page built; returns the seconds spent building them.
 */
function streamPages(
  shapes: readonly Synthetic[],
  count: number,
  worker: number,
  workers: number,
  onPage: (page: readonly Streamed[], size: number) => void
): number {
  const r = rng(1042 + worker);
  const owned = Math.ceil((REPS - worker) / workers);
  const page: Streamed[] = [];
  let building = 0n;
  for (let from = 0; from < count; from += PAGE) {
    const size = Math.min(PAGE, count - from);
    const built = process.hrtime.bigint();
    for (let i = 0; i < size; i++) {
      const n = from + i;
      const s = shapes[n % shapes.length];
      const owner = worker + workers * Math.floor(r() * owned);
      const id = n * workers + worker;
      page[i] = {
        owner,
        deal: {
          opportunity: freshOpportunity(s.deal.opportunity, '006' + id, '005' + owner),
          history: s.deal.history,
          activities: s.deal.activities,
          contactRoles: s.deal.contactRoles
        },
        activities: s.activities
      };
    }
    building += process.hrtime.bigint() - built;
    onPage(page, size);
  }
  return Number(building) / 1e9;
}

function repInput(i: number): RepRollupInput {
  const team = Math.floor(i / REPS_PER_TEAM);
  return {
    userId: `005${i}`,
    // Every tenth team has no manager: those reps roll up to the org only.
    managerId: team % 10 === 9 ? null : `005M${team}`,
    periodStart: PERIOD_START,
    asOf: AS_OF,
    previous: { Adoption_Stage__c: 'Acceptance', Weeks_Below_Stage__c: 0 }
  };
}

interface PartResult {
  states: { owner: number; state: RepRollup['state'] }[];
  historyRows: number;
  activityRows: number;
  roleRows: number;
  flagged: number;
  /** Seconds in the engine (scoring and folding the pages), and building the pages. */
  engineSeconds: number;
  /** The process's CPU seconds over the same spans (the engine's own with one thread). */
  engineCpuSeconds: number;
  inputSeconds: number;
}

/** Streams one worker's share of the deals through the engine; returns the reps' counters. */
function streamPart(
  shapes: readonly Synthetic[],
  worker: number,
  workers: number,
  count: number
): PartResult {
  const config = loadConfigFile();
  const rollups: RepRollup[] = [];
  for (let i = worker; i < REPS; i += workers) rollups[i] = createRepRollup(config, repInput(i));
  let historyRows = 0;
  let activityRows = 0;
  let roleRows = 0;
  let flagged = 0;
  let engine = 0n;
  let engineCpu = 0;
  const inputSeconds = streamPages(shapes, count, worker, workers, (page, size) => {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (let i = 0; i < size; i++) {
      const { owner, deal, activities } = page[i];
      const rollup = rollups[owner];
      const score = addDeal(rollup, deal);
      for (let a = 0; a < activities.length; a++) addActivity(rollup, activities[a]);
      // As the sync does: a Deal_Insight__c row for each open deal.
      if (score.risk.status === 'open') {
        const insight = toDealInsightRecord(score);
        if (insight !== null && insight.Risk_Flags__c !== '') flagged++;
      }
    }
    engine += process.hrtime.bigint() - started;
    const used = process.cpuUsage(cpu);
    engineCpu += used.user + used.system;
    for (let i = 0; i < size; i++) {
      const { deal, activities } = page[i];
      historyRows += deal.history?.length ?? 0;
      activityRows += activities.length;
      roleRows += deal.contactRoles?.length ?? 0;
    }
  });
  const states: PartResult['states'] = [];
  rollups.forEach((r, owner) => states.push({ owner, state: r.state }));
  return {
    states,
    historyRows,
    activityRows,
    roleRows,
    flagged,
    engineSeconds: Number(engine) / 1e9,
    engineCpuSeconds: engineCpu / 1e6,
    inputSeconds
  };
}

async function main(): Promise<void> {
  const config = loadConfigFile();
  const workers = Math.max(1, OPTIONS.workers);
  // Workers load the engine, the config and their deal shapes first (start-up, timed apart),
  // then all start streaming at the same moment.
  const booted = process.hrtime.bigint();
  const threads: Worker[] = [];
  if (workers > 1) {
    await Promise.all(
      Array.from({ length: workers }, (_, w) => {
        const share = Math.floor(COUNT / workers) + (w < COUNT % workers ? 1 : 0);
        const t = new Worker(process.argv[1], {
          workerData: { worker: w, workers, count: share },
          argv: ARGS
        });
        threads.push(t);
        return new Promise<void>((ready, fail) => {
          t.once('message', () => ready());
          t.once('error', fail);
        });
      })
    );
  }
  const shapes = workers === 1 ? prepareShapes(COUNT, 0) : [];
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const parts: PartResult[] =
    workers === 1
      ? [streamPart(shapes, 0, 1, COUNT)]
      : await Promise.all(
          threads.map(
            (t) =>
              new Promise<PartResult>((done, fail) => {
                t.once('message', (m: PartResult) => {
                  done(m);
                  void t.terminate();
                });
                t.once('error', fail);
                t.once('exit', (code) => fail(new Error(`worker exited early (${code})`)));
                t.postMessage('go');
              })
          )
        );
  const folded = process.hrtime.bigint();
  const cpuFolded = process.cpuUsage();

  // Rebuild every rep's rollup from its counters, then team and org evidence for WIIFM, every
  // snapshot, the team rollups and the org tipping point.
  const rollups: RepRollup[] = [];
  for (const part of parts) {
    for (const { owner, state } of part.states) {
      const r = createRepRollup(config, repInput(owner));
      Object.assign(r.state, state);
      rollups[owner] = r;
    }
  }
  const teamEvidence = new Map<string, ReturnType<typeof repEvidence>>();
  for (const r of rollups) {
    const key = r.input.managerId ?? '';
    teamEvidence.set(key, mergeEvidence(teamEvidence.get(key), repEvidence(r)));
  }
  const org = mergeEvidence(...teamEvidence.values());
  const byTeam = new Map<string, RepSnapshot[]>();
  const all: RepSnapshot[] = [];
  for (const r of rollups) {
    const managerId = r.input.managerId;
    const snap = finishRep(r, { team: managerId ? teamEvidence.get(managerId) : null, org });
    all.push(snap);
    if (managerId) byTeam.set(managerId, [...(byTeam.get(managerId) ?? []), snap]);
  }
  const teams = [...byTeam.entries()].map(([managerId, snapshots]) =>
    rollupTeam(config, { managerId, snapshots })
  );
  const orgRollup = rollupTeam(config, { managerId: null, snapshots: all });
  const finished = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpuBefore);
  const cpuFinish = process.cpuUsage(cpuFolded);
  report({
    parts,
    workers,
    teams: teams.length,
    org: orgRollup,
    statements: all[0].insights.statements.length,
    startUpSeconds: Number(started - booted) / 1e9,
    finishSeconds: Number(finished - folded) / 1e9,
    finishCpuSeconds: (cpuFinish.user + cpuFinish.system) / 1e6,
    wallSeconds: Number(finished - started) / 1e9,
    cpuSeconds: (cpu.user + cpu.system) / 1e6
  });
}

/** What one run measured, for the report. */
interface Measured {
  parts: PartResult[];
  workers: number;
  teams: number;
  org: ReturnType<typeof rollupTeam>;
  statements: number;
  startUpSeconds: number;
  /** Snapshots, team rollups and the tipping point, after the deals were folded. */
  finishSeconds: number;
  finishCpuSeconds: number;
  wallSeconds: number;
  /** The whole process's CPU time from the start of streaming, building the input included. */
  cpuSeconds: number;
}

/** Prints each figure beside its target; exits non-zero when a target is not met. */
function report(m: Measured): void {
  const { parts, workers, finishSeconds, wallSeconds } = m;
  const sum = (k: 'historyRows' | 'activityRows' | 'roleRows' | 'flagged') =>
    parts.reduce((n, p) => n + p[k], 0);
  const rows = COUNT + sum('historyRows') + sum('activityRows') + sum('roleRows');
  // The engine's time: the slowest worker's scoring and folding, then the snapshots and rollups.
  const foldSeconds = Math.max(...parts.map((p) => p.engineSeconds));
  const seconds = foldSeconds + finishSeconds;
  const inputSeconds = Math.max(...parts.map((p) => p.inputSeconds));
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const perSecond = COUNT / seconds;
  const fastEnough = perSecond >= TARGET_PER_SECOND;
  const smallEnough = peakMb < TARGET_PEAK_MB;
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  console.log(
    `Engine bench: ${fmt(COUNT)} opportunities with ${fmt(sum('historyRows'))} history rows, ` +
      `${fmt(sum('activityRows'))} activities and ${fmt(sum('roleRows'))} contact roles; ` +
      `${fmt(REPS)} reps, ${m.teams} teams; ${workers} worker thread(s)`
  );
  console.log(
    `Worker start-up ${m.startUpSeconds.toFixed(2)} s and building the input ` +
      `pages ${inputSeconds.toFixed(2)} s (not the engine, not timed below); ` +
      `engine: scored and folded in ${foldSeconds.toFixed(2)} s, ` +
      `snapshots and rollups in ${finishSeconds.toFixed(2)} s`
  );
  console.log(
    `Opportunities: ${fmt(perSecond)} records/s in the engine ` +
      `(target ≥ ${fmt(TARGET_PER_SECOND)}/s: ${verdict(fastEnough)}); ` +
      `${fmt(COUNT / wallSeconds)}/s wall clock with the input built`
  );
  if (workers === 1) {
    const engineCpu = parts[0].engineCpuSeconds + m.finishCpuSeconds;
    console.log(
      `Opportunities per CPU-second in the engine: ${fmt(COUNT / engineCpu)} ` +
        `(CPU time, less sensitive to other load on the machine than the wall clock)`
    );
  }
  console.log(
    `All input rows (opportunities, history, activities, contact roles): ${fmt(rows / seconds)} rows/s`
  );
  console.log(
    `CPU time of the whole run: ${m.cpuSeconds.toFixed(2)} s over ${wallSeconds.toFixed(2)} s ` +
      `wall clock, building the input included`
  );
  console.log(
    `Peak RSS: ${peakMb.toFixed(0)} MB (target < ${TARGET_PEAK_MB} MB: ${verdict(smallEnough)})`
  );
  console.log(
    `Flagged deals: ${fmt(sum('flagged'))}; org tipping point ${m.org.tippingPointPct} % ` +
      `(target ${m.org.targetPct} %), win rate ${m.org.winRate} %, ` +
      `WIIFM statements on the first snapshot: ${m.statements}`
  );
  if (!fastEnough || !smallEnough) process.exitCode = 1;
}

if (isMainThread) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  const { worker, workers, count } = workerData as {
    worker: number;
    workers: number;
    count: number;
  };
  loadConfigFile();
  const shapes = prepareShapes(count, worker);
  parentPort?.once('message', () =>
    parentPort?.postMessage(streamPart(shapes, worker, workers, count))
  );
  parentPort?.postMessage('ready');
}
