/**
 * Reps' feedback on the rules: a nudge dismissed with a reason (Nudge_Response__c, Action__c
 * Dismissed, Reason__c set, optional Comment__c), totalled per rule (the nudge key), per reason
 * and per team, with the comments newest first. Pure.
 */
import type { BrowserConfig } from './browser-config';
import { toEpochSeconds } from './dates';
import { parseNudgeResponseKey } from './nudges';
import { DONT_KNOW_REASON, trainingPathOf } from './training';
import { compareTeam, compareText, toText } from './values';

/** The reasons a rep can give (Nudge_Response__c.Reason__c, a restricted picklist). */
export const FEEDBACK_REASONS = [
  "Doesn't fit my deals",
  "I don't know how",
  'Already done elsewhere'
] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

/** The reason that sends the rep to the rule's training link. */
export const TRAINING_REASON: FeedbackReason = DONT_KNOW_REASON;

export interface FeedbackRow {
  OwnerId?: string | null;
  Nudge_Key__c?: string | null;
  Action__c?: string | null;
  Reason__c?: string | null;
  Comment__c?: string | null;
  CreatedDate?: string | null;
}

export interface RuleFeedback {
  nudgeKey: string;
  /** The nudge's label name in the catalogue; null for a key the config no longer has. */
  label: string | null;
  total: number;
  /** Reps (owners) who gave feedback on the rule. */
  reps: number;
  byReason: Record<FeedbackReason, number>;
  /** Per team (manager id; null: no team known), most feedback first, then by id. */
  byTeam: { managerId: string | null; total: number }[];
  comments: { userId: string | null; reason: FeedbackReason; comment: string; at: string | null }[];
}

/** Whether a response is feedback: a dismissal with one of the reasons. */
export function isFeedback(row: FeedbackRow): boolean {
  return (
    row.Action__c === 'Dismissed' &&
    (FEEDBACK_REASONS as readonly string[]).includes(toText(row.Reason__c) ?? '')
  );
}

/**
 * Feedback per rule, most feedback first (ties by key). `teamOf` gives a rep's team (their
 * manager id) or null.
 */
export function feedbackByRule(
  config: BrowserConfig,
  rows: readonly FeedbackRow[],
  teamOf: (userId: string) => string | null
): RuleFeedback[] {
  const labels = new Map(config.nudges.catalogue.map((n) => [n.key, n.label]));
  const rules = new Map<
    string,
    Omit<RuleFeedback, 'reps' | 'byTeam'> & {
      owners: Set<string>;
      teams: Map<string | null, number>;
    }
  >();
  for (const row of rows) {
    if (!isFeedback(row) || typeof row.Nudge_Key__c !== 'string') continue;
    const { nudgeKey } = parseNudgeResponseKey(row.Nudge_Key__c);
    if (nudgeKey === '') continue;
    let rule = rules.get(nudgeKey);
    if (!rule) {
      rule = {
        nudgeKey,
        label: labels.get(nudgeKey) ?? null,
        total: 0,
        byReason: Object.fromEntries(FEEDBACK_REASONS.map((r) => [r, 0])) as Record<
          FeedbackReason,
          number
        >,
        comments: [],
        owners: new Set(),
        teams: new Map()
      };
      rules.set(nudgeKey, rule);
    }
    const reason = toText(row.Reason__c) as FeedbackReason;
    const owner = toText(row.OwnerId);
    rule.total++;
    rule.byReason[reason]++;
    if (owner !== null) rule.owners.add(owner);
    const team = owner === null ? null : teamOf(owner);
    rule.teams.set(team, (rule.teams.get(team) ?? 0) + 1);
    const comment = toText(row.Comment__c);
    if (comment !== null)
      rule.comments.push({ userId: owner, reason, comment, at: toText(row.CreatedDate) });
  }
  const out: RuleFeedback[] = [];
  for (const { owners, teams, ...rule } of rules.values()) {
    rule.comments.sort(
      (a, b) => (toEpochSeconds(b.at) ?? -Infinity) - (toEpochSeconds(a.at) ?? -Infinity)
    );
    const byTeam = [...teams.entries()]
      .map(([managerId, total]) => ({ managerId, total }))
      .sort((a, b) => b.total - a.total || compareTeam(a.managerId, b.managerId));
    out.push({ ...rule, reps: owners.size, byTeam });
  }
  return out.sort((a, b) => b.total - a.total || compareText(a.nudgeKey, b.nudgeKey));
}

/**
 * The training link for a nudge: the URL of the first training path (config
 * governance.training.paths) that lists the nudge, or null when none does or the config has
 * no training paths.
 */
export function trainingUrlOf(config: BrowserConfig, nudgeKey: string): string | null {
  return trainingPathOf(config, nudgeKey)?.url ?? null;
}
