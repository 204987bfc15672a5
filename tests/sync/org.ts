/** What the sync tests share: a jsforce connection to a local org and what the sync left in it. */
import type { Connection } from 'jsforce';
import { connect as connectWith } from '../support/connect';
import type { CoachingConfig } from '../../scripts/engine';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { syncWithHistory } from '../../scripts/sync/history';
import type { SyncSummary } from '../../scripts/sync/sync';

/**
 * The demo org with its clock at `now`, for the tests of the describe block that calls this: started
 * before them, closed after them. Read `.org` inside a hook or test.
 */
export function demoOrgDuring(now: Date): { readonly org: LocalOrg } {
  let org: LocalOrg | undefined;
  beforeAll(async () => {
    org = await startLocalOrg({ seed: 'demo', now: () => now });
  });
  afterAll(() => org?.close());
  return {
    get org() {
      if (!org) throw new Error('the demo org is started in beforeAll');
      return org;
    }
  };
}

/**
 * The demo org with its clock at `now`, synced over the two weeks to `now`'s day by the sync's
 * user before the tests of the describe block that calls this; `prepare` changes the org first.
 * Read `.org`, `.conn` (the sync user's connection) and `.summary` inside a hook or test.
 */
export function syncedDemoDuring(
  now: Date,
  config: CoachingConfig,
  prepare?: (org: LocalOrg) => Promise<void>
): { readonly org: LocalOrg; readonly conn: Connection; readonly summary: SyncSummary } {
  const demo = demoOrgDuring(now);
  let run: { conn: Connection; summary: SyncSummary } | undefined;
  beforeAll(async () => {
    await prepare?.(demo.org);
    const conn = connect(demo.org);
    const asOf = now.toISOString().slice(0, 10);
    run = { conn, summary: await syncWithHistory(conn, { config, asOf, weeks: 2 }) };
  });
  const synced = () => {
    if (!run) throw new Error('the demo org is synced in beforeAll');
    return run;
  };
  return {
    get org() {
      return demo.org;
    },
    get conn() {
      return synced().conn;
    },
    get summary() {
      return synced().summary;
    }
  };
}

/** A connection as the sync's integration user (Minimum Access + Adoption_Coach_Integration). */
export function connect(org: LocalOrg): Connection {
  return connectWith(org, org.accessToken);
}

/** A connection as the org's administrator: the people who change the org between two runs. */
export function connectAsAdmin(org: LocalOrg): Connection {
  return connectWith(org, org.adminToken);
}

/** Every record `soql` selects, every page read (at most 100,000). */
export async function queryAll<T = Record<string, unknown>>(
  conn: Connection,
  soql: string
): Promise<T[]> {
  return (await conn.query(soql, { autoFetch: true, maxFetch: 100000 })).records as unknown as T[];
}

/** Every snapshot and insight the sync wrote, by key, without ids and audit fields. */
export async function endState(conn: Connection) {
  const rows = async (soql: string) =>
    (
      await conn.query<Record<string, unknown>>(soql).run({ autoFetch: true, maxFetch: 100000 })
    ).records.map(({ attributes: _a, ...rest }) => rest);
  return {
    snapshots: await rows(
      'SELECT Snapshot_Key__c, User__c, Adoption_Stage__c, Completeness_Score__c, Open_Opportunities__c, Open_Pipeline__c, Won_Opportunities__c, Win_Rate__c, Stale_Opportunities__c, Activities_Logged__c, Insights__c FROM Adoption_Snapshot__c ORDER BY Snapshot_Key__c'
    ),
    insights: await rows(
      'SELECT Insight_Key__c, Risk_Flags__c, Push_Count__c, Days_In_Stage__c, Days_Since_Activity__c, Completeness_Score__c FROM Deal_Insight__c ORDER BY Insight_Key__c'
    )
  };
}
