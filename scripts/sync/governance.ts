/**
 * The governance part of the sync: reads what the sponsor's governance page reads (members,
 * meetings, roadblocks, 1:1s, two weeks of team rollups and the week's measure rows) as the sync's
 * user and hands it to the engine's buildGovernanceView, the function the page uses; renders the
 * report's governance section from that view.
 */
import type { Connection } from 'jsforce';
import {
  buildGovernanceView,
  decodeRollup,
  DEFAULT_GOVERNANCE,
  type CoachingConfig,
  type GovernanceView,
  type ManagerCoaching,
  type MeasureFigure
} from '../engine';
import { addDays } from '../engine/dates';
import type { measureRecords } from '../engine/governance';
import { API_VERSION, type Api } from './api';
import { DEFAULT_LABELS_FILE, readLabels } from '../build/load-config';
import { escapeHtml } from '../common/html';

type Row = Record<string, unknown>;

async function all(conn: Connection, soql: string): Promise<Row[]> {
  const result = await conn.query<Row>(soql, { autoFetch: true, maxFetch: 1_000_000 });
  return result.records;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0) || 0);
const nameOf = (v: unknown): string | null =>
  v && typeof v === 'object' ? text((v as { Name?: unknown }).Name) : null;

/**
 * The governance view for the week starting `periodStart`, as of `asOf`, from the org. Returns
 * null, with the reason, when the org has no governance objects (an older deploy).
 */
export async function readGovernance(
  conn: Connection,
  config: CoachingConfig,
  asOf: string,
  periodStart: string
): Promise<{ view: GovernanceView } | { view: null; reason: string }> {
  const g = config.governance ?? DEFAULT_GOVERNANCE;
  const since = addDays(periodStart, -config.periodDays);
  const from = addDays(asOf, -(g.coachingWindowDays - 1));
  let rows: Row[][];
  try {
    rows = await Promise.all([
      all(conn, 'SELECT Id, User__c, User__r.Name, Part__c, Active__c FROM Governance_Member__c'),
      all(conn, 'SELECT Id, Meeting_Date__c, Status__c FROM Governance_Meeting__c'),
      all(
        conn,
        "SELECT Id, Name, Subject__c, OwnerId, Owner.Name, Status__c, Blocked_Team__c, Blocked_Team__r.Name, Blocked_Rule__c, Raised_On__c, Due_Date__c FROM Roadblock__c WHERE Status__c != 'Closed'"
      ),
      all(conn, "SELECT Id FROM Roadblock__c WHERE Status__c = 'Closed'"),
      all(
        conn,
        `SELECT Manager__c, Rep__c, Rep__r.ManagerId, Session_Date__c FROM Coaching_Session__c WHERE Session_Date__c >= ${from} AND Session_Date__c <= ${asOf}`
      ),
      all(
        conn,
        `SELECT Scope__c, Manager__c, Manager__r.Name, Period_Start__c, Audience_Size__c, Tipping_Point__c FROM Adoption_Rollup__c WHERE Scope__c = 'Team' AND Period_Start__c >= ${since} AND Period_Start__c <= ${periodStart}`
      ),
      all(
        conn,
        `SELECT Measure__c, Period_Start__c, Met__c, Counted__c FROM Governance_Measure__c WHERE Period_Start__c = ${periodStart}`
      )
    ]);
  } catch (e) {
    const err = e as { errorCode?: string; message?: string };
    if (err.errorCode === 'INVALID_TYPE')
      return { view: null, reason: `the org has no governance objects (${err.message})` };
    throw e;
  }
  const [members, meetings, roadblocks, closed, sessions, rollups, measures] = rows;
  const names: Record<string, string> = {};
  for (const s of rollups) {
    const manager = text(s.Manager__c);
    const name = nameOf(s.Manager__r);
    if (manager && name) names[manager] = name;
  }
  const view = buildGovernanceView(config, {
    asOf,
    periodStart,
    members: members.map((m) => ({
      Id: String(m.Id),
      User__c: text(m.User__c),
      UserName: nameOf(m.User__r),
      Part__c: text(m.Part__c),
      Active__c: m.Active__c === null || m.Active__c === undefined ? null : m.Active__c === true
    })),
    meetings: meetings.map((m) => ({
      Id: String(m.Id),
      Meeting_Date__c: text(m.Meeting_Date__c),
      Status__c: text(m.Status__c)
    })),
    roadblocks: roadblocks.map((r) => ({
      Id: String(r.Id),
      Name: text(r.Name),
      Subject__c: text(r.Subject__c),
      OwnerId: text(r.OwnerId),
      OwnerName: nameOf(r.Owner),
      Status__c: text(r.Status__c),
      Blocked_Team__c: text(r.Blocked_Team__c),
      BlockedTeamName: nameOf(r.Blocked_Team__r),
      Blocked_Rule__c: text(r.Blocked_Rule__c),
      Raised_On__c: text(r.Raised_On__c),
      Due_Date__c: text(r.Due_Date__c)
    })),
    closedRoadblocks: closed.length,
    sessions: sessions.map((s) => ({
      Manager__c: text(s.Manager__c),
      Rep__c: text(s.Rep__c),
      Session_Date__c: text(s.Session_Date__c),
      RepManagerId: text((s.Rep__r as { ManagerId?: unknown } | null)?.ManagerId)
    })),
    rollups: rollups.map((r) => decodeRollup(r)),
    measures: measures.map((m) => ({
      Measure__c: text(m.Measure__c),
      Period_Start__c: text(m.Period_Start__c),
      Met__c: m.Met__c === null ? null : num(m.Met__c),
      Counted__c: m.Counted__c === null ? null : num(m.Counted__c)
    })),
    names
  });
  return { view };
}

const PARTS: Record<string, string> = {
  Sponsor: 'Executive sponsor',
  Lead: 'Programme lead',
  People: 'People expert',
  Process: 'Process expert',
  Technology: 'Technology expert'
};

/** A custom label's English value from the project's labels file (its name if absent). */
export function labelsOf(file: string): (name: string) => string {
  const labels = readLabels(file);
  return (name) => labels.get(name) ?? name;
}

const orDash = (v: number | null, unit = '') => (v === null ? '–' : `${v}${unit}`);
const signed = (v: number | null) => (v === null ? '–' : `${v > 0 ? '+' : ''}${v} points`);

function managerRow(m: ManagerCoaching): string {
  return `<tr><th scope="row">${escapeHtml(m.name)}</th><td>${m.sessions}</td><td>${m.covered} of ${m.reps} (${orDash(m.coveredPct, ' %')})</td><td>${orDash(m.tippingPointPct, ' %')}</td><td>${signed(m.climb)}</td></tr>`;
}

function measureRow(m: MeasureFigure, behaviour: string, objective: string): string {
  const source = 'rule' in m.source ? `rule ${m.source.rule}` : `no ${m.source.flag} flag`;
  const figure = m.pct === null ? 'no figure' : `${m.pct} % (${m.met} of ${m.counted})`;
  return `<tr><th scope="row">${escapeHtml(m.id)}</th><td>${escapeHtml(objective)}</td><td>${escapeHtml(behaviour)}</td><td>${escapeHtml(source)}</td><td>${escapeHtml(figure)}</td><td>${m.targetPct} %${m.reached ? ' (reached)' : ''}</td><td>${escapeHtml(m.recognition)}</td></tr>`;
}

/**
 * The report's governance section: members and gaps, the cadence, open roadblocks, managers'
 * coaching against their teams' climb, and the objective map with the week's figures. Every
 * figure comes from the view; objective and behaviour names are given by `label` (the report
 * has no custom labels: the caller passes their English values).
 */
export function renderGovernanceSection(
  view: GovernanceView,
  label: (name: string) => string = labelsOf(DEFAULT_LABELS_FILE)
): string {
  const c = view.cadence;
  const members = view.members
    .map(
      (m) =>
        `<tr><th scope="row">${escapeHtml(m.name)}</th><td>${escapeHtml(PARTS[m.part])}</td></tr>`
    )
    .join('');
  const gaps = view.gaps.length
    ? `<p><strong>Gaps:</strong> ${view.gaps.map((g) => `no ${escapeHtml(PARTS[g].toLowerCase())}`).join(', ')}.</p>`
    : '<p>Every part of the group is played.</p>';
  const cadence = `<p>Last meeting: ${escapeHtml(c.lastMeeting ?? 'none')}${c.daysSinceLast === null ? '' : ` (${c.daysSinceLast} days ago)`}; next: ${escapeHtml(c.nextMeeting ?? 'none planned')}.${c.overdue ? ` <strong>More than ${c.everyDays} days without a meeting: the group should meet at least quarterly.</strong>` : ''}</p>`;
  const roadblocks = view.openRoadblocks
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r.Subject__c ?? r.Name)}</th><td>${escapeHtml(r.OwnerName ?? r.OwnerId)}</td><td>${escapeHtml([r.Blocked_Team__c ? `team of ${r.BlockedTeamName ?? r.Blocked_Team__c}` : '', r.Blocked_Rule__c ? `rule ${r.Blocked_Rule__c}` : ''].filter(Boolean).join('; '))}</td><td>${escapeHtml(r.Status__c)}</td><td>${escapeHtml(r.Raised_On__c)}</td><td>${escapeHtml(r.Due_Date__c ?? '')}${r.overdue ? ' (overdue)' : ''}</td></tr>`
    )
    .join('');
  const map = view.objectives
    .flatMap((o) =>
      o.behaviours.flatMap((b) =>
        b.measures.map((m) => measureRow(m, label(b.label), label(o.label)))
      )
    )
    .join('');
  return `<h2>Governance</h2>
<table><caption>Governance group</caption><tr><th scope="col">Member</th><th scope="col">Part</th></tr>${members}</table>
${gaps}
<h3>Meeting cadence</h3>
${cadence}
<h3>Open roadblocks</h3>
<p>${view.openRoadblocks.length} open, ${view.closedRoadblocks} closed.</p>
<table><caption>Open roadblocks</caption><tr><th scope="col">Roadblock</th><th scope="col">Raised by</th><th scope="col">Blocks</th><th scope="col">Status</th><th scope="col">Raised</th><th scope="col">Due</th></tr>${roadblocks}</table>
<h3>Managers' coaching and their teams' climb</h3>
<table><caption>Managers' coaching</caption><tr><th scope="col">Manager</th><th scope="col">1:1s in the last ${view.coachingWindowDays} days</th><th scope="col">Reps coached</th><th scope="col">Team at Involvement or above</th><th scope="col">Change since the week before</th></tr>${view.managers.map(managerRow).join('')}</table>
<h3>Objectives, behaviours and measures (week starting ${escapeHtml(view.periodStart ?? '–')})</h3>
<table><caption>Objective map</caption><tr><th scope="col">Measure</th><th scope="col">Objective</th><th scope="col">Behaviour</th><th scope="col">Measured by</th><th scope="col">This week</th><th scope="col">Target</th><th scope="col">Recognition</th></tr>${map}</table>
`;
}

/** The rows of Governance_Measure__c the sync writes (its external id first). */
export const MEASURE_FIELDS = [
  'Measure_Key__c',
  'Measure__c',
  'Period_Start__c',
  'Met__c',
  'Counted__c'
] as const;

type MeasureRecord = ReturnType<typeof measureRecords>[number];

/**
 * Upserts the week's measure rows (by Measure_Key__c) that the org does not already hold with
 * the same counts; returns how many were written and the failures, each naming its key. An org
 * without Governance_Measure__c (an older deploy) writes nothing and says so.
 */
export async function writeMeasures(
  api: Api,
  rows: readonly MeasureRecord[],
  periodStart: string,
  log: (line: string) => void
): Promise<{ written: number; failures: { key: string; errorCode: string; message: string }[] }> {
  if (rows.length === 0) return { written: 0, failures: [] };
  let current: Row[];
  try {
    const soql = `SELECT Measure_Key__c, Met__c, Counted__c FROM Governance_Measure__c WHERE Period_Start__c = ${periodStart}`;
    current = (
      await api.json<{ records: Row[] }>(
        'GET',
        `/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}`
      )
    ).records;
  } catch (e) {
    if ((e as { errorCode?: string }).errorCode !== 'INVALID_TYPE') throw e;
    log('governance: the org has no Governance_Measure__c; measures not written');
    return { written: 0, failures: [] };
  }
  const held = new Map(current.map((r) => [String(r.Measure_Key__c), r]));
  const changed = rows.filter((r) => {
    const h = held.get(r.Measure_Key__c);
    return !h || num(h.Met__c) !== r.Met__c || num(h.Counted__c) !== r.Counted__c;
  });
  if (changed.length === 0) return { written: 0, failures: [] };
  let written = 0;
  const failures: { key: string; errorCode: string; message: string }[] = [];
  // A collection holds at most 200 records.
  for (let at = 0; at < changed.length; at += 200) {
    const batch = changed.slice(at, at + 200);
    const results = await api.json<
      { success: boolean; errors: { statusCode: string; message: string }[] }[]
    >(
      'PATCH',
      `/services/data/v${API_VERSION}/composite/sobjects/Governance_Measure__c/Measure_Key__c`,
      {
        allOrNone: false,
        records: batch.map((r) => ({ attributes: { type: 'Governance_Measure__c' }, ...r }))
      }
    );
    results.forEach((r, i) => {
      if (r.success) written++;
      else {
        const e = r.errors[0] ?? { statusCode: 'UNKNOWN', message: '' };
        failures.push({
          key: batch[i].Measure_Key__c,
          errorCode: e.statusCode,
          message: e.message
        });
      }
    });
  }
  log(`load: ${written} Governance_Measure__c rows`);
  return { written, failures };
}
