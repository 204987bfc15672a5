/**
 * Incremental runs: with a replica from the last run, the sync reads only what changed since its
 * watermark and must end where a full run over the same data ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Connection } from 'jsforce';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../../scripts/build/load-config';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { runSync } from '../../scripts/sync/sync';
import { connect, connectAsAdmin, endState } from './org';
import { runCli } from './cli';

const NOW = new Date('2026-11-20T18:00:00Z');
const AS_OF = '2026-11-20';
const config = loadConfigFile();
const dirs: string[] = [];
const stateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ac-replica-'));
  dirs.push(dir);
  return dir;
};

/** Edits of every kind the replica must follow, made through the REST API as a user would. */
async function changeTheOrg(conn: Connection): Promise<string[]> {
  const open = (
    await conn.query<{ Id: string; OwnerId: string; CloseDate: string }>(
      'SELECT Id, OwnerId, CloseDate FROM Opportunity WHERE IsClosed = false ORDER BY Id LIMIT 6'
    )
  ).records;
  const tasks = (
    await conn.query<{ Id: string }>(
      `SELECT Id FROM Task WHERE ActivityDate >= 2026-11-10 AND WhatId != null ORDER BY Id LIMIT 2`
    )
  ).records;
  const contact = (await conn.query<{ Id: string }>('SELECT Id FROM Contact LIMIT 1')).records[0];
  const [pushed, won, deleted, gainsTask, gainsRole, target] = open;
  await conn.sobject('Opportunity').update({
    Id: pushed.Id,
    CloseDate: '2027-02-15',
    StageName: 'Negotiation/Review'
  });
  await conn.sobject('Opportunity').update({ Id: won.Id, StageName: 'Closed Won' });
  await conn.sobject('Opportunity').destroy(deleted.Id);
  const created = await conn.sobject('Opportunity').create({
    Name: 'Incremental newcomer',
    StageName: 'Prospecting',
    CloseDate: '2026-12-20',
    Amount: 42000,
    OwnerId: gainsTask.OwnerId
  });
  await conn.sobject('Task').create({
    Subject: 'Call',
    ActivityDate: AS_OF,
    Status: 'Completed',
    WhatId: gainsTask.Id,
    OwnerId: gainsTask.OwnerId
  });
  await conn.sobject('Task').destroy(tasks[0].Id);
  await conn.sobject('Task').update({ Id: tasks[1].Id, WhatId: target.Id });
  await conn.sobject('OpportunityContactRole').create({
    OpportunityId: gainsRole.Id,
    ContactId: contact.Id,
    Role: 'Decision Maker',
    IsPrimary: true
  });
  return [pushed.Id, won.Id, deleted.Id, (created as { id: string }).id];
}

describe('incremental sync', () => {
  const orgs: LocalOrg[] = [];
  afterAll(async () => {
    await Promise.all(orgs.map((o) => o.close()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('reads only the changes, writes 0 on a second run and ends where a full run ends', async () => {
    const org = await startLocalOrg({ seed: 'demo', now: () => NOW });
    orgs.push(org);
    const conn = connect(org);
    const dir = stateDir();
    const first = await runSync(conn, { config, asOf: AS_OF, stateDir: dir });
    expect(first).toMatchObject({ mode: 'full', failed: 0 });
    const second = await runSync(conn, { config, asOf: AS_OF, stateDir: dir });
    expect(second).toMatchObject({ mode: 'incremental', written: 0, failed: 0 });
    expect(second.deals).toBe(first.deals);
    // Three /composite calls: the field check's describes with the first five small queries
    // (snapshots earlier and now, users, the audience by permission set, nudge answers); then
    // eight queries, five a call: the rollups, the five change queries (opportunities, history,
    // contact roles, tasks, events) and the two evidence queries (engagement, message
    // receipts). Every change query's rows fit its first page: nothing pages on.
    expect(second.extractCalls).toBe(3);
    expect(second.read).toBeLessThan(first.read / 50);

    const touched = await changeTheOrg(connectAsAdmin(org));
    const third = await runSync(conn, { config, asOf: AS_OF, stateDir: dir });
    expect(third.mode).toBe('incremental');
    // The same three calls: a handful of changes fits the change queries' first pages.
    expect(third.extractCalls).toBe(3);
    expect(third.written).toBeGreaterThan(0);
    expect(third.failed).toBe(0);
    expect(third.deals).toBe(first.deals);
    // A full run over the same data (no replica) finds nothing left to write.
    const full = await runSync(conn, { config, asOf: AS_OF, stateDir: stateDir() });
    expect(full).toMatchObject({ mode: 'full', written: 0, failed: 0, deals: third.deals });
    const insights = await endState(conn);
    const keys = new Set(insights.insights.map((i) => i.Insight_Key__c));
    expect(keys.has(touched[0])).toBe(true);
    expect(keys.has(touched[3])).toBe(true);
  });

  it('4,100 new tasks: their pages after the first chained in one /composite call, 4 calls', async () => {
    const org = await startLocalOrg({ seed: 'demo', now: () => NOW });
    orgs.push(org);
    const dir = stateDir();
    expect(await runSync(connect(org), { config, asOf: AS_OF, stateDir: dir })).toMatchObject({
      mode: 'full',
      failed: 0
    });
    const admin = connectAsAdmin(org);
    const deals = (
      await admin.query<{ Id: string; OwnerId: string }>(
        'SELECT Id, OwnerId FROM Opportunity WHERE IsClosed = false ORDER BY Id LIMIT 41'
      )
    ).records;
    // 100 calls logged on each of 41 open deals: 4,100 tasks.
    const tasks = deals.flatMap((d) =>
      Array.from({ length: 100 }, () => ({
        Subject: 'Call',
        ActivityDate: AS_OF,
        Status: 'Completed',
        WhatId: d.Id,
        OwnerId: d.OwnerId
      }))
    );
    const created = await admin.sobject('Task').create(tasks, { allowRecursive: true });
    expect(created.filter((r) => r.success).length).toBe(4100);
    const run = await runSync(connect(org), { config, asOf: AS_OF, stateDir: dir });
    expect(run).toMatchObject({ mode: 'incremental', failed: 0 });
    // 3 /composite calls open the queries, as above: the describes with five small queries,
    // then the rollups, the five change queries and the two evidence queries, five a call.
    // Only the task changes pass a page: 4,100 rows, 2,000 in the first page, ceil(2,100 /
    // 2,000) = 2 pages left, which one more /composite call reads, the second page's
    // nextRecordsUrl naming the third (a job would take 2 calls; each page a call of its own, 2).
    expect(run.extractCalls).toBe(4);
    expect(run.extractCallsByKind).toEqual({ composite: 4 });
    // Every new task was read, and the run ends where a full run over the same data ends.
    const full = await runSync(connect(org), { config, asOf: AS_OF, stateDir: stateDir() });
    expect(full).toMatchObject({ mode: 'full', written: 0, failed: 0, deals: run.deals });
  });

  it('a new week reads everything again', async () => {
    const org = await startLocalOrg({ seed: 'demo', now: () => NOW });
    orgs.push(org);
    const dir = stateDir();
    await runSync(connect(org), { config, asOf: '2026-11-13', stateDir: dir });
    const next = await runSync(connect(org), { config, asOf: AS_OF, stateDir: dir });
    expect(next.mode).toBe('full');
    expect((await runSync(connect(org), { config, asOf: AS_OF, stateDir: dir })).mode).toBe(
      'incremental'
    );
  });

  it('Bulk API 2.0 extract and load end in the same state as REST', async () => {
    const rest = await startLocalOrg({ seed: 'demo', now: () => NOW });
    const bulk = await startLocalOrg({ seed: 'demo', now: () => NOW });
    orgs.push(rest, bulk);
    const a = await runSync(connect(rest), { config, asOf: AS_OF });
    const b = await runSync(connect(bulk), {
      config,
      asOf: AS_OF,
      api: { bulkThreshold: 100 },
      bulkLoadThreshold: 100
    });
    expect(b).toMatchObject({ failed: 0, written: a.written, deals: a.deals });
    expect(await endState(connect(bulk))).toEqual(await endState(connect(rest)));
  });

  it.each(['scoring', 'extracted', 'loaded:Deal_Insight__c:1', 'state-written'])(
    'an incremental run killed at %s, then rerun, ends where a full run ends',
    async (point) => {
      const org = await startLocalOrg({ seed: 'demo', now: () => NOW });
      orgs.push(org);
      const dir = stateDir();
      expect((await runCli(org, ['--json', '--state-dir', dir])).status).toBe(0);
      await changeTheOrg(connectAsAdmin(org));
      const killed = await runCli(org, ['--json', '--state-dir', dir], {
        ADOPTION_COACH_KILL_AT: point
      });
      expect(killed.signal === 'SIGKILL' || killed.status === 137).toBe(true);
      const rerun = await runCli(org, ['--json', '--state-dir', dir]);
      expect(rerun.status).toBe(0);
      expect(JSON.parse(rerun.stdout)).toMatchObject({ mode: 'incremental', failed: 0 });
      const full = await runSync(connect(org), { config, asOf: AS_OF, stateDir: stateDir() });
      expect(full).toMatchObject({ written: 0, failed: 0 });
    }
  );
});
