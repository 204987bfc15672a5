/**
 * Score: each deal as it comes out of the join (its history, contact roles, activities and
 * current insight beside it), folded into its owner's rollup; then each rep's snapshot, and the
 * team and org rollups, all with the engine, the same code the components run.
 */
import {
  rollupTeam,
  type CoachingConfig,
  type DealInput,
  type EvidenceCounts,
  type RepRollup,
  type RepSnapshot,
  type TeamRollup
} from '../engine';
import { mergeEvidence } from '../engine/wiifm';
import { scoreDeal, toDealInsightRecord } from '../engine/risk';
import { keepTopRanked, rankedAmount } from '../engine/agenda';
import { createMeasureTally, tallyDeal, type MeasureTally } from '../engine/governance';
import {
  addDealFixes,
  addEngagement,
  addLogin,
  addMessageReceipt,
  dealAsOf,
  keepRecordCompleteness
} from '../engine/people';
import {
  addRecord,
  addActivity,
  addNudgeResponse,
  addScoredDeal,
  createRepRollup,
  finishRep,
  repEvidence
} from '../engine/rollup';
import type { Row } from './api';
import type { Extraction, People } from './extract';
import { RECORD_OBJECTS, STREAM } from './extract';
import { INSIGHT_FIELDS } from './fields';
import { joinByKey, type SortedStream } from './join';
import type { Plan } from './plan';
import type { ReplicaWriter } from './replica';
import type { Spool } from './spool';

/** An open deal among the riskiest of the org: amount × risk weight, as the 1:1 agenda ranks. */
export interface TopRisk {
  opportunityId: string;
  name: string | null;
  ownerId: string;
  amount: number;
  flags: string[];
  riskWeight: number;
  priority: number;
}

const TOP_RISKS = 10;

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

/** Whether `next` differs from the row the org holds (none: it does); flags in any order. */
export function changed(
  next: Record<string, unknown>,
  current: Record<string, unknown> | undefined,
  fields: readonly string[]
): boolean {
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

/** Each audience user's rollup for the period, empty. */
export function startRollups(
  config: CoachingConfig,
  p: Plan,
  people: People
): Map<string, RepRollup> {
  const rollups = new Map<string, RepRollup>();
  for (const [userId, u] of people.users) {
    rollups.set(
      userId,
      createRepRollup(config, {
        userId,
        managerId: u.managerId,
        periodStart: p.periodStart,
        asOf: p.asOf,
        previous: people.previous.get(userId) ?? null,
        backfilled: p.backfilled
      })
    );
  }
  return rollups;
}

export interface DealOutput {
  replica: ReplicaWriter | null;
  /** New insights (with their opportunity) and changed ones (without: it cannot be updated). */
  created: Spool;
  updated: Spool;
  checkpoint: (name: string) => void;
}

export interface DealScores {
  deals: number;
  insights: number;
  unchangedInsights: number;
  topRisks: TopRisk[];
  /** The objective map's measures: the open deals that meet each one. */
  measures: MeasureTally;
}

/**
 * Scores every deal of the join into its owner's rollup, counts activities, writes the replica
 * as the rows go by, and spools each insight that is new or changed.
 */
export async function scoreDeals(
  config: CoachingConfig,
  ex: Extraction,
  rollups: Map<string, RepRollup>,
  out: DealOutput
): Promise<DealScores> {
  const { replica } = out;
  const opportunities = await ex.stream('Opportunity');
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
      rows: await ex.stream(name),
      key: STREAM[name].key,
      onRow: (row, matched) => {
        if (activity) {
          const rollup = rollups.get(String(row.OwnerId));
          if (rollup) addActivity(rollup, row as never);
        }
        if (name !== 'Deal_Insight__c' && (matched || activity)) replica?.write(name, row);
      }
    });
  }
  const result: DealScores = {
    deals: 0,
    insights: 0,
    unchangedInsights: 0,
    topRisks: [],
    measures: createMeasureTally(config)
  };
  const deals = joinByKey(
    {
      name: 'Opportunity',
      rows: opportunities,
      key: STREAM.Opportunity.key,
      onRow: (o) => replica?.write('Opportunity', o)
    },
    others
  );
  for await (const { row: opp, related } of deals) {
    const [history, roles, tasks, events, current] = related;
    const periodEnd = ex.plan.periodEnd;
    const activities = [...tasks, ...events].filter((a) => String(a.ActivityDate) <= periodEnd);
    const now: DealInput = {
      opportunity: opp,
      history: history as never,
      activities: activities as never,
      contactRoles: roles as never
    };
    // An earlier period of the first sync: the deal as its history says it stood then.
    const deal = ex.plan.backfilled ? dealAsOf(config, now, ex.plan.asOf) : now;
    if (deal === null) continue;
    const score = scoreDeal(config, deal, ex.plan.asOf);
    if (++result.deals === 1) out.checkpoint('scoring');
    tallyDeal(result.measures, score);
    const rollup = rollups.get(String(opp.OwnerId));
    if (rollup) {
      addScoredDeal(rollup, deal.opportunity, score);
      addDealFixes(rollup, deal);
    }
    if (ex.plan.backfilled) continue;
    const open = score.risk.status === 'open';
    // A deal that closed keeps its insight, cleared of flags and questions (the engine's row
    // for a closed deal); one that closed before it was ever scored gets none.
    if (!open && !(score.risk.isClosed && current.length > 0)) continue;
    const insight = toDealInsightRecord(score) as unknown as Row;
    result.insights++;
    replica?.write('Deal_Insight__c', insight);
    if (!current[0]) out.created.write(insight);
    else if (changed(insight, current[0], INSIGHT_FIELDS)) {
      const { Opportunity__c: _parent, ...update } = insight;
      out.updated.write(update as Row);
    } else result.unchangedInsights++;
    if (open && score.risk.flags.length)
      keepTopRisk(result.topRisks, opp, score.risk.flags, score.risk.riskWeight);
  }
  return result;
}

/**
 * The people-side evidence of the period into each audience user's rollup: their last login
 * (and their LoginHistory when read), what they did with the coaching (Coach_Engagement__c),
 * the programme messages they saw (Message_Receipt__c); and the completeness of the accounts,
 * contacts and leads they own.
 */
export async function scorePeople(
  config: CoachingConfig,
  ex: Extraction,
  rollups: Map<string, RepRollup>,
  people: People
): Promise<void> {
  for (const [userId, u] of people.users) {
    const rollup = rollups.get(userId);
    if (rollup && u.lastLogin) addLogin(rollup, u.lastLogin);
  }
  const each = async (name: string, user: string, fold: (r: RepRollup, row: Row) => void) => {
    for await (const batch of ex.evidence(name)) {
      for (const row of batch) {
        const rollup = rollups.get(String(row[user]));
        if (rollup) fold(rollup, row);
      }
    }
  };
  await each('Coach_Engagement__c', 'User__c', (r, row) => addEngagement(r, row as never));
  await each('Message_Receipt__c', 'User__c', (r, row) => addMessageReceipt(r, row as never));
  await each('LoginHistory', 'UserId', (r, row) => addLogin(r, row.LoginTime as string));
  if (ex.incremental) {
    // The same period as the last run: its accounts, contacts and leads were scored then.
    for (const [userId, rollup] of rollups) {
      const current = people.currentSnapshots.get(`${userId}:${ex.plan.periodStart}`);
      if (current) keepRecordCompleteness(rollup, current);
    }
    return;
  }
  for (const object of RECORD_OBJECTS) {
    const visible = ex.fields.select[object];
    await each(object, 'OwnerId', (r, row) => addRecord(r, object, row, visible));
  }
}

export interface Scores {
  snapshots: RepSnapshot[];
  teams: TeamRollup[];
  org: TeamRollup;
}

/**
 * Each rep's snapshot, with WIIFM evidence from the rep, else the team (same manager), else
 * the org; then a rollup per manager and one for the org.
 */
export function finishScores(
  config: CoachingConfig,
  rollups: Map<string, RepRollup>,
  people: People
): Scores {
  for (const r of people.responses) {
    const rollup = rollups.get(String(r.OwnerId));
    if (rollup) addNudgeResponse(rollup, r as never);
  }
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
  const previousByUser = Object.fromEntries(people.previous);
  const teams = [...byManager]
    .filter(([m]) => m !== null)
    .map(([managerId, list]) => rollupTeam(config, { managerId, snapshots: list, previousByUser }));
  const org = rollupTeam(config, { managerId: null, snapshots, previousByUser });
  return { snapshots, teams, org };
}

/** Keeps the TOP_RISKS open deals that rank first as the 1:1 agenda ranks them (compareRisk). */
export function keepTopRisk(
  top: TopRisk[],
  opp: Record<string, unknown>,
  flags: string[],
  riskWeight: number
): void {
  const amount = rankedAmount(opp.Amount);
  const risk: TopRisk = {
    opportunityId: String(opp.Id),
    name: (opp.Name as string | undefined) ?? null,
    ownerId: String(opp.OwnerId),
    amount,
    flags,
    riskWeight,
    priority: amount * riskWeight
  };
  keepTopRanked(top, risk, TOP_RISKS);
}
