import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { mavenDir } from '../../scripts/local-org/seeds/maven';
import { MAVEN_DIR, MAVEN_NOTE } from '../support/maven';
import { connect } from '../support/connect';

/** The export's CSVs have no quoted fields, so a plain split reads them (checked below). */
function csv(dir: string, file: string): Record<string, string>[] {
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text.includes('"')).toBe(false);
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l !== '');
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

// The dataset's folder (tests/support/maven.ts); without it the block is skipped, and counted.
const describeWithMaven = MAVEN_DIR ? describe : describe.skip;

describeWithMaven(`maven-crm seed${MAVEN_NOTE}`, () => {
  const dir = MAVEN_DIR as string;
  let org: LocalOrg;
  let conn: Connection;
  let pipeline: Record<string, string>[];
  let teams: Record<string, string>[];
  beforeAll(async () => {
    mavenDir(dir); // a folder without the files fails here, naming them
    pipeline = csv(dir, 'sales_pipeline.csv');
    teams = csv(dir, 'sales_teams.csv');
    org = await startLocalOrg({ seed: `maven-crm:${dir}` });
    conn = connect(org);
  });
  afterAll(() => org.close());

  it('imports every deal with the CSV counts by stage and the right closed/won flags', async () => {
    expect(pipeline).toHaveLength(8800);
    const expected: Record<string, number> = {};
    const stageOf: Record<string, string> = {
      Won: 'Closed Won',
      Lost: 'Closed Lost',
      Engaging: 'Qualification',
      Prospecting: 'Prospecting'
    };
    for (const d of pipeline) {
      const key = `${stageOf[d.deal_stage]}|${d.deal_stage === 'Won' || d.deal_stage === 'Lost'}|${d.deal_stage === 'Won'}`;
      expected[key] = (expected[key] ?? 0) + 1;
    }
    const res = await conn.query<{
      StageName: string;
      IsClosed: boolean;
      IsWon: boolean;
      n: number;
    }>(
      'SELECT StageName, IsClosed, IsWon, COUNT(Id) n FROM Opportunity GROUP BY StageName, IsClosed, IsWon'
    );
    const actual = Object.fromEntries(
      res.records.map((r) => [`${r.StageName}|${r.IsClosed}|${r.IsWon}`, r.n])
    );
    expect(actual).toEqual(expected);
    const total = await conn.query('SELECT COUNT() FROM Opportunity');
    expect(total.totalSize).toBe(8800);
  });

  it('makes every agent a user reporting to their manager', async () => {
    const users = await conn.query<{ Name: string; Manager: { Name: string } | null }>(
      'SELECT Name, Manager.Name FROM User WHERE ManagerId != null'
    );
    const managerOf = Object.fromEntries(users.records.map((u) => [u.Name, u.Manager?.Name]));
    expect(teams).toHaveLength(35);
    for (const t of teams) expect(managerOf[t.sales_agent]).toBe(t.manager);
    expect(users.totalSize).toBe(35);
  });

  it('keeps amounts, dates and owners of the deals', async () => {
    const d = pipeline.find((p) => p.deal_stage === 'Won' && p.account !== '')!;
    const res = await conn.query<{
      Amount: number;
      CloseDate: string;
      CreatedDate: string;
      Owner: { Name: string };
      Account: { Name: string };
    }>(
      `SELECT Amount, CloseDate, CreatedDate, Owner.Name, Account.Name FROM Opportunity WHERE Name LIKE '${d.opportunity_id}:%'`
    );
    expect(res.records).toHaveLength(1);
    const r = res.records[0];
    expect([
      r.Amount,
      r.CloseDate,
      r.CreatedDate.slice(0, 10),
      r.Owner.Name,
      r.Account.Name
    ]).toEqual([Number(d.close_value), d.close_date, d.engage_date, d.sales_agent, d.account]);
  });

  it("counts each of the export's quirks in the import summary", () => {
    const open = (d: Record<string, string>) =>
      d.deal_stage === 'Engaging' || d.deal_stage === 'Prospecting';
    const noAccount = pipeline.filter((d) => d.account === '').length;
    const noClose = pipeline.filter((d) => open(d) && d.close_date === '').length;
    const noEngage = pipeline.filter((d) => d.engage_date === '').length;
    const gtxPro = pipeline.filter((d) => d.product === 'GTXPro').length;
    const sectors = csv(dir, 'accounts.csv').filter((a) => a.sector === 'technolgy').length;
    const agentsWithDeals = new Set(pipeline.map((d) => d.sales_agent));
    const idle = teams.filter((t) => !agentsWithDeals.has(t.sales_agent)).length;
    const summary = org.summary.join('\n');
    expect(summary).toContain(`${noAccount} deals without an account`);
    expect(summary).toContain(`${noClose} open deals without a close date`);
    expect(summary).toContain(`${noEngage} deals without an engage date`);
    expect(summary).toContain(`${gtxPro} product names matched to the product list`);
    expect(summary).toContain(`${sectors} misspelt sectors corrected`);
    expect(summary).toContain(`${idle} agents without deals`);
    expect(summary).toContain('8800 opportunities');
    // The figures the README states.
    expect([noAccount, noClose, noEngage, gtxPro, sectors, idle]).toEqual([
      1425, 2089, 500, 1480, 12, 5
    ]);
  });
});
