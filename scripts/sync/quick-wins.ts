/**
 * Quick wins drafted from the data: after scoring, the sync reads the deals of the rollout's
 * audience won in the days before its day, with their history and contact roles, keeps those
 * that met the standard (the engine's quickWinOf: next step kept, decision maker known, no push)
 * and upserts each as a Quick_Win__c proposal (Proposal_Key__c `win:<OpportunityId>`). The
 * object is private: the sync owns the proposals and shares each with the rep's manager; the
 * sponsor reads them all. Reps never read one; nothing is shown to them until a sponsor or
 * manager shares the win as a programme message.
 */
import type { Audience } from './plan';
import type { Connection } from 'jsforce';
import { readLabels } from '../build/load-config';
import { addDays } from '../engine';
import { scoreDeal } from '../engine/risk';
import type { CoachingConfig, ContactRoleInput, OpportunityHistoryRow } from '../engine';
import {
  QUICK_WIN_BEHAVIOURS,
  quickWinKey,
  quickWinOf,
  rankQuickWins,
  type QuickWin
} from '../engine/quick-wins';
import { Api } from './api';
import {
  audienceUsers,
  idList,
  queryAll,
  queryByIds,
  upsertByKey,
  type OrgRow,
  type UpsertFailure
} from './org-rest';
import { API_DEFAULTS } from './sync';
import { shareRows } from './write';
import { LABELS_FILE, formatText } from './texts';

export const QUICK_WIN_LABELS = [
  'QuickWin_Headline',
  'QuickWin_Story',
  ...QUICK_WIN_BEHAVIOURS.map((b) => `QuickWin_Behaviour_${b}`)
];

export interface QuickWinResult {
  /** The proposals kept, best first. */
  proposals: (QuickWin & { repName: string })[];
  /** Won deals read in the window. */
  wonDeals: number;
  failures: UpsertFailure[];
}

/** The SOQL of the won deals closed in [asOf − lookback, asOf). */
export function wonDealsSoql(config: CoachingConfig, asOf: string): string {
  const from = addDays(asOf, -config.messages.quickWinLookbackDays);
  return `SELECT Id, Name, OwnerId, StageName, IsClosed, IsWon, Amount, CloseDate, NextStep, LastActivityDate, CreatedDate FROM Opportunity WHERE IsWon = true AND CloseDate >= ${from} AND CloseDate < ${asOf} ORDER BY CloseDate, Id`;
}

/** The Quick_Win__c proposal for a quick win (labels: the org's own words). */
export function proposalRecord(
  labels: Map<string, string>,
  win: QuickWin,
  repName: string
): OrgRow {
  const text = (name: string, params: unknown[] = []) => formatText(labels, name, params);
  const helped = win.behaviours.map((b) => text(`QuickWin_Behaviour_${b}`)).join('; ');
  return {
    Proposal_Key__c: quickWinKey(win.opportunityId),
    Name: text('QuickWin_Headline', [repName, win.name]).slice(0, 80),
    Body__c: text('QuickWin_Story', [repName, win.name, helped]),
    Rep__c: win.ownerId,
    Opportunity__c: win.opportunityId
  };
}

/**
 * Reads the week's won deals of the audience (`audience`: its permission sets, profiles and roles), keeps the
 * quick wins and (unless dryRun) upserts the proposals and shares each with the rep's manager.
 */
export async function draftQuickWins(
  conn: Connection,
  config: CoachingConfig,
  options: {
    asOf: string;
    audience: Audience;
    dryRun?: boolean;
    labelsFile?: string;
    log?: (line: string) => void;
  }
): Promise<QuickWinResult> {
  const labels = readLabels(options.labelsFile ?? LABELS_FILE);
  const reps = new Map((await audienceUsers(conn, options.audience)).map((u) => [String(u.Id), u]));
  const won = (await queryAll(conn, wonDealsSoql(config, options.asOf))).filter((o) =>
    reps.has(String(o.OwnerId))
  );
  const wins = await standardWins(conn, config, won, options.asOf);
  const proposals = rankQuickWins(config, wins).map((w) => ({
    ...w,
    repName: String(reps.get(w.ownerId)?.Name ?? w.ownerId)
  }));
  if (options.dryRun || proposals.length === 0)
    return { proposals, wonDeals: won.length, failures: [] };
  const failures = await upsertByKey(
    conn,
    'Quick_Win__c',
    'Proposal_Key__c',
    proposals.map((p) => proposalRecord(labels, p, p.repName))
  );
  // Opportunity ids as the org returned them, checked by idList before they go into SOQL.
  const keys = idList(proposals.map((p) => p.opportunityId)).replace(/'(?=[a-zA-Z0-9])/g, "'win:");
  const where = `Proposal_Key__c IN (${keys})`;
  const shared = await shareRows(
    new Api(conn, { ...API_DEFAULTS, log: options.log ?? (() => undefined) }),
    {
      object: 'Quick_Win__c',
      soql: `SELECT Id, Rep__c FROM Quick_Win__c WHERE ${where}`,
      where,
      to: (row) => [reps.get(String(row.Rep__c))?.ManagerId as string | null | undefined]
    }
  );
  failures.push(...shared.failures);
  return { proposals, wonDeals: won.length, failures };
}

/** The won deals that met the standard, scored with their history and contact roles. */
async function standardWins(
  conn: Connection,
  config: CoachingConfig,
  won: readonly OrgRow[],
  asOf: string
): Promise<QuickWin[]> {
  const ids = won.map((o) => String(o.Id));
  const history = await queryByIds(
    conn,
    ids,
    (list) =>
      `SELECT OpportunityId, CreatedDate, StageName, CloseDate FROM OpportunityHistory WHERE OpportunityId IN (${list}) ORDER BY CreatedDate`
  );
  const roles = await queryByIds(
    conn,
    ids,
    (list) =>
      `SELECT OpportunityId, Role, IsPrimary, Contact.Title FROM OpportunityContactRole WHERE OpportunityId IN (${list})`
  );
  const group = <T>(rows: OrgRow[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const k = String(r.OpportunityId);
      m.set(k, [...(m.get(k) ?? []), r as T]);
    }
    return m;
  };
  const historyOf = group<OpportunityHistoryRow>(history);
  const rolesOf = group<ContactRoleInput>(roles);
  const wins: QuickWin[] = [];
  for (const opp of won) {
    const id = String(opp.Id);
    const score = scoreDeal(
      config,
      { opportunity: opp, history: historyOf.get(id) ?? [], contactRoles: rolesOf.get(id) ?? [] },
      asOf
    );
    const win = quickWinOf(config, opp, score, asOf);
    if (win) wins.push(win);
  }
  return wins;
}
