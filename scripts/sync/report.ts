/**
 * The governance report for the executive sponsor's quarterly meeting: one self-contained HTML
 * file, readable offline (inline CSS and SVG, no script). Every value from the org is escaped;
 * each chart has a table beside it with the same figures.
 */
import { ADOPTION_STAGES as STAGES } from '../engine';
import type { SyncSummary } from './sync';
import { escapeHtml } from '../common/html';

const STAGE_COLOURS = ['#c9c9c9', '#aacbff', '#57a3fd', '#0176d3', '#014486'];

const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const pct = (n: number, d: number) => (d > 0 ? `${Math.round((n / d) * 1000) / 10} %` : '–');

/** Horizontal bars, one per row, scaled to `max`. */
function bars(values: { label: string; value: number }[], max: number): string {
  const h = 22;
  const rows = values
    .map((v, i) => {
      const w = max > 0 ? Math.round((v.value / max) * 300) : 0;
      return `<text x="0" y="${i * h + 15}" font-size="12">${escapeHtml(v.label)}</text><rect x="150" y="${i * h + 4}" width="${w}" height="14" fill="#0176d3"/><text x="${156 + w}" y="${i * h + 15}" font-size="12">${escapeHtml(v.value)}</text>`;
    })
    .join('');
  return `<svg aria-hidden="true" width="520" height="${values.length * h}" viewBox="0 0 520 ${values.length * h}">${rows}</svg>`;
}

/** One stacked column per period: users on each rung. */
function ladderColumns(trend: SyncSummary['governance']['ladderTrend']): string {
  const total = (c: Record<string, number>) => STAGES.reduce((n, s) => n + (c[s] ?? 0), 0);
  const max = Math.max(1, ...trend.map((t) => total(t.counts)));
  const w = 56;
  const columns = trend
    .map((t, i) => {
      let y = 200;
      const parts = STAGES.map((stage, k) => {
        const height = Math.round(((t.counts[stage] ?? 0) / max) * 180);
        y -= height;
        return `<rect x="${i * w + 8}" y="${y}" width="${w - 16}" height="${height}" fill="${STAGE_COLOURS[k]}"/>`;
      }).join('');
      return `${parts}<text x="${i * w + w / 2}" y="216" font-size="10" text-anchor="middle">${escapeHtml(t.periodStart.slice(5))}</text>`;
    })
    .join('');
  const legend = STAGES.map(
    (s, k) =>
      `<rect x="${k * 110}" y="228" width="10" height="10" fill="${STAGE_COLOURS[k]}"/><text x="${k * 110 + 14}" y="237" font-size="11">${s}</text>`
  ).join('');
  const width = Math.max(560, trend.length * w);
  return `<svg aria-hidden="true" width="${width}" height="244" viewBox="0 0 ${width} 244">${columns}${legend}</svg>`;
}

/** The report; `governance` is the governance section's HTML (renderGovernanceSection). */
export function renderReport(s: SyncSummary, governance = ''): string {
  const org = s.org;
  const g = s.governance;
  const name = (id: string | null) => (id ? (g.names[id] ?? id) : 'No manager');
  const stageRows = STAGES.map((st) => ({ label: st, value: org.stageCounts[st] }));
  const gauge = org.tippingPointPct ?? 0;

  const trendTable = g.ladderTrend
    .map(
      (t) =>
        `<tr><th scope="row">${escapeHtml(t.periodStart)}</th>${STAGES.map((st) => `<td>${t.counts[st] ?? 0}</td>`).join('')}</tr>`
    )
    .join('');
  const teams = [...s.teams].sort((a, b) => name(a.managerId).localeCompare(name(b.managerId)));
  const teamRows = teams
    .map(
      (t) =>
        `<tr><th scope="row">${escapeHtml(name(t.managerId))}</th><td>${t.users}</td><td>${escapeHtml(t.completenessScore ?? '–')}</td><td>${t.tippingPointPct === null ? '–' : `${escapeHtml(t.tippingPointPct)} %`}</td></tr>`
    )
    .join('');
  const riskRows = g.topRisks
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r.name ?? r.opportunityId)}</th><td>${escapeHtml(name(r.ownerId))}</td><td>${money.format(r.amount)}</td><td>${escapeHtml(r.flags.join(', '))}</td></tr>`
    )
    .join('');
  const answers = ['Fixed', 'Snoozed', 'Dismissed'].map((a) => ({
    label: a,
    value: g.nudgeAnswers[a] ?? 0
  }));
  const answered = answers.reduce((n, a) => n + a.value, 0);

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Adoption Pulse – ${escapeHtml(s.periodStart)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:64rem;color:#181818}table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #c9c9c9;padding:.25rem .5rem;text-align:left}caption{text-align:left;font-weight:600;padding-bottom:.25rem}</style></head>
<body>
<h1>Adoption Pulse</h1>
<p>Week starting ${escapeHtml(s.periodStart)} (as of ${escapeHtml(s.asOf)}): ${escapeHtml(org.users)} users, ${escapeHtml(org.activeUsers)} active.</p>

<h2>Tipping point</h2>
<p>${escapeHtml(org.adoptedUsers)} of the ${escapeHtml(org.users)} users of the audience are at Involvement or Commitment: <strong>${escapeHtml(org.tippingPointPct ?? '–')} %</strong> against a target of ${escapeHtml(org.targetPct)} % (${org.reached ? 'reached' : 'not reached yet'}).</p>
<svg role="img" aria-label="Tipping point ${escapeHtml(gauge)} % of a ${escapeHtml(org.targetPct)} % target" width="420" height="30"><rect width="400" height="20" fill="#e5e5e5"/><rect width="${Math.min(400, gauge * 4)}" height="20" fill="#2e844a"/><line x1="${org.targetPct * 4}" x2="${org.targetPct * 4}" y1="0" y2="26" stroke="#000"/></svg>

<h2>The adoption ladder</h2>
${bars(stageRows, Math.max(1, ...stageRows.map((r) => r.value)))}
<table><caption>Users per rung this week</caption><tr><th scope="col">Rung</th><th scope="col">Users</th></tr>${stageRows.map((r) => `<tr><th scope="row">${r.label}</th><td>${r.value}</td></tr>`).join('')}</table>
<h3>Over the last ${g.ladderTrend.length} synced weeks</h3>
${ladderColumns(g.ladderTrend)}
<table><caption>Users per rung by week</caption><tr><th scope="col">Week</th>${STAGES.map((st) => `<th scope="col">${st}</th>`).join('')}</tr>${trendTable}</table>

<h2>Completeness and adoption by team</h2>
${bars(
  teams.map((t) => ({ label: name(t.managerId), value: t.completenessScore ?? 0 })),
  100
)}
<table><caption>Teams by manager</caption><tr><th scope="col">Manager</th><th scope="col">Users</th><th scope="col">Completeness (0–100)</th><th scope="col">Tipping point</th></tr>${teamRows}</table>

<h2>Top deal risks</h2>
<p>The ${g.topRisks.length} open deals with the largest amount × risk, as managers' 1:1 agendas rank them.</p>
<table><caption>Riskiest open deals</caption><tr><th scope="col">Deal</th><th scope="col">Owner</th><th scope="col">Amount</th><th scope="col">Risks</th></tr>${riskRows}</table>

<h2>Nudge conversion</h2>
<p>${answered ? `${answers[0].value} of ${answered} nudges reps answered this week were fixed (${pct(answers[0].value, answered)}).` : 'No nudge was answered this week.'}</p>
${bars(answers, Math.max(1, ...answers.map((a) => a.value)))}
<table><caption>Nudge answers this week</caption><tr><th scope="col">Answer</th><th scope="col">Count</th><th scope="col">Share</th></tr>${answers.map((a) => `<tr><th scope="row">${a.label}</th><td>${a.value}</td><td>${pct(a.value, answered)}</td></tr>`).join('')}</table>

${governance}
<h2>This run</h2>
<p>${escapeHtml(s.snapshots)} snapshots and ${escapeHtml(s.insights)} deal insights computed; ${escapeHtml(s.written)} written, ${escapeHtml(s.unchanged)} unchanged, ${escapeHtml(s.failed)} failed, ${escapeHtml(s.apiCalls)} API calls.</p>
</body></html>
`;
}

/** What a dry run would write, as a table for the terminal: counts, then the first reps. */
export function renderDryRun(s: SyncSummary, maxRows = 20): string {
  const pending = s.pending ?? [];
  const per = (object: string) => pending.filter((p) => p.object === object);
  const snapshots = per('Adoption_Snapshot__c');
  const insights = per('Deal_Insight__c');
  const cell = (v: unknown, width: number) =>
    String(v ?? '–')
      .slice(0, width)
      .padEnd(width);
  const lines = [
    `dry run: nothing was written. It would write ${snapshots.length} Adoption_Snapshot__c and ${insights.length} Deal_Insight__c rows; ${s.unchanged} unchanged.`
  ];
  if (snapshots.length) {
    lines.push(
      `  ${cell('Rep', 24)} ${cell('Rung', 14)} ${cell('Complete', 9)} ${cell('Win rate', 9)} ${cell('Open', 5)} Stale`
    );
    for (const { fields: f } of snapshots.slice(0, maxRows)) {
      const user = String(f.User__c);
      const winRate = f.Win_Rate__c === null ? '–' : `${f.Win_Rate__c} %`;
      lines.push(
        `  ${cell(s.governance.names[user] ?? user, 24)} ${cell(f.Adoption_Stage__c, 14)} ${cell(f.Completeness_Score__c, 9)} ${cell(winRate, 9)} ${cell(f.Open_Opportunities__c, 5)} ${f.Stale_Opportunities__c ?? '–'}`
      );
    }
    if (snapshots.length > maxRows)
      lines.push(`  … and ${snapshots.length - maxRows} more (--json lists every row)`);
  }
  return lines.join('\n');
}
