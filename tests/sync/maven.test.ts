import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connection } from 'jsforce';
import { loadConfigFile } from '../../scripts/build/load-config';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { runSync, type SyncSummary } from '../../scripts/sync/sync';
import { MAVEN_DIR, MAVEN_NOTE } from '../support/maven';
import { connect } from '../support/connect';

// The dataset's folder (tests/support/maven.ts); without it the block is skipped, and counted.
const DATASET = MAVEN_DIR as string;
const describeWithMaven = MAVEN_DIR ? describe : describe.skip;

/** Each agent's figures computed straight from the CSV, as the product rules define them. */
function expectedFromCsv(asOf: string, windowDays: number) {
  const lines = readFileSync(resolve(DATASET, 'sales_pipeline.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const col = (name: string) => header.indexOf(name);
  const windowStart = new Date(Date.parse(`${asOf}T00:00:00Z`) - (windowDays - 1) * 86400000)
    .toISOString()
    .slice(0, 10);
  const byAgent = new Map<string, { open: number; won: number; lost: number }>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const agent = cells[col('sales_agent')];
    const stage = cells[col('deal_stage')];
    const close = cells[col('close_date')];
    const e = byAgent.get(agent) ?? { open: 0, won: 0, lost: 0 };
    if (stage === 'Engaging' || stage === 'Prospecting') e.open++;
    else if (close >= windowStart && close <= asOf) {
      if (stage === 'Won') e.won++;
      else if (stage === 'Lost') e.lost++;
    }
    byAgent.set(agent, e);
  }
  return byAgent;
}

describeWithMaven(`sync against the maven-crm local org${MAVEN_NOTE}`, () => {
  let org: LocalOrg;
  let conn: Connection;
  let first: SyncSummary;
  const config = loadConfigFile();

  beforeAll(async () => {
    org = await startLocalOrg({
      seed: `maven-crm:${DATASET}`,
      now: () => new Date('2017-12-31T20:00:00Z')
    });
    conn = connect(org, org.accessToken);
    first = await runSync(conn, { config, asOf: '2017-12-31' });
  });
  afterAll(() => org.close());

  it('writes a snapshot for everyone in the audience, including agents without deals', async () => {
    const users = await conn.query<{ Id: string }>(
      "SELECT Id FROM User WHERE IsActive = true AND Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name IN ('Adoption_Coach_Rep', 'Adoption_Coach_Manager'))"
    );
    const snaps = await conn.query<{ User__c: string; Period_Start__c: string }>(
      'SELECT User__c, Period_Start__c FROM Adoption_Snapshot__c'
    );
    // 35 agents (Adoption_Coach_Rep) and 6 managers (Adoption_Coach_Manager); the sync's user
    // and the administrator are not in the audience.
    expect(users.totalSize).toBe(41);
    expect(new Set(snaps.records.map((s) => s.User__c))).toEqual(
      new Set(users.records.map((u) => u.Id))
    );
    expect(new Set(snaps.records.map((s) => s.Period_Start__c))).toEqual(new Set(['2017-12-25']));
    expect(first.failed).toBe(0);
    expect(first.written).toBe(first.snapshots + first.insights + first.rollups);
  });

  it("gives each agent's open, won, lost and win rate as computed from the CSV", async () => {
    const expected = expectedFromCsv('2017-12-31', config.winRateWindowDays);
    const snaps = await conn.query<Record<string, unknown> & { User__r: { Name: string } }>(
      'SELECT User__r.Name, Open_Opportunities__c, Won_Opportunities__c, Lost_Opportunities__c, Win_Rate__c FROM Adoption_Snapshot__c'
    );
    const byName = new Map(snaps.records.map((s) => [s.User__r.Name, s]));
    let checked = 0;
    for (const [agent, e] of expected) {
      const s = byName.get(agent)!;
      expect({
        agent,
        open: s.Open_Opportunities__c,
        won: s.Won_Opportunities__c,
        lost: s.Lost_Opportunities__c
      }).toEqual({
        agent,
        open: e.open,
        won: e.won,
        lost: e.lost
      });
      const rate = e.won + e.lost === 0 ? null : Math.round((1000 * e.won) / (e.won + e.lost)) / 10;
      expect(s.Win_Rate__c).toBe(rate);
      checked++;
    }
    expect(checked).toBe(30);
  });

  it('divides the tipping point by the whole audience, agents without deals at the bottom rung', async () => {
    // From the CSV: the agents of sales_teams.csv who own no row of sales_pipeline.csv.
    const read = (file: string) =>
      readFileSync(resolve(DATASET, file), 'utf8').trim().split('\n').slice(1);
    const dealOwners = new Set(read('sales_pipeline.csv').map((l) => l.split(',')[1]));
    const idle = read('sales_teams.csv')
      .map((l) => l.split(',')[0])
      .filter((agent) => !dealOwners.has(agent));
    expect(idle.length).toBeGreaterThan(0);
    const snaps = await conn.query<{ User__r: { Name: string }; Adoption_Stage__c: string }>(
      'SELECT User__r.Name, Adoption_Stage__c FROM Adoption_Snapshot__c'
    );
    const stageOf = new Map(snaps.records.map((s) => [s.User__r.Name, s.Adoption_Stage__c]));
    // No deal, no activity, no login, no look at the coaching: the bottom rung, and counted.
    for (const agent of idle) expect(stageOf.get(agent)).toBe('Awareness');
    // The denominator is the audience: the 35 agents and 6 managers, every one with a snapshot,
    // whether they use the CRM or not.
    expect(first.org.users).toBe(41);
    expect(first.org.tippingPointPct).toBe(
      Math.round((1000 * first.org.adoptedUsers) / first.org.users) / 10
    );
  });

  it('writes nothing on a second run', async () => {
    const second = await runSync(conn, { config, asOf: '2017-12-31' });
    expect(second.written).toBe(0);
    expect(second.unchanged).toBe(first.snapshots + first.insights + first.rollups);
  });
});
