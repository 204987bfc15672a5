/**
 * One sync run: extract what the coaching engine needs from the org, score it with the engine
 * (the same code the components run), and load Adoption_Snapshot__c and Deal_Insight__c rows
 * by external id. Rows whose values did not change are not sent, so a second run writes 0.
 * A rerun after a crash at any point gives the same end state: every computation reads only
 * the source records and earlier periods' snapshots, and every write is an upsert by key.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Connection } from 'jsforce';
import { csvLine, parseCsv } from '../common/csv';
import {
  addActivity,
  addNudgeResponse,
  addScoredDeal,
  createRepRollup,
  finishRep,
  mergeEvidence,
  repEvidence,
  rollupTeam,
  scoreDeal,
  toDealInsightRecord,
  type CoachingConfig,
  type EvidenceCounts,
  type PreviousSnapshot,
  type RepRollup,
  type RepSnapshot,
  type TeamRollup
} from '../engine';
import { Api, API_VERSION, type ApiOptions, type Query, type Row, type RowSource } from './api';
import {
  DESCRIBES,
  INSIGHT_FIELDS,
  NEEDS,
  SNAPSHOT_FIELDS,
  checkFields,
  type FieldCheck
} from './fields';
import { joinByKey, type SortedStream } from './join';
import {
  ReplicaWriter,
  applyChanges,
  readReplica,
  replicaIdentity,
  replicaRows,
  type StreamName
} from './replica';

export interface SyncOptions {
  config: CoachingConfig;
  /** 'YYYY-MM-DD': the day to score as; the snapshot period is the week (Monday–Sunday) of it. */
  asOf: string;
  dryRun?: boolean;
  api?: Partial<ApiOptions>;
  /** Rows above which snapshots and insights are loaded with Bulk API 2.0 ingest. */
  bulkLoadThreshold?: number;
  log?: (line: string) => void;
  /**
   * Where the replica lives between runs; with it a run reads only what changed since the last
   * one (in the same week). Undefined: every run reads everything.
   */
  stateDir?: string;
  /** Read everything even when a replica allows an incremental run. */
  full?: boolean;
  /** Test hook: called at named points of the run (the crash tests stop the process there). */
  checkpoint?: (name: string) => void;
  /**
   * The rollout's audience: the holders of these permission sets get a snapshot and count in
   * the tipping point (default: the Rep and Manager permission sets).
   */
  audience?: string[];
}

export const DEFAULT_AUDIENCE = ['Adoption_Coach_Rep', 'Adoption_Coach_Manager'];

/** An open deal among the riskiest of the org: amount × risk weight, as the 1:1 agenda ranks. */
export interface TopRisk {
  opportunityId: string;
  name: string | null;
  ownerId: string;
  amount: number;
  flags: string[];
  priority: number;
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

const TOP_RISKS = 10;
const TREND_WEEKS = 8;

export interface Failure {
  object: string;
  key: string;
  errorCode: string;
  message: string;
}

export interface SyncSummary {
  asOf: string;
  periodStart: string;
  /** incremental: the replica plus what changed since the last run; full: everything read. */
  mode: 'full' | 'incremental';
  read: number;
  written: number;
  /** Read shares granted on snapshots (to their rep and the rep's current manager). */
  shared: number;
  unchanged: number;
  failed: number;
  apiCalls: number;
  /** Calls made before the load: field check and extract. */
  extractCalls: number;
  retries: number;
  durationMs: number;
  dryRun: boolean;
  /** Opportunities scored (open ones and those closed in the win-rate window). */
  deals: number;
  snapshots: number;
  insights: number;
  failures: Failure[];
  teams: TeamRollup[];
  org: TeamRollup;
  /** What the sponsor's report shows beyond the rollups. */
  governance: Governance;
  /** What a dry run would write. */
  pending?: { object: string; key: string; fields: Record<string, unknown> }[];
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week (UTC) that contains `day`. */
export function weekStart(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return addDays(day, -((d.getUTCDay() + 6) % 7));
}

/** Values as the API returns them, compared without type noise ('5' = 5, '' = null). */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => {
    if (v === undefined || v === null || v === '') return null;
    if (typeof v === 'number') return String(Number(v.toFixed(6)));
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) && !/^0\d/.test(v)) {
      return String(Number(Number(v).toFixed(6)));
    }
    return String(v);
  };
  return norm(a) === norm(b);
}

function changed(
  next: Record<string, unknown>,
  current: Record<string, unknown> | undefined,
  fields: string[]
) {
  if (!current) return true;
  if (current.Risk_Flags__c !== undefined || next.Risk_Flags__c !== undefined) {
    const sortFlags = (v: unknown) =>
      String(v ?? '')
        .split(';')
        .filter((x) => x)
        .sort()
        .join(';');
    if (sortFlags(current.Risk_Flags__c) !== sortFlags(next.Risk_Flags__c)) return true;
  }
  return fields.some((f) => f !== 'Risk_Flags__c' && !same(next[f], current[f]));
}

/** The stream of each large object: the key that joins it to its deal. */
const KEYS: Record<StreamName, (row: Row) => string | null> = {
  Opportunity: (r) => String(r.Id),
  OpportunityHistory: (r) => (r.OpportunityId as string) ?? null,
  OpportunityContactRole: (r) => (r.OpportunityId as string) ?? null,
  Task: (r) => (r.WhatId as string) ?? null,
  Event: (r) => (r.WhatId as string) ?? null,
  Deal_Insight__c: (r) => (r.Opportunity__c as string) ?? null
};

/** Records changed during the previous run's reads may carry a slightly older stamp. */
const WATERMARK_OVERLAP_MS = 5 * 60 * 1000;
/** More changes than this share of the replica: a full run reads less. */
const MAX_CHANGE_SHARE = 0.2;

/** '2026-11-20T18:00:00Z': a SOQL datetime literal, to the second. */
const soqlDatetime = (iso: string) => `${iso.slice(0, 19)}Z`;

export async function runSync(conn: Connection, options: SyncOptions): Promise<SyncSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const checkpoint = options.checkpoint ?? (() => undefined);
  const api = new Api(conn, {
    maxApiShare: 0.5,
    bulkThreshold: 4000,
    retries: 6,
    retryBaseMs: 200,
    bulkJobTimeoutMs: 30 * 60_000,
    log,
    ...options.api
  });
  const config = options.config;
  const asOf = options.asOf;
  const periodStart = weekStart(asOf);
  const periodEnd = addDays(periodStart, config.periodDays - 1);
  const windowStart = addDays(asOf, -config.winRateWindowDays + 1);
  // The period's activities count for the rollup; with the staleness window before it they also
  // date each deal's last activity as of a past day, which LastActivityDate cannot.
  const activitiesFrom = [periodStart, addDays(asOf, -config.risk.staleAfterDays)].sort()[0];
  /** Rows read from the org, per query (a check against the totals the API announced). */
  const readBy: Record<string, { read: number; total: number }> = {};
  const counted = async function* (name: string, source: RowSource) {
    const tally = (readBy[name] = { read: 0, total: source.total });
    for await (const batch of source.rows()) {
      tally.read += batch.length;
      yield batch;
    }
  };
  const readAll = async (name: string) => {
    const source = sources.get(name);
    const rows: Row[] = [];
    if (source) for await (const batch of counted(name, source)) rows.push(...batch);
    return rows;
  };

  // ---------------------------------------------------------------- field check
  // One /composite call describes the objects and opens the small queries: their fields are all
  // required ones, and the check judges the describes before any of their rows is read.
  const fields = {} as FieldCheck;
  const query = (name: string, object: string, soql: string, all = false): Query => ({
    name,
    soql,
    all,
    get types() {
      return { ...fields.types[object], IsDeleted: 'boolean' as const };
    }
  });
  const required = (object: string) => NEEDS[object].read.join(', ');
  const small = [
    query('User', 'User', `SELECT ${required('User')} FROM User WHERE IsActive = true`),
    query(
      'audience',
      'PermissionSetAssignment',
      `SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name IN (${audienceOf(options)})`
    ),
    query(
      'earlier snapshots',
      'Adoption_Snapshot__c',
      `SELECT User__c, Period_Start__c, Adoption_Stage__c, Weeks_Below_Stage__c, Completeness_Score__c, Activities_Logged__c, Win_Rate__c FROM Adoption_Snapshot__c WHERE Period_Start__c < ${periodStart} AND Period_Start__c >= ${addDays(periodStart, -56)}`
    ),
    query(
      'Adoption_Snapshot__c',
      'Adoption_Snapshot__c',
      `SELECT ${required('Adoption_Snapshot__c')} FROM Adoption_Snapshot__c WHERE Period_Start__c = ${periodStart}`
    ),
    query(
      'Nudge_Response__c',
      'Nudge_Response__c',
      `SELECT ${required('Nudge_Response__c')} FROM Nudge_Response__c WHERE CreatedDate >= ${periodStart}T00:00:00Z`
    )
  ];
  log(`field check: describing ${DESCRIBES.length} objects`);
  const sources = await api.openQueries(small, DESCRIBES, (answers) =>
    Object.assign(fields, checkFields(answers, log))
  );
  const select = (object: string) => fields.select[object].join(', ');

  // ---------------------------------------------------------------- replica
  const identity = replicaIdentity([conn.instanceUrl, config, fields.select, API_VERSION]);
  const previousRun =
    options.stateDir && !options.full ? readReplica(options.stateDir, identity) : null;
  let incremental =
    previousRun !== null && previousRun.periodStart === periodStart && asOf >= previousRun.asOf;
  if (previousRun && !incremental)
    log(`replica: a new week or an earlier day than the last run; reading everything`);

  // ---------------------------------------------------------------- extract
  const dealFilter = `(IsClosed = false OR CloseDate >= ${windowStart})`;
  const roleFields = 'Id, OpportunityId, Role, IsPrimary, Contact.Title';
  const fullQueries = [
    query(
      'Opportunity',
      'Opportunity',
      `SELECT ${select('Opportunity')} FROM Opportunity WHERE ${dealFilter} ORDER BY Id`
    ),
    query(
      'OpportunityHistory',
      'OpportunityHistory',
      `SELECT ${select('OpportunityHistory')} FROM OpportunityHistory WHERE OpportunityId IN (SELECT Id FROM Opportunity WHERE ${dealFilter}) ORDER BY OpportunityId, Id`
    ),
    query(
      'OpportunityContactRole',
      'OpportunityContactRole',
      `SELECT ${roleFields} FROM OpportunityContactRole WHERE OpportunityId IN (SELECT Id FROM Opportunity WHERE ${dealFilter}) ORDER BY OpportunityId, Id`
    ),
    ...(['Task', 'Event'] as const).map((o) =>
      query(
        o,
        o,
        `SELECT ${select(o)} FROM ${o} WHERE ActivityDate >= ${activitiesFrom} ORDER BY WhatId, Id`
      )
    ),
    query(
      'Deal_Insight__c',
      'Deal_Insight__c',
      `SELECT ${select('Deal_Insight__c')} FROM Deal_Insight__c WHERE Opportunity__c IN (SELECT Id FROM Opportunity WHERE ${dealFilter}) ORDER BY Opportunity__c, Id`
    )
  ];
  const since = previousRun ? soqlDatetime(previousRun.watermark) : '';
  const changeQueries = [
    query(
      'Opportunity',
      'Opportunity',
      `SELECT ${select('Opportunity')}, IsDeleted FROM Opportunity WHERE SystemModstamp > ${since} ORDER BY Id`,
      true
    ),
    query(
      'OpportunityHistory',
      'OpportunityHistory',
      `SELECT ${select('OpportunityHistory')} FROM OpportunityHistory WHERE OpportunityId IN (SELECT Id FROM Opportunity WHERE SystemModstamp > ${since}) ORDER BY OpportunityId, Id`
    ),
    query(
      'OpportunityContactRole',
      'OpportunityContactRole',
      `SELECT ${roleFields}, IsDeleted FROM OpportunityContactRole WHERE SystemModstamp > ${since} ORDER BY OpportunityId, Id`,
      true
    ),
    ...(['Task', 'Event'] as const).map((o) =>
      query(
        o,
        o,
        `SELECT ${select(o)}, IsDeleted FROM ${o} WHERE SystemModstamp > ${since} ORDER BY WhatId, Id`,
        true
      )
    )
  ];
  log(`extract: ${incremental ? 'changes since the last run' : 'everything the scores need'}`);
  for (const [name, source] of await api.openQueries(incremental ? changeQueries : fullQueries))
    sources.set(name, source);
  if (incremental && previousRun) {
    const changes = changeQueries.reduce((n, q) => n + sources.get(q.name)!.total, 0);
    const held = Object.values(previousRun.counts).reduce((n, c) => n + c, 0);
    if (changes > Math.max(1000, held * MAX_CHANGE_SHARE)) {
      log(`replica: ${changes} changed records since the last run; reading everything instead`);
      incremental = false;
      for (const [name, source] of await api.openQueries(fullQueries)) sources.set(name, source);
    }
  }

  // Everyone active is named (managers outside the audience head teams); only the audience,
  // the holders of its permission sets, is scored.
  const audience = new Set((await readAll('audience')).map((a) => String(a.AssigneeId)));
  const users = new Map<string, { managerId: string | null }>();
  const names: Record<string, string> = {};
  for (const u of await readAll('User')) {
    names[String(u.Id)] = String(u.Name ?? u.Id);
    if (audience.has(String(u.Id))) {
      users.set(String(u.Id), { managerId: (u.ManagerId as string) ?? null });
    }
  }
  const previous = new Map<string, PreviousSnapshot & { Period_Start__c: string }>();
  const trend = new Map<string, Record<string, number>>();
  const trendFrom = addDays(periodStart, -7 * (TREND_WEEKS - 1));
  for (const s of await readAll('earlier snapshots')) {
    const user = String(s.User__c);
    const period = String(s.Period_Start__c);
    const p = previous.get(user);
    if (!p || period > p.Period_Start__c) {
      previous.set(user, {
        ...(s as PreviousSnapshot),
        Period_Start__c: period,
        Weeks_Below_Stage__c:
          s.Weeks_Below_Stage__c === null ? null : Number(s.Weeks_Below_Stage__c)
      });
    }
    if (period >= trendFrom) {
      const counts = trend.get(period) ?? {};
      const stage = String(s.Adoption_Stage__c);
      counts[stage] = (counts[stage] ?? 0) + 1;
      trend.set(period, counts);
    }
  }
  const currentSnapshots = new Map<string, Row>();
  for (const s of await readAll('Adoption_Snapshot__c'))
    currentSnapshots.set(String(s.Snapshot_Key__c), s);
  const responses = await readAll('Nudge_Response__c');

  const rollups = new Map<string, RepRollup>();
  for (const [userId, u] of users) {
    rollups.set(
      userId,
      createRepRollup(config, {
        userId,
        managerId: u.managerId,
        periodStart,
        asOf,
        previous: previous.get(userId) ?? null
      })
    );
  }

  // The large objects: straight from the org, or the replica with the org's changes merged in.
  const streamOf = async (name: StreamName): Promise<AsyncIterable<Row[]>> => {
    if (!incremental || !previousRun) return counted(name, sources.get(name)!);
    const old = replicaRows(options.stateDir!, previousRun, name);
    if (name === 'Deal_Insight__c') return old;
    const changes = await readAll(name);
    if (name === 'Opportunity') {
      for (const o of changes) {
        changedDeals.add(String(o.Id));
        if (o.IsDeleted === true) deletedDeals.add(String(o.Id));
      }
    }
    return applyChanges(old, changes, {
      key: KEYS[name],
      keep:
        name === 'Opportunity'
          ? (o) => o.IsClosed === false || String(o.CloseDate ?? '') >= windowStart
          : name === 'Task' || name === 'Event'
            ? (a) => String(a.ActivityDate ?? '') >= activitiesFrom
            : () => true,
      replaceKeys:
        name === 'OpportunityHistory'
          ? changedDeals
          : name === 'OpportunityContactRole'
            ? deletedDeals
            : undefined
    });
  };
  const changedDeals = new Set<string>();
  const deletedDeals = new Set<string>();
  const generation = (previousRun?.generation ?? 0) + 1;
  const replica =
    options.stateDir && !options.dryRun ? new ReplicaWriter(options.stateDir, generation) : null;
  // New insights carry their opportunity; changed ones leave it out, because a master-detail
  // field that is not reparentable cannot be written in an update (CustomField,
  // reparentableMasterDetail: https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm).
  const spool = new Spool();
  const changedSpool = new Spool();
  try {
    const opportunities = await streamOf('Opportunity');
    const others: SortedStream[] = [];
    for (const name of [
      'OpportunityHistory',
      'OpportunityContactRole',
      'Task',
      'Event',
      'Deal_Insight__c'
    ] as const) {
      const activity = name === 'Task' || name === 'Event';
      others.push({
        name,
        rows: await streamOf(name),
        key: KEYS[name],
        onRow: (row, matched) => {
          if (activity) {
            const rollup = rollups.get(String(row.OwnerId));
            if (rollup) addActivity(rollup, row as never);
          }
          if (name !== 'Deal_Insight__c' && (matched || activity)) replica?.write(name, row);
        }
      });
    }
    log(`score: deals as of ${asOf}`);
    const topRisks: TopRisk[] = [];
    let deals = 0;
    let insights = 0;
    let unchangedInsights = 0;
    for await (const { row: opp, related } of joinByKey(
      {
        name: 'Opportunity',
        rows: opportunities,
        key: KEYS.Opportunity,
        onRow: (o) => replica?.write('Opportunity', o)
      },
      others
    )) {
      const [history, roles, tasks, events, current] = related;
      const activities = [...tasks, ...events].filter((a) => String(a.ActivityDate) <= periodEnd);
      const score = scoreDeal(
        config,
        {
          opportunity: opp,
          history: history as never,
          activities: activities as never,
          contactRoles: roles as never
        },
        asOf
      );
      if (++deals === 1) checkpoint('scoring');
      const rollup = rollups.get(String(opp.OwnerId));
      if (rollup) addScoredDeal(rollup, opp, score);
      const open = score.risk.status === 'open';
      // A deal that closed keeps its insight, cleared of flags and questions (the engine's row
      // for a closed deal); one that closed before it was ever scored gets none.
      if (!open && !(score.risk.isClosed && current.length > 0)) continue;
      const insight = toDealInsightRecord(score) as unknown as Row;
      insights++;
      replica?.write('Deal_Insight__c', insight);
      if (!current[0]) spool.write(insight);
      else if (changed(insight, current[0], INSIGHT_FIELDS)) {
        const { Opportunity__c: _parent, ...update } = insight;
        changedSpool.write(update as Row);
      } else unchangedInsights++;
      if (open && score.risk.flags.length)
        keepTopRisk(topRisks, opp, score.risk.flags, score.risk.riskWeight);
    }
    for (const [name, { read: n, total }] of Object.entries(readBy)) {
      // A query's rows may change while it is read (REST paging); a short read is worth a look.
      if (n !== total) log(`extract: ${name} announced ${total} rows and gave ${n}`);
    }
    log(
      `extract: read ${Object.entries(readBy)
        .map(([name, t]) => `${t.read} ${name}`)
        .join(', ')}`
    );
    checkpoint('extracted');

    // -------------------------------------------------------------- score
    for (const r of responses) {
      const rollup = rollups.get(String(r.OwnerId));
      if (rollup) addNudgeResponse(rollup, r as never);
    }
    // WIIFM evidence: the rep's own, else the team's (same manager), else the org's.
    const teamEvidence = new Map<string, EvidenceCounts>();
    let orgEvidence = mergeEvidence();
    for (const r of rollups.values()) {
      const e = repEvidence(r);
      const team = r.input.managerId ?? '';
      teamEvidence.set(team, mergeEvidence(teamEvidence.get(team) ?? mergeEvidence(), e));
      orgEvidence = mergeEvidence(orgEvidence, e);
    }
    const snapshots: RepSnapshot[] = [];
    for (const r of rollups.values()) {
      snapshots.push(
        finishRep(r, { team: teamEvidence.get(r.input.managerId ?? '') ?? null, org: orgEvidence })
      );
    }
    const byManager = new Map<string | null, RepSnapshot[]>();
    for (const s of snapshots) {
      const m = s.record.Manager__c;
      byManager.set(m, [...(byManager.get(m) ?? []), s]);
    }
    const previousByUser = Object.fromEntries(previous);
    const teams = [...byManager]
      .filter(([m]) => m !== null)
      .map(([managerId, list]) =>
        rollupTeam(config, { managerId, snapshots: list, previousByUser })
      );
    const org = rollupTeam(config, { managerId: null, snapshots, previousByUser });
    const nudgeAnswers: Record<string, number> = {};
    for (const r of responses) {
      const action = String(r.Action__c ?? '');
      nudgeAnswers[action] = (nudgeAnswers[action] ?? 0) + 1;
    }
    const ladderTrend = [...trend.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([period, counts]) => ({ periodStart: period, counts }));
    ladderTrend.push({ periodStart, counts: { ...org.stageCounts } });
    checkpoint('scored');
    const extractCalls = api.calls;

    // -------------------------------------------------------------- load
    // The sync's user owns the snapshots it writes (so it may update them without Modify All)
    // and shares each with its rep and the rep's manager (see shareSnapshots).
    const snapshotRows = snapshots
      .map((s) => ({ ...s.record }) as Row)
      .filter((row) =>
        changed(row, currentSnapshots.get(String(row.Snapshot_Key__c)), SNAPSHOT_FIELDS)
      );
    const unchanged = snapshots.length - snapshotRows.length + unchangedInsights;
    const failures: Failure[] = [];
    let written = 0;
    let shared = 0;
    let pending: SyncSummary['pending'];
    if (options.dryRun) {
      log(
        `dry run: would write ${snapshotRows.length} snapshots and ${spool.count + changedSpool.count} deal insights`
      );
      pending = [
        ...snapshotRows.map((f) => ({
          object: 'Adoption_Snapshot__c',
          key: String(f.Snapshot_Key__c),
          fields: f
        })),
        ...[...(await spool.readAll()), ...(await changedSpool.readAll())].map((f) => ({
          object: 'Deal_Insight__c',
          key: String(f.Insight_Key__c),
          fields: f
        }))
      ];
    } else {
      const threshold = options.bulkLoadThreshold ?? 5000;
      const load = async (
        object: string,
        ext: string,
        columns: readonly string[],
        batches: Load['batches'],
        count: number
      ) => {
        const result = await upsertAll(
          api,
          { object, ext, columns, batches, count, threshold },
          log,
          checkpoint
        );
        written += result.written;
        return result.failures;
      };
      failures.push(
        ...(await load(
          'Adoption_Snapshot__c',
          'Snapshot_Key__c',
          SNAPSHOT_FIELDS,
          async function* () {
            yield snapshotRows;
          },
          snapshotRows.length
        ))
      );
      // An insight the replica did not know (a run stopped after loading it) exists already:
      // the upsert refuses its opportunity field, and it goes with the updates instead.
      const existed = new Set<string>();
      for (const f of await load(
        'Deal_Insight__c',
        'Insight_Key__c',
        INSIGHT_FIELDS,
        () => spool.batches(2000),
        spool.count
      )) {
        if (f.errorCode === 'INVALID_FIELD_FOR_INSERT_UPDATE') existed.add(f.key);
        else failures.push(f);
      }
      if (existed.size) {
        for await (const batch of spool.batches(2000)) {
          for (const row of batch) {
            if (!existed.has(String(row.Insight_Key__c))) continue;
            const { Opportunity__c: _parent, ...update } = row;
            changedSpool.write(update as Row);
          }
        }
      }
      failures.push(
        ...(await load(
          'Deal_Insight__c',
          'Insight_Key__c',
          INSIGHT_FIELDS.filter((f) => f !== 'Opportunity__c'),
          () => changedSpool.batches(2000),
          changedSpool.count
        ))
      );
      const sharing = await shareSnapshots(api, trendFrom, users, log);
      shared = sharing.shared;
      failures.push(...sharing.failures);
      if (replica) {
        // An insight that failed to load is not what the org holds: the next run sends it again.
        await replica.drop(
          'Deal_Insight__c',
          'Insight_Key__c',
          new Set(failures.filter((f) => f.object === 'Deal_Insight__c').map((f) => f.key))
        );
        checkpoint('state-written');
        replica.commit({
          identity,
          periodStart,
          asOf,
          watermark: new Date(
            Date.parse(api.serverTime ?? new Date(started).toISOString()) - WATERMARK_OVERLAP_MS
          ).toISOString()
        });
      }
    }
    return {
      asOf,
      periodStart,
      mode: incremental ? 'incremental' : 'full',
      read: Object.values(readBy).reduce((n, t) => n + t.read, 0),
      written,
      shared,
      unchanged,
      failed: failures.length,
      apiCalls: api.calls,
      extractCalls,
      retries: api.retried,
      durationMs: Date.now() - started,
      dryRun: options.dryRun === true,
      deals,
      snapshots: snapshots.length,
      insights,
      failures,
      teams,
      org,
      governance: { names, ladderTrend, topRisks, nudgeAnswers },
      ...(pending ? { pending } : {})
    };
  } catch (e) {
    replica?.abort();
    throw e;
  } finally {
    spool.close();
    changedSpool.close();
  }
}

/** Keeps the TOP_RISKS open deals with the largest amount × risk weight (ties: more risk, then id). */
function keepTopRisk(
  top: TopRisk[],
  opp: Record<string, unknown>,
  flags: string[],
  riskWeight: number
): void {
  const raw = Number(opp.Amount);
  const amount = Number.isFinite(raw) && raw > 0 ? raw : 0;
  const risk: TopRisk = {
    opportunityId: String(opp.Id),
    name: (opp.Name as string | undefined) ?? null,
    ownerId: String(opp.OwnerId),
    amount,
    flags,
    priority: amount * riskWeight
  };
  const before = (a: TopRisk, b: TopRisk) =>
    a.priority !== b.priority
      ? a.priority > b.priority
      : a.flags.length !== b.flags.length
        ? a.flags.length > b.flags.length
        : a.opportunityId < b.opportunityId;
  if (top.length === TOP_RISKS && !before(risk, top[TOP_RISKS - 1])) return;
  let i = top.length;
  while (i > 0 && before(risk, top[i - 1])) i--;
  top.splice(i, 0, risk);
  if (top.length > TOP_RISKS) top.pop();
}

/**
 * Rows waiting to be loaded, kept in a temporary file rather than in memory (a first run of a
 * large org writes an insight for every open deal).
 */
class Spool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'adoption-coach-sync-'));
  private readonly file = join(this.dir, 'pending.ndjson');
  private readonly fd = openSync(this.file, 'w');
  private buffer = '';
  count = 0;

  write(row: Row): void {
    this.buffer += `${JSON.stringify(row)}\n`;
    this.count++;
    if (this.buffer.length > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** The rows in batches of up to `size`, in the order written. */
  async *batches(size: number): AsyncGenerator<Row[]> {
    this.flush();
    let batch: Row[] = [];
    const lines = createInterface({ input: createReadStream(this.file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      batch.push(JSON.parse(line) as Row);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  async readAll(): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const batch of this.batches(10000)) rows.push(...batch);
    return rows;
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Rows of one Bulk API 2.0 ingest job (about 30 MB of CSV for insights). */
/** CSV of one Bulk API 2.0 ingest job (the API takes up to 100 MB base64-encoded). */
const BULK_JOB_BYTES = 20 * 1024 * 1024;

interface Load {
  object: string;
  ext: string;
  columns: readonly string[];
  batches: () => AsyncGenerator<Row[]> | AsyncGenerator<readonly Row[]>;
  count: number;
  /** Rows above which Bulk API 2.0 ingest loads them instead of /composite/sobjects. */
  threshold: number;
}

const isBlankCell = (v: unknown) => v === null || v === undefined || v === '';

/** Upserts by external id: /composite/sobjects in batches of 200, Bulk API 2.0 above a threshold. */
async function upsertAll(
  api: Api,
  load: Load,
  log: (line: string) => void,
  checkpoint: (name: string) => void
): Promise<{ written: number; failures: Failure[] }> {
  const { object, ext, count } = load;
  const failures: Failure[] = [];
  let written = 0;
  if (count === 0) return { written, failures };
  if (count > load.threshold) {
    log(`load: ${count} ${object} rows through Bulk API 2.0`);
    // The CSV is built as the rows are read, a job's worth at a time, so that only text waits.
    const header = csvLine([...load.columns]);
    let csv = header;
    let rows = 0;
    let done = 0;
    const send = async () => {
      const result = await bulkUpsert(api, load, csv);
      written += result.written;
      failures.push(...result.failures);
      done += rows;
      api.report(`load ${object}`, done, count);
      csv = header;
      rows = 0;
    };
    for await (const batch of load.batches()) {
      for (const r of batch) {
        // '#N/A' empties a field in Bulk API 2.0's CSV; an empty cell leaves it as it is, so a
        // blank value (no risk flag) is sent as '#N/A' too ("Valid CSV Record Rows",
        // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_bulk_v2/datafiles_csv_valid_record_rows.htm).
        csv += csvLine(load.columns.map((c) => (isBlankCell(r[c]) ? '#N/A' : r[c])));
        rows++;
      }
      if (csv.length > BULK_JOB_BYTES) await send();
    }
    if (rows) await send();
    checkpoint(`loaded:${object}`);
    return { written, failures };
  }
  let done = 0;
  for await (const rows of load.batches()) {
    for (let i = 0; i < rows.length; i += 200) {
      const batch = rows.slice(i, i + 200);
      const result = await sendCollection(api, 'PATCH', object, batch, ext, (r) => String(r[ext]));
      written += result.written;
      failures.push(...result.failures);
      done += batch.length;
      log(`load: ${object} ${done}/${count}`);
      api.report(`load ${object}`, done, count);
      checkpoint(`loaded:${object}:${Math.ceil(done / 200)}`);
    }
  }
  return { written, failures };
}

/**
 * Snapshots are private and owned by the sync's user: each rep gets Read on their own, and their
 * current manager on every one of the trend window, through manual shares
 * (Adoption_Snapshot__Share, RowCause Manual), whatever the role hierarchy looks like. A record's
 * owner may share it by hand:
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_associated_objects_share.htm
 * Shares already granted are read first, so a second run grants none.
 */
async function shareSnapshots(
  api: Api,
  from: string,
  users: Map<string, { managerId: string | null }>,
  log: (line: string) => void
): Promise<{ shared: number; failures: Failure[] }> {
  const query = async (soql: string): Promise<Row[]> => {
    const result = await api.retry('share query', async () => {
      const q = api.conn.query<Row>(soql, { autoFetch: true, maxFetch: 10_000_000 });
      return await q.run();
    });
    return result.records as Row[];
  };
  const window = `Period_Start__c >= ${from}`;
  const snapshots = await query(`SELECT Id, User__c FROM Adoption_Snapshot__c WHERE ${window}`);
  const granted = new Set(
    (
      await query(
        `SELECT ParentId, UserOrGroupId FROM Adoption_Snapshot__Share WHERE RowCause = 'Manual' AND ParentId IN (SELECT Id FROM Adoption_Snapshot__c WHERE ${window})`
      )
    ).map((r) => `${r.ParentId}:${r.UserOrGroupId}`)
  );
  const missing: Row[] = [];
  for (const s of snapshots) {
    const rep = String(s.User__c);
    for (const to of [rep, users.get(rep)?.managerId]) {
      if (!to || granted.has(`${s.Id}:${to}`)) continue;
      granted.add(`${s.Id}:${to}`);
      missing.push({ ParentId: s.Id, UserOrGroupId: to, AccessLevel: 'Read' } as unknown as Row);
    }
  }
  const failures: Failure[] = [];
  let shared = 0;
  for (let i = 0; i < missing.length; i += 200) {
    const result = await sendCollection(
      api,
      'POST',
      'Adoption_Snapshot__Share',
      missing.slice(i, i + 200),
      null,
      (r) => `${r.ParentId}:${r.UserOrGroupId}`
    );
    shared += result.written;
    failures.push(...result.failures);
  }
  if (missing.length) log(`share: ${shared} snapshot shares granted to reps and their managers`);
  return { shared, failures };
}

/** The first name in `names` that is not a permission set API name, or null when all are. */
export function invalidAudienceName(names: readonly string[]): string | null {
  if (names.length === 0) return '';
  return names.find((n) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(n)) ?? null;
}

/** The audience's permission set names as a SOQL list; a name that is not an API name is refused. */
function audienceOf(options: SyncOptions): string {
  const names = options.audience ?? DEFAULT_AUDIENCE;
  const bad = invalidAudienceName(names);
  if (bad !== null) throw new Error(`audience: '${bad}' is not a permission set API name`);
  return names.map((n) => `'${n}'`).join(', ');
}

/**
 * Up to 200 records through /composite/sobjects: created (POST) or upserted by an external id
 * (PATCH), allOrNone false; each failure named by `keyOf`.
 */
async function sendCollection(
  api: Api,
  method: 'POST' | 'PATCH',
  object: string,
  batch: readonly Row[],
  ext: string | null,
  keyOf: (row: Row) => string
): Promise<{ written: number; failures: Failure[] }> {
  const results = await api.retry(method === 'POST' ? 'create' : 'upsert', () =>
    api.conn.request<{ success: boolean; errors: { statusCode: string; message: string }[] }[]>({
      method,
      url: `/services/data/v${API_VERSION}/composite/sobjects${ext ? `/${object}/${ext}` : ''}`,
      body: JSON.stringify({
        allOrNone: false,
        records: batch.map((r) => ({ attributes: { type: object }, ...r }))
      }),
      headers: { 'Content-Type': 'application/json' }
    })
  );
  let written = 0;
  const failures: Failure[] = [];
  results.forEach((r, k) => {
    if (r.success) written++;
    else {
      const e = r.errors[0] ?? { statusCode: 'UNKNOWN', message: '' };
      failures.push({ object, key: keyOf(batch[k]), errorCode: e.statusCode, message: e.message });
    }
  });
  return { written, failures };
}

/** One Bulk API 2.0 upsert job: create, upload the CSV, close, wait, read the failures. */
async function bulkUpsert(
  api: Api,
  load: Load,
  csv: string
): Promise<{ written: number; failures: Failure[] }> {
  const base = `/services/data/v${API_VERSION}/jobs/ingest`;
  const job = await api.json<{ id: string }>('POST', base, {
    object: load.object,
    operation: 'upsert',
    externalIdFieldName: load.ext,
    contentType: 'CSV',
    lineEnding: 'LF'
  });
  await api.retry('bulk upload', () =>
    api.fetch('PUT', `${base}/${job.id}/batches`, { body: csv, contentType: 'text/csv' })
  );
  await api.json('PATCH', `${base}/${job.id}`, { state: 'UploadComplete' });
  let info: {
    state: string;
    numberRecordsProcessed: number;
    numberRecordsFailed: number;
    errorMessage?: string;
  };
  for (let wait = 100; ; wait = Math.min(wait * 2, 5000)) {
    info = await api.json('GET', `${base}/${job.id}`);
    if (info.state === 'JobComplete') break;
    if (info.state === 'Failed' || info.state === 'Aborted') {
      throw new Error(
        `bulk load of ${load.object} ${info.state.toLowerCase()}: ${info.errorMessage ?? ''}`
      );
    }
    await new Promise((r) => setTimeout(r, wait));
  }
  const failures: Failure[] = [];
  if (info.numberRecordsFailed > 0) {
    const text = await api.retry('bulk failures', async () =>
      (await api.fetch('GET', `${base}/${job.id}/failedResults`, { accept: 'text/csv' })).text()
    );
    const [header, ...lines] = parseCsv(text);
    const at = (name: string) => header.indexOf(name);
    for (const cells of lines) {
      const [code, ...rest] = String(cells[at('sf__Error')]).split(':');
      failures.push({
        object: load.object,
        key: cells[at(load.ext)],
        errorCode: code,
        message: rest.join(':')
      });
    }
  }
  return { written: info.numberRecordsProcessed - info.numberRecordsFailed, failures };
}
