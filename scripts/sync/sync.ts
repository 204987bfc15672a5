/**
 * One sync run: extract what the coaching engine needs from the org, score it with the engine
 * (the same code the components run), and load Adoption_Snapshot__c and Deal_Insight__c rows
 * by external id. Rows whose values did not change are not sent, so a second run writes 0.
 * A rerun after a crash at any point gives the same end state: every computation reads only
 * the source records and earlier periods' snapshots, and every write is an upsert by key.
 */
import type { Connection } from 'jsforce';
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
import { Api, API_VERSION, type ApiOptions } from './api';
import { INSIGHT_FIELDS, NEEDS, SNAPSHOT_FIELDS, checkFields } from './fields';

export interface SyncOptions {
  config: CoachingConfig;
  /** 'YYYY-MM-DD': the day to score as; the snapshot period is the week (Monday–Sunday) of it. */
  asOf: string;
  dryRun?: boolean;
  api?: Partial<ApiOptions>;
  /** Rows above which snapshots and insights are loaded with Bulk API 2.0 ingest. */
  bulkLoadThreshold?: number;
  log?: (line: string) => void;
  /** Test hook: called at named points of the run (the crash tests stop the process there). */
  checkpoint?: (name: string) => void;
}

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
  read: number;
  written: number;
  unchanged: number;
  failed: number;
  apiCalls: number;
  retries: number;
  durationMs: number;
  dryRun: boolean;
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

export async function runSync(conn: Connection, options: SyncOptions): Promise<SyncSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const checkpoint = options.checkpoint ?? (() => undefined);
  const api = new Api(conn, {
    maxApiShare: 0.5,
    bulkThreshold: 10000,
    retries: 6,
    retryBaseMs: 200,
    log,
    ...options.api
  });
  const config = options.config;
  const asOf = options.asOf;
  const periodStart = weekStart(asOf);
  const periodEnd = addDays(periodStart, config.periodDays - 1);
  const windowStart = addDays(asOf, -config.winRateWindowDays + 1);
  let read = 0;

  // ---------------------------------------------------------------- field check
  log(`field check: describing ${Object.keys(NEEDS).length} objects`);
  const fields = await checkFields(api, log);
  const select = (object: string) => fields[object].join(', ');

  // ---------------------------------------------------------------- extract
  log(`extract: users`);
  const users = new Map<string, { managerId: string | null }>();
  const names: Record<string, string> = {};
  read += await api.stream(select('User'), 'FROM User WHERE IsActive = true', (u) => {
    users.set(String(u.Id), { managerId: (u.ManagerId as string) ?? null });
    names[String(u.Id)] = String(u.Name ?? u.Id);
  });

  log(`extract: earlier snapshots`);
  const previous = new Map<string, PreviousSnapshot & { Period_Start__c: string }>();
  read += await api.stream(
    'User__c, Period_Start__c, Adoption_Stage__c, Weeks_Below_Stage__c, Completeness_Score__c, Activities_Logged__c, Win_Rate__c',
    `FROM Adoption_Snapshot__c WHERE Period_Start__c < ${periodStart} AND Period_Start__c >= ${addDays(periodStart, -56)}`,
    (s) => {
      const user = String(s.User__c);
      const p = previous.get(user);
      if (!p || String(s.Period_Start__c) > p.Period_Start__c) {
        previous.set(user, {
          ...(s as PreviousSnapshot),
          Period_Start__c: String(s.Period_Start__c),
          Weeks_Below_Stage__c:
            s.Weeks_Below_Stage__c === null ? null : Number(s.Weeks_Below_Stage__c)
        });
      }
    }
  );

  // Deals that matter now: open ones, and those closed in the win-rate window.
  const dealFilter = `(IsClosed = false OR CloseDate >= ${windowStart})`;
  log(`extract: opportunities`);
  const deals = new Map<string, Record<string, unknown>>();
  read += await api.stream(select('Opportunity'), `FROM Opportunity WHERE ${dealFilter}`, (o) => {
    deals.set(String(o.Id), o);
  });
  const history = new Map<string, Record<string, unknown>[]>();
  const seenHistory = new Set<string>();
  log(`extract: opportunity history`);
  read += await api.stream(
    select('OpportunityHistory'),
    `FROM OpportunityHistory WHERE OpportunityId IN (SELECT Id FROM Opportunity WHERE ${dealFilter})`,
    (h) => {
      if (seenHistory.has(String(h.Id))) return;
      seenHistory.add(String(h.Id));
      const list = history.get(String(h.OpportunityId)) ?? [];
      list.push(h);
      history.set(String(h.OpportunityId), list);
    }
  );
  seenHistory.clear();
  const roles = new Map<string, Map<string, Record<string, unknown>>>();
  log(`extract: contact roles`);
  read += await api.stream(
    'Id, OpportunityId, Role, IsPrimary, Contact.Title',
    `FROM OpportunityContactRole WHERE OpportunityId IN (SELECT Id FROM Opportunity WHERE IsClosed = false OR CloseDate >= ${windowStart})`,
    (r) => {
      const byId = roles.get(String(r.OpportunityId)) ?? new Map();
      byId.set(String(r.Id), r);
      roles.set(String(r.OpportunityId), byId);
    }
  );
  // The period's activities count for the rollup; with the staleness window before it they also
  // date each deal's last activity as of a past day, which LastActivityDate cannot.
  const activitiesFrom = [periodStart, addDays(asOf, -config.risk.staleAfterDays)].sort()[0];
  const activities = new Map<string, Record<string, unknown>>();
  for (const object of ['Task', 'Event']) {
    log(`extract: ${object.toLowerCase()}s of the period`);
    read += await api.stream(
      select(object),
      `FROM ${object} WHERE ActivityDate >= ${activitiesFrom} AND ActivityDate <= ${periodEnd}`,
      (a) => activities.set(String(a.Id), a)
    );
  }
  const responses = new Map<string, Record<string, unknown>>();
  log(`extract: nudge responses`);
  read += await api.stream(
    select('Nudge_Response__c'),
    `FROM Nudge_Response__c WHERE CreatedDate >= ${periodStart}T00:00:00Z`,
    (r) => responses.set(String(r.Id), r)
  );
  const currentSnapshots = new Map<string, Record<string, unknown>>();
  read += await api.stream(
    select('Adoption_Snapshot__c'),
    `FROM Adoption_Snapshot__c WHERE Period_Start__c = ${periodStart}`,
    (s) => currentSnapshots.set(String(s.Snapshot_Key__c), s)
  );
  const currentInsights = new Map<string, Record<string, unknown>>();
  read += await api.stream(select('Deal_Insight__c'), 'FROM Deal_Insight__c', (i) =>
    currentInsights.set(String(i.Insight_Key__c), i)
  );
  checkpoint('extracted');

  // ---------------------------------------------------------------- score
  log(`score: ${deals.size} deals, ${users.size} users as of ${asOf}`);
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
  const activitiesByDeal = new Map<string, Record<string, unknown>[]>();
  for (const a of activities.values()) {
    const list = activitiesByDeal.get(String(a.WhatId));
    if (list) list.push(a);
    else activitiesByDeal.set(String(a.WhatId), [a]);
  }
  const insights: Record<string, unknown>[] = [];
  const topRisks: TopRisk[] = [];
  for (const [id, opp] of deals) {
    const dealRoles = roles.get(id);
    const score = scoreDeal(
      config,
      {
        opportunity: opp,
        history: (history.get(id) ?? []) as never,
        activities: (activitiesByDeal.get(id) ?? []) as never,
        contactRoles: dealRoles ? ([...dealRoles.values()] as never) : []
      },
      asOf
    );
    const rollup = rollups.get(String(opp.OwnerId));
    if (rollup) addScoredDeal(rollup, opp, score);
    if (score.risk.status === 'open') {
      insights.push({ ...toDealInsightRecord(score) });
      if (score.risk.flags.length)
        keepTopRisk(topRisks, opp, score.risk.flags, score.risk.riskWeight);
    }
  }
  for (const a of activities.values()) {
    const rollup = rollups.get(String(a.OwnerId));
    if (rollup) addActivity(rollup, a as never);
  }
  for (const r of responses.values()) {
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
    .map(([managerId, list]) => rollupTeam(config, { managerId, snapshots: list, previousByUser }));
  const org = rollupTeam(config, { managerId: null, snapshots, previousByUser });
  const nudgeAnswers: Record<string, number> = {};
  for (const r of responses.values()) {
    const action = String(r.Action__c ?? '');
    nudgeAnswers[action] = (nudgeAnswers[action] ?? 0) + 1;
  }
  const ladderTrend = await readLadderTrend(api, periodStart);
  ladderTrend.push({ periodStart, counts: { ...org.stageCounts } });
  checkpoint('scored');

  // ---------------------------------------------------------------- load
  const snapshotRows = snapshots
    .map((s) => ({ ...s.record, OwnerId: s.record.User__c }) as Record<string, unknown>)
    .filter((row) =>
      changed(row, currentSnapshots.get(String(row.Snapshot_Key__c)), SNAPSHOT_FIELDS)
    );
  const insightRows = insights.filter((row) =>
    changed(row, currentInsights.get(String(row.Insight_Key__c)), INSIGHT_FIELDS)
  );
  const unchanged = snapshots.length - snapshotRows.length + (insights.length - insightRows.length);
  const failures: Failure[] = [];
  let written = 0;
  if (options.dryRun) {
    log(
      `dry run: would write ${snapshotRows.length} snapshots and ${insightRows.length} deal insights`
    );
  } else {
    for (const [object, ext, rows] of [
      ['Adoption_Snapshot__c', 'Snapshot_Key__c', snapshotRows],
      ['Deal_Insight__c', 'Insight_Key__c', insightRows]
    ] as const) {
      const result = await upsertAll(
        api,
        object,
        ext,
        rows,
        options.bulkLoadThreshold ?? 5000,
        log,
        checkpoint
      );
      written += result.written;
      failures.push(...result.failures);
    }
  }
  return {
    asOf,
    periodStart,
    read,
    written,
    unchanged,
    failed: failures.length,
    apiCalls: api.calls,
    retries: api.retried,
    durationMs: Date.now() - started,
    dryRun: options.dryRun === true,
    snapshots: snapshots.length,
    insights: insights.length,
    failures,
    teams,
    org,
    governance: { names, ladderTrend, topRisks, nudgeAnswers },
    ...(options.dryRun
      ? {
          pending: [
            ...snapshotRows.map((f) => ({
              object: 'Adoption_Snapshot__c',
              key: String(f.Snapshot_Key__c),
              fields: f
            })),
            ...insightRows.map((f) => ({
              object: 'Deal_Insight__c',
              key: String(f.Insight_Key__c),
              fields: f
            }))
          ]
        }
      : {})
  };
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

/** Users per rung in the earlier synced weeks (one aggregate query). */
async function readLadderTrend(api: Api, periodStart: string): Promise<Governance['ladderTrend']> {
  const from = addDays(periodStart, -7 * (TREND_WEEKS - 1));
  type Row = { Period_Start__c: string; Adoption_Stage__c: string; n: number };
  const result = await api.retry('ladder trend', async () =>
    api.conn.query<Row>(
      `SELECT Period_Start__c, Adoption_Stage__c, COUNT(Id) n FROM Adoption_Snapshot__c WHERE Period_Start__c >= ${from} AND Period_Start__c < ${periodStart} GROUP BY Period_Start__c, Adoption_Stage__c`
    )
  );
  const byPeriod = new Map<string, Record<string, number>>();
  for (const row of result.records) {
    const counts = byPeriod.get(row.Period_Start__c) ?? {};
    counts[row.Adoption_Stage__c] = Number(row.n);
    byPeriod.set(row.Period_Start__c, counts);
  }
  return [...byPeriod.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, counts]) => ({ periodStart: period, counts }));
}

/** Upserts by external id: /composite/sobjects in batches of 200, Bulk API 2.0 above a threshold. */
async function upsertAll(
  api: Api,
  object: string,
  ext: string,
  rows: Record<string, unknown>[],
  bulkThreshold: number,
  log: (line: string) => void,
  checkpoint: (name: string) => void
): Promise<{ written: number; failures: Failure[] }> {
  const failures: Failure[] = [];
  let written = 0;
  if (rows.length === 0) return { written, failures };
  if (rows.length > bulkThreshold) {
    log(`load: ${rows.length} ${object} rows through Bulk API 2.0`);
    const results = await api.retry('bulk load', () =>
      api.conn.bulk2.loadAndWaitForResults({
        object,
        operation: 'upsert',
        externalIdFieldName: ext,
        input: rows.map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '#N/A' : v]))
        ) as never,
        pollInterval: 200,
        pollTimeout: 600000
      })
    );
    written += results.successfulResults.length;
    for (const f of results.failedResults) {
      const [code, ...rest] = String(f.sf__Error).split(':');
      failures.push({
        object,
        key: String((f as Record<string, unknown>)[ext]),
        errorCode: code,
        message: rest.join(':')
      });
    }
    checkpoint(`loaded:${object}`);
    return { written, failures };
  }
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    const results = await api.retry('upsert', () =>
      api.conn.request<{ success: boolean; errors: { statusCode: string; message: string }[] }[]>({
        method: 'PATCH',
        url: `/services/data/v${API_VERSION}/composite/sobjects/${object}/${ext}`,
        body: JSON.stringify({
          allOrNone: false,
          records: batch.map((r) => ({ attributes: { type: object }, ...r }))
        }),
        headers: { 'Content-Type': 'application/json' }
      })
    );
    results.forEach((r, k) => {
      if (r.success) written++;
      else {
        const e = r.errors[0] ?? { statusCode: 'UNKNOWN', message: '' };
        failures.push({
          object,
          key: String(batch[k][ext]),
          errorCode: e.statusCode,
          message: e.message
        });
      }
    });
    log(`load: ${object} ${Math.min(i + 200, rows.length)}/${rows.length}`);
    api.report(`load ${object}`, Math.min(i + 200, rows.length), rows.length);
    checkpoint(`loaded:${object}:${i / 200 + 1}`);
  }
  return { written, failures };
}
