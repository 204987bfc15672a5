/**
 * The governance report for the executive sponsor: one self-contained HTML file, readable
 * offline. Every value from the org is escaped; charts are inline SVG with a table beside.
 */
import type { SyncSummary } from './sync';

const STAGES = ['Awareness', 'Understanding', 'Acceptance', 'Involvement', 'Commitment'] as const;

function esc(v: unknown): string {
  return String(v ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function bars(values: { label: string; value: number }[], max: number): string {
  const h = 22;
  const rows = values
    .map((v, i) => {
      const w = max > 0 ? Math.round((v.value / max) * 300) : 0;
      return `<text x="0" y="${i * h + 15}" font-size="12">${esc(v.label)}</text><rect x="120" y="${i * h + 4}" width="${w}" height="14" fill="#0176d3"/><text x="${126 + w}" y="${i * h + 15}" font-size="12">${esc(v.value)}</text>`;
    })
    .join('');
  return `<svg role="img" aria-hidden="true" width="480" height="${values.length * h}" viewBox="0 0 480 ${values.length * h}">${rows}</svg>`;
}

export function renderReport(s: SyncSummary): string {
  const org = s.org;
  const stageRows = STAGES.map((st) => ({ label: st, value: org.stageCounts[st] }));
  const max = Math.max(1, ...stageRows.map((r) => r.value));
  const teams = s.teams
    .map(
      (t) =>
        `<tr><th scope="row">${esc(t.managerId)}</th><td>${t.users}</td><td>${esc(t.completenessScore ?? '–')}</td><td>${esc(t.tippingPointPct ?? '–')} %</td></tr>`
    )
    .join('');
  const gauge = org.tippingPointPct ?? 0;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Adoption Pulse – ${esc(s.periodStart)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style></head>
<body>
<h1>Adoption Pulse</h1>
<p>Week starting ${esc(s.periodStart)} (as of ${esc(s.asOf)}).</p>
<h2>Tipping point</h2>
<p>${esc(org.adoptedUsers)} of ${esc(org.activeUsers)} active users are at Involvement or Commitment: <strong>${esc(org.tippingPointPct ?? '–')} %</strong> against a target of ${esc(org.targetPct)} % (${org.reached ? 'reached' : 'not reached yet'}).</p>
<svg role="img" aria-label="Tipping point ${esc(gauge)} % of ${esc(org.targetPct)} %" width="420" height="30"><rect width="400" height="20" fill="#e5e5e5"/><rect width="${Math.min(400, gauge * 4)}" height="20" fill="#2e844a"/><line x1="${org.targetPct * 4}" x2="${org.targetPct * 4}" y1="0" y2="26" stroke="#000"/></svg>
<h2>Adoption ladder</h2>
${bars(stageRows, max)}
<table><caption>Users per rung</caption><tr><th scope="col">Rung</th><th scope="col">Users</th></tr>${stageRows.map((r) => `<tr><th scope="row">${r.label}</th><td>${r.value}</td></tr>`).join('')}</table>
<h2>By team</h2>
<table><tr><th scope="col">Manager</th><th scope="col">Users</th><th scope="col">Completeness</th><th scope="col">Tipping point</th></tr>${teams}</table>
<h2>This run</h2>
<p>${esc(s.snapshots)} snapshots and ${esc(s.insights)} deal insights computed; ${esc(s.written)} written, ${esc(s.unchanged)} unchanged, ${esc(s.failed)} failed, ${esc(s.apiCalls)} API calls.</p>
</body></html>
`;
}
