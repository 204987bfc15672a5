/**
 * One sync run, as a pipeline: plan the period → extract what the coaching engine needs from
 * the org → score it with the engine (the same code the components run) → load
 * Adoption_Snapshot__c, Deal_Insight__c and Adoption_Rollup__c rows by external id → report.
 * A rerun after a crash at any point gives the same end state: every computation reads only
 * the source records and earlier periods' snapshots, and every write is an upsert by key.
 */
import type { Connection } from 'jsforce';
import { addDays, type CoachingConfig, type TeamRollup } from '../engine';
import { Api, type ApiOptions, type CallKind } from './api';
import { Extraction, readPeople, type People } from './extract';
import { changedRows, load, type Loaded, type Pending } from './load';
import { audienceOf, plan, type Plan } from './plan';
import { ReplicaWriter } from './replica';
import { nudgeAnswers } from './rollups';
import { measureRecords } from '../engine/governance';
import { writeMeasures } from './governance';
import {
  finishScores,
  scoreDeals,
  scorePeople,
  startRollups,
  type DealScores,
  type Scores
} from './score';
import type { TopRisk } from './score';
import { Spool } from './spool';
import type { Failure } from './write';

export { DEFAULT_AUDIENCE, audienceOf, invalidAudienceName, weekStart } from './plan';
export type { Failure } from './write';
export type { TopRisk } from './score';

export interface SyncOptions {
  config: CoachingConfig;
  /** 'YYYY-MM-DD': the day to score as; the snapshot period is the one that holds it. */
  asOf: string;
  dryRun?: boolean;
  api?: Partial<ApiOptions>;
  /** Rows above which snapshots and insights are loaded with Bulk API 2.0 ingest. */
  bulkLoadThreshold?: number;
  log?: (line: string) => void;
  /**
   * Where the replica lives between runs; with it a run reads only what changed since the last
   * one (in the same period). Undefined: every run reads everything.
   */
  stateDir?: string;
  /** Read everything even when a replica allows an incremental run. */
  full?: boolean;
  /** Test hook: called at named points of the run (the crash tests stop the process there). */
  checkpoint?: (name: string) => void;
  /**
   * The rollout's audience as permission sets, in place of the config's `audience`: their holders
   * get a snapshot and count in the tipping point (default: the config's audience, else the Rep
   * and Manager permission sets).
   */
  audience?: string[];
  /**
   * On the first sync of an org (no snapshot in this period, none written live before), score this
   * many earlier periods first from the history the org records (OpportunityHistory, activity
   * dates, logins, nudge answers), so the ladder and trends are true on the first day. Those
   * snapshots are marked Backfilled__c. The CLI's default is 8; 0 (the default here) backfills
   * nothing.
   */
  backfillPeriods?: number;
  /** Read LoginHistory for week-by-week logins (the sync's user needs Manage Users); without
   * it, User.LastLoginDate is the Awareness evidence. */
  loginHistory?: boolean;
}

/** Set on the runs that score an earlier period for the first sync's backfill. */
interface BackfillRun {
  backfilled?: boolean;
}

export interface Governance {
  /** Active users' names by id (owners, managers). */
  names: Record<string, string>;
  /** Users on each rung per period, the earlier synced weeks and this one (oldest first). */
  ladderTrend: { periodStart: string; counts: Record<string, number> }[];
  topRisks: TopRisk[];
  /** Nudge answers in this period, by action (Fixed, Snoozed, Dismissed). */
  nudgeAnswers: Record<string, number>;
}

export interface SyncSummary {
  asOf: string;
  periodStart: string;
  /** incremental: the replica plus what changed since the last run; full: everything read. */
  mode: 'full' | 'incremental';
  read: number;
  written: number;
  /** Read shares granted on snapshots (to their rep and the rep's current manager) and on team
   * rollups (to the team's manager). */
  shared: number;
  unchanged: number;
  failed: number;
  apiCalls: number;
  /** Calls made before the load: field check and extract. */
  extractCalls: number;
  /** The same calls by kind: /composite, REST query pages, Bulk API 2.0 job creations, status
   * polls and result pages. */
  extractCallsByKind: Partial<Record<CallKind, number>>;
  retries: number;
  durationMs: number;
  dryRun: boolean;
  /** Opportunities scored (open ones and those closed in the win-rate window). */
  deals: number;
  snapshots: number;
  insights: number;
  /** Adoption_Rollup__c rows of the period: one per team and one for the org. */
  rollups: number;
  failures: Failure[];
  teams: TeamRollup[];
  org: TeamRollup;
  /** What the sponsor's report shows beyond the rollups. */
  governance: Governance;
  /** What a dry run would write. */
  pending?: Pending[];
  /**
   * The first sync's backfill of earlier periods (their rows are counted in `written` and
   * `failed` too); absent when the run backfilled nothing.
   */
  backfilled?: { periods: number; snapshots: number; written: number; failed: number };
}

export const API_DEFAULTS = {
  maxApiShare: 0.5,
  bulkThreshold: 20000,
  retries: 6,
  retryBaseMs: 200,
  bulkJobTimeoutMs: 30 * 60_000
};

export async function runSync(
  conn: Connection,
  options: SyncOptions & BackfillRun
): Promise<SyncSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const checkpoint = options.checkpoint ?? (() => undefined);
  const api = new Api(conn, { ...API_DEFAULTS, log, ...options.api });
  const { config, stateDir, dryRun } = options;
  const audience = audienceOf(config, options.audience);

  const period = plan(config, options.asOf, options.backfilled === true);

  const ex = new Extraction(api, period, {
    config,
    audience,
    stateDir,
    full: options.full,
    loginHistory: options.loginHistory,
    log
  });
  await ex.open(conn);
  const backfill = Math.max(0, Math.floor(options.backfillPeriods ?? 0));
  // The first sync of an org: nothing in this period, and nothing a sync wrote live before it.
  // A first sync stopped during its backfill finds only backfilled weeks and does it again
  // (unchanged rows are not rewritten).
  if (backfill > 0 && !dryRun && (await ex.firstSync())) {
    return syncAfterBackfill(conn, options, backfill, log);
  }
  const generation = (ex.previousRun?.generation ?? 0) + 1;
  const replica = stateDir && !dryRun ? new ReplicaWriter(stateDir, generation) : null;
  const insights = { created: new Spool(), updated: new Spool() };
  try {
    await ex.openRest();
    const people = await readPeople(ex);

    const rollups = startRollups(config, period, people);
    log(`score: deals as of ${period.asOf}`);
    const deals = await scoreDeals(config, ex, rollups, { replica, ...insights, checkpoint });
    await scorePeople(config, ex, rollups, people);
    ex.logReads();
    checkpoint('extracted');
    const scores = finishScores(config, rollups, people);
    checkpoint('scored');
    const extractCalls = api.calls;
    const extractCallsByKind = { ...api.callsBy };

    const rows = changedRows(scores, people, period.periodStart);
    const loaded = await load(api, ex, people, rows, insights, replica, {
      dryRun,
      bulkLoadThreshold: options.bulkLoadThreshold,
      log,
      checkpoint,
      started
    });

    if (!dryRun) await writePeriodMeasures(api, deals, period.periodStart, loaded, log);
    return report({
      api,
      ex,
      people,
      deals,
      scores,
      loaded,
      extractCalls,
      extractCallsByKind,
      started,
      dryRun
    });
  } catch (e) {
    replica?.abort();
    throw e;
  } finally {
    insights.created.close();
    insights.updated.close();
  }
}

/** The period's governance measures (Governance_Measure__c); their failures join the load's. */
async function writePeriodMeasures(
  api: Api,
  deals: DealScores,
  week: string,
  loaded: Loaded,
  log: (line: string) => void
): Promise<void> {
  const measured = await writeMeasures(api, measureRecords(deals.measures, week), week, log);
  loaded.failures.push(
    ...measured.failures.map((f) => ({ object: 'Governance_Measure__c', ...f }))
  );
}

/** The first sync of an org: its earlier periods backfilled, then this period's run. */
async function syncAfterBackfill(
  conn: Connection,
  options: SyncOptions,
  periods: number,
  log: (line: string) => void
): Promise<SyncSummary> {
  const history = await backfillPeriods(conn, options, periods, log);
  const now = await runSync(conn, { ...options, backfillPeriods: 0 });
  return {
    ...now,
    written: now.written + history.written,
    failed: now.failed + history.failed,
    backfilled: history
  };
}

/**
 * The first sync's backfill: the `periods` periods before the one of options.asOf, oldest
 * first, each scored as of its last day from the org's history, its snapshots marked
 * Backfilled__c; each run reads the snapshots of the one before, so the ladder climbs (and
 * holds) as it did.
 */
async function backfillPeriods(
  conn: Connection,
  options: SyncOptions,
  periods: number,
  log: (line: string) => void
): Promise<NonNullable<SyncSummary['backfilled']>> {
  const total = { periods: 0, snapshots: 0, written: 0, failed: 0 };
  const { config } = options;
  const start = plan(config, options.asOf).periodStart;
  log(`first sync on this org: scoring the ${periods} earlier periods from its history`);
  for (let k = periods; k >= 1; k--) {
    const asOf = addDays(start, -k * config.periodDays + config.periodDays - 1);
    const run = await runSync(conn, {
      ...options,
      asOf,
      backfillPeriods: 0,
      backfilled: true,
      stateDir: undefined,
      dryRun: options.dryRun
    });
    log(
      `backfill: period of ${run.periodStart}: ${run.snapshots} snapshots, ${run.written} rows written`
    );
    total.periods++;
    total.snapshots += run.snapshots;
    total.written += run.written;
    total.failed += run.failed;
  }
  return total;
}

/** Report: the run's summary, with the sponsor's figures beyond the rollups. */
function report(run: {
  api: Api;
  ex: Extraction;
  people: People;
  deals: DealScores;
  scores: Scores;
  loaded: Loaded;
  extractCalls: number;
  extractCallsByKind: Partial<Record<CallKind, number>>;
  started: number;
  dryRun?: boolean;
}): SyncSummary {
  const { api, ex, people, deals, scores, loaded } = run;
  const p: Plan = ex.plan;
  const ladderTrend = [...people.trend.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([periodStart, counts]) => ({ periodStart, counts }));
  ladderTrend.push({ periodStart: p.periodStart, counts: { ...scores.org.stageCounts } });
  return {
    asOf: p.asOf,
    periodStart: p.periodStart,
    mode: ex.incremental ? 'incremental' : 'full',
    read: Object.values(ex.readBy).reduce((n, t) => n + t.read, 0),
    written: loaded.written,
    shared: loaded.shared,
    unchanged: loaded.unchanged + deals.unchangedInsights,
    failed: loaded.failures.length,
    apiCalls: api.calls,
    extractCalls: run.extractCalls,
    extractCallsByKind: run.extractCallsByKind,
    retries: api.retried,
    durationMs: Date.now() - run.started,
    dryRun: run.dryRun === true,
    deals: deals.deals,
    snapshots: scores.snapshots.length,
    insights: deals.insights,
    rollups: scores.teams.length + 1,
    failures: loaded.failures,
    teams: scores.teams,
    org: scores.org,
    governance: {
      names: people.names,
      ladderTrend,
      topRisks: deals.topRisks,
      nudgeAnswers: nudgeAnswers(people)
    },
    ...(loaded.pending ? { pending: loaded.pending } : {})
  };
}
