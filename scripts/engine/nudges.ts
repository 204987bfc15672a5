import type { BrowserConfig } from './browser-config';
import type { SObjectName } from './config-types';
import { compile } from './compiled';
import { formatDay, requireDay, toDayNumber, toEpochSeconds } from './dates';
import type {
  CompletenessResult,
  DealRiskResult,
  NudgeCandidate,
  NudgeResponseInput,
  NudgeSelection,
  NudgeSelectionInput,
  NudgeSuppressReason
} from './types';
import { compareText, toText } from './values';

/**
 * The value stored in Nudge_Response__c.Nudge_Key__c: `<nudgeKey>:<recordId>` (the record id
 * is also stored in Record_Id__c). Catalogue keys never contain ':'.
 */
export function nudgeResponseKey(nudgeKey: string, recordId: string): string {
  return `${nudgeKey}:${recordId}`;
}

/** Splits a Nudge_Key__c value; a value without ':' is a bare nudge key (recordId null). */
export function parseNudgeResponseKey(value: string): {
  nudgeKey: string;
  recordId: string | null;
} {
  const v = value.trim();
  const at = v.indexOf(':');
  if (at < 0) return { nudgeKey: v, recordId: null };
  const recordId = v.slice(at + 1).trim();
  return { nudgeKey: v.slice(0, at), recordId: recordId === '' ? null : recordId };
}

function byPriority(a: NudgeCandidate, b: NudgeCandidate): number {
  return (
    b.priority - a.priority ||
    compareText(a.nudgeKey, b.nudgeKey) ||
    compareText(a.recordId, b.recordId)
  );
}

/**
 * The catalogue nudges of `objectName` whose condition holds for a record: a completeness
 * rule listed in the condition lost its points, or the deal carries the flag. Highest
 * priority first (ties by key).
 */
export function nudgeCandidates(
  config: BrowserConfig,
  objectName: SObjectName,
  recordId: string,
  scored: { completeness?: CompletenessResult | null; risk?: DealRiskResult | null }
): NudgeCandidate[] {
  const failed = new Set((scored.completeness?.items ?? []).map((i) => i.ruleId));
  const flags = new Set(scored.risk?.flags ?? []);
  const out: NudgeCandidate[] = [];
  for (const n of compile(config).nudgesByObject[objectName]) {
    const holds =
      'rules' in n.condition
        ? n.condition.rules.some((r) => failed.has(r))
        : flags.has(n.condition.flag);
    if (!holds) continue;
    out.push({
      nudgeKey: n.key,
      recordId,
      responseKey: nudgeResponseKey(n.key, recordId),
      priority: n.priority,
      label: n.label,
      wiifm: n.wiifm ?? null,
      benefit: n.benefitLabel
    });
  }
  return out.sort(byPriority);
}

/** The answers that decide when a nudge shows again (Action__c); others are ignored. */
const ANSWERS: readonly string[] = ['Fixed', 'Snoozed', 'Dismissed'];

interface Answer {
  t: number;
  r: NudgeResponseInput;
}

/**
 * Which candidates to show now. Per `<nudgeKey>:<recordId>`, the latest answer decides:
 * - Fixed: quiet for nudges.fixedQuietDays after the answer's day;
 * - Snoozed: quiet until Snooze_Until__c (shows again on that day; blank: the next day);
 * - Dismissed: the n-th dismissal keeps it away nudges.reshowDays[n-1] days; after the last
 *   step of the schedule, or with a reason in nudges.permanentDismissReasons, it is retired.
 * Answers with an unknown Action__c or an unreadable CreatedDate are ignored. The rest are
 * shown highest priority first, no more than budget − shownToday.
 */
export function selectNudges(config: BrowserConfig, input: NudgeSelectionInput): NudgeSelection {
  const asOfDay = requireDay(input.asOf, 'asOf');
  const compiled = compile(config);
  const cfg = config.nudges;
  const answers = new Map<string, Answer[]>();
  for (const r of input.responses) {
    if (!ANSWERS.includes(r.Action__c)) continue;
    const t = toEpochSeconds(r.CreatedDate);
    if (t === null || typeof r.Nudge_Key__c !== 'string') continue;
    const parsed = parseNudgeResponseKey(r.Nudge_Key__c);
    const recordId = parsed.recordId ?? toText(r.Record_Id__c);
    if (recordId === null) continue;
    const key = nudgeResponseKey(parsed.nudgeKey, recordId);
    const list = answers.get(key) ?? [];
    list.push({ t, r });
    answers.set(key, list);
  }
  const eligible: NudgeCandidate[] = [];
  const suppressed: NudgeSelection['suppressed'] = [];
  const suppress = (c: NudgeCandidate, reason: NudgeSuppressReason, until: number | null) =>
    suppressed.push({ candidate: c, reason, until: until === null ? null : formatDay(until) });
  for (const c of input.candidates) {
    const list = answers.get(c.responseKey);
    if (!list || list.length === 0) {
      eligible.push(c);
      continue;
    }
    let latest = list[0];
    let dismissals = 0;
    for (const a of list) {
      if (a.t >= latest.t) latest = a;
      if (a.r.Action__c === 'Dismissed') dismissals++;
    }
    const action = latest.r.Action__c;
    const day = Math.floor(latest.t / 86400);
    let reason: NudgeSuppressReason;
    let until: number;
    if (action === 'Fixed') {
      reason = 'fixed';
      until = day + cfg.fixedQuietDays;
    } else if (action === 'Snoozed') {
      reason = 'snoozed';
      until = toDayNumber(latest.r.Snooze_Until__c) ?? day + 1;
    } else {
      const why = toText(latest.r.Reason__c);
      if (
        (why !== null && compiled.permanentDismissReasons.has(why.toLowerCase())) ||
        dismissals > cfg.reshowDays.length
      ) {
        suppress(c, 'retired', null);
        continue;
      }
      reason = 'dismissed';
      until = day + cfg.reshowDays[dismissals - 1];
    }
    if (asOfDay < until) suppress(c, reason, until);
    else eligible.push(c);
  }
  eligible.sort(byPriority);
  const budget = input.budget ?? cfg.budgetPerDay;
  const room = Math.max(0, budget - Math.max(0, input.shownToday));
  const show = eligible.slice(0, room);
  for (const c of eligible.slice(room)) suppress(c, 'budget', null);
  return { show, suppressed };
}
