import { JSDOM } from 'jsdom';
import { loadConfigFile } from '../../scripts/build/load-config';
import { renderReport } from '../../scripts/sync/report';
import { connect, connectAsAdmin, syncedDemoDuring } from './org';
import { tableRows } from './html-table';

const NOW = new Date('2026-11-20T18:00:00Z');
const config = loadConfigFile();

describe('the governance report', () => {
  const demo = syncedDemoDuring(NOW, config, async (org) => {
    // A manager whose name is markup: the report must show it as text.
    const [manager] = (
      await connect(org).query<{ Id: string }>(
        "SELECT Id FROM User WHERE Title = 'Sales Manager' ORDER BY Name LIMIT 1"
      )
    ).records;
    // An administrator renames them (the sync's user may not edit users).
    await connectAsAdmin(org)
      .sobject('User')
      .update({ Id: manager.Id, LastName: '<script>alert(1)</script>' });
  });
  let doc: Document;
  let html: string;

  beforeAll(async () => {
    html = renderReport(demo.summary);
    doc = new JSDOM(html).window.document;
  });

  /** The rows of the table with `caption` below its header, each as its cells' text. */
  const table = (caption: string) => tableRows(doc, caption).slice(1);

  it('counts users per rung for this week and each earlier synced week as the org holds them', async () => {
    const rows = await demo.conn.query<{
      Period_Start__c: string;
      Adoption_Stage__c: string;
      n: number;
    }>(
      'SELECT Period_Start__c, Adoption_Stage__c, COUNT(Id) n FROM Adoption_Snapshot__c GROUP BY Period_Start__c, Adoption_Stage__c'
    );
    const inOrg = new Map<string, number>();
    for (const r of rows.records) inOrg.set(`${r.Period_Start__c}/${r.Adoption_Stage__c}`, r.n);
    const stages = ['Awareness', 'Understanding', 'Acceptance', 'Involvement', 'Commitment'];
    const trend = table('Users per rung by week');
    expect(trend.map((r) => r[0])).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    for (const [period, ...counts] of trend)
      expect(counts.map(Number)).toEqual(stages.map((s) => inOrg.get(`${period}/${s}`) ?? 0));
    expect(table('Users per rung this week')).toEqual(
      stages.map((s) => [s, String(inOrg.get(`2026-11-16/${s}`) ?? 0)])
    );
  });

  it('names managers and deal owners, and escapes what came from the org', () => {
    const teams = table('Teams by manager').map((r) => r[0]);
    expect(teams).toEqual(expect.arrayContaining(['Omar Haddad', 'Sofia Lind', 'Valerie Grant']));
    expect(teams.some((t) => t.includes('<script>alert(1)</script>'))).toBe(true);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    const risks = table('Riskiest open deals');
    expect(risks).toHaveLength(10);
    const names = new Set(Object.values(demo.summary.governance.names));
    for (const [, owner] of risks) expect(names.has(owner)).toBe(true);
  });

  it('ranks the top risks by amount × risk weight among the open flagged deals', async () => {
    // The weights of risk.flags in config/coaching.config.json, written out.
    const WEIGHT: Record<string, number> = {
      STALE: 3,
      PAST_DUE: 3,
      NO_NEXT_STEP: 2,
      PUSHED: 2,
      NO_CONTACT_ROLE: 1,
      NO_DECISION_MAKER: 2,
      STAGE_REGRESSED: 2
    };
    // Recomputed from what the org holds after the sync: each open deal's flags and its amount
    // (none or not positive counts as 0); largest amount × weight first, then more flags, then id.
    const flagged = await demo.conn.query<{
      Opportunity__c: string;
      Risk_Flags__c: string;
      Opportunity__r: { Amount: number | null };
    }>(
      'SELECT Opportunity__c, Risk_Flags__c, Opportunity__r.Amount FROM Deal_Insight__c WHERE Opportunity__r.IsClosed = false AND Risk_Flags__c != null',
      { autoFetch: true, maxFetch: 100000 }
    );
    const expected = flagged.records
      .map((r) => {
        const flags = r.Risk_Flags__c.split(';');
        const raw = r.Opportunity__r?.Amount ?? 0;
        const amount = raw > 0 ? raw : 0;
        const weight = flags.reduce((sum, f) => sum + WEIGHT[f], 0);
        return { opportunityId: r.Opportunity__c, amount, flags, priority: amount * weight };
      })
      .sort(
        (a, b) =>
          b.priority - a.priority ||
          b.flags.length - a.flags.length ||
          (a.opportunityId < b.opportunityId ? -1 : 1)
      )
      .slice(0, 10);
    expect(expected).toHaveLength(10);
    expect(
      demo.summary.governance.topRisks.map(({ opportunityId, amount, flags, priority }) => ({
        opportunityId,
        amount,
        flags,
        priority
      }))
    ).toEqual(expected);
  });

  it('shows the nudge answers of the week as the org records them', async () => {
    const rows = await demo.conn.query<{ Action__c: string; n: number }>(
      'SELECT Action__c, COUNT(Id) n FROM Nudge_Response__c WHERE CreatedDate >= 2026-11-16T00:00:00Z GROUP BY Action__c'
    );
    const expected = new Map<string, number>(
      rows.records.map((r: { Action__c: string; n: number }) => [r.Action__c, Number(r.n)])
    );
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(table('Nudge answers this week').map((r) => [r[0], Number(r[1])])).toEqual(
      ['Fixed', 'Snoozed', 'Dismissed'].map((a) => [a, expected.get(a) ?? 0])
    );
  });
});
