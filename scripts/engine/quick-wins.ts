/**
 * Quick wins drafted from the data: deals won in the days before the sync's day whose records
 * met the standard (a next step kept, a decision maker known, the close date never pushed). Pure:
 * the sync reads the won deals with their history and contact roles, and publishes nothing —
 * each proposal waits for a sponsor's or manager's approval.
 */
import type { CoachingConfig } from './config-types';
import { requireDay, recordDay } from './dates';
import type { DealScore, FlatRecord } from './types';
import { isBlank, toNumber, toText } from './values';

/** The behaviours a quick win names, in the order a story tells them. */
export const QUICK_WIN_BEHAVIOURS = ['NEXT_STEP', 'DECISION_MAKER', 'NO_SLIP'] as const;
export type QuickWinBehaviour = (typeof QUICK_WIN_BEHAVIOURS)[number];

export interface QuickWin {
  opportunityId: string;
  ownerId: string;
  name: string;
  amount: number | null;
  closeDate: string;
  behaviours: QuickWinBehaviour[];
}

/** The value of Quick_Win__c.Proposal_Key__c for a quick win: `win:<OpportunityId>`. */
export function quickWinKey(opportunityId: string): string {
  return `win:${opportunityId}`;
}

/**
 * The deal as a quick win, or null: won, closed on one of the messages.quickWinLookbackDays
 * days before `asOf` (asOf itself excluded), with a NextStep, a decision maker among its contact
 * roles, and no push of the close date in its history (risk.pushCount: a move into a later
 * month, as Salesforce's PushCount counts). A fact that was not read (no contact roles, no
 * history, NextStep hidden) does not meet the standard.
 */
export function quickWinOf(
  config: CoachingConfig,
  opportunity: FlatRecord,
  score: DealScore,
  asOf: string
): QuickWin | null {
  const asOfDay = requireDay(asOf, 'asOf');
  const risk = score.risk;
  if (risk.status !== 'won') return null;
  const close = recordDay(opportunity, 'CloseDate');
  if (close === null || close >= asOfDay || close < asOfDay - config.messages.quickWinLookbackDays)
    return null;
  const id = toText(opportunity.Id);
  const owner = toText(opportunity.OwnerId);
  if (id === null || owner === null) return null;
  if (!('NextStep' in opportunity) || isBlank(opportunity.NextStep)) return null;
  if (risk.hasDecisionMaker !== true) return null;
  if (risk.historyRows === null || risk.pushCount > 0) return null;
  return {
    opportunityId: id,
    ownerId: owner,
    name: toText(opportunity.Name) ?? id,
    amount: toNumber(opportunity.Amount),
    closeDate: toText(opportunity.CloseDate)?.slice(0, 10) ?? '',
    behaviours: [...QUICK_WIN_BEHAVIOURS]
  };
}

/**
 * The proposals to keep: at most messages.maxQuickWins, largest amount first (blank last), then
 * the latest close, then by id; no more than one per rep, so the stories spread across people.
 */
export function rankQuickWins(config: CoachingConfig, wins: readonly QuickWin[]): QuickWin[] {
  const sorted = [...wins].sort(
    (a, b) =>
      (b.amount ?? -Infinity) - (a.amount ?? -Infinity) ||
      (a.closeDate < b.closeDate ? 1 : a.closeDate > b.closeDate ? -1 : 0) ||
      (a.opportunityId < b.opportunityId ? -1 : 1)
  );
  const reps = new Set<string>();
  const out: QuickWin[] = [];
  for (const w of sorted) {
    if (reps.has(w.ownerId)) continue;
    reps.add(w.ownerId);
    out.push(w);
    if (out.length >= config.messages.maxQuickWins) break;
  }
  return out;
}
