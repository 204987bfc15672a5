import { loadConfigFile } from '../../scripts/build/load-config';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { runSync } from '../../scripts/sync/sync';
import { connect, endState } from './org';
import { runCli } from './cli';

const NOW = new Date('2026-11-20T18:00:00Z');
const KILL_POINTS = [
  'scoring',
  'extracted',
  'scored',
  'loaded:Adoption_Snapshot__c:1',
  'loaded:Deal_Insight__c:1',
  'loaded:Deal_Insight__c:3',
  'state-written'
];

/** The sync CLI, to be killed at `killAt` (the org answers in this process). */
const cli = (org: LocalOrg, killAt?: string) =>
  runCli(org, ['--json'], { ADOPTION_COACH_KILL_AT: killAt ?? '' });

describe('sync killed at any point, then rerun', () => {
  let reference: Awaited<ReturnType<typeof endState>>;
  const orgs: LocalOrg[] = [];
  beforeAll(async () => {
    const org = await startLocalOrg({ seed: 'demo', now: () => NOW });
    orgs.push(org);
    // The CLI's first sync scores the 8 earlier weeks from the org's history first.
    await runSync(connect(org), {
      config: loadConfigFile(),
      asOf: '2026-11-20',
      backfillPeriods: 8
    });
    reference = await endState(connect(org));
  });
  afterAll(() => Promise.all(orgs.map((o) => o.close())));

  it.each(KILL_POINTS)('killed at %s: the rerun ends as one uninterrupted run', async (point) => {
    const org = await startLocalOrg({ seed: 'demo', now: () => NOW });
    orgs.push(org);
    const killed = await cli(org, point);
    // Killed by SIGKILL (137 when a wrapper process reports it).
    expect(killed.signal === 'SIGKILL' || killed.status === 137).toBe(true);
    const rerun = await cli(org);
    expect(rerun.status).toBe(0);
    const summary = JSON.parse(rerun.stdout) as { failed: number; written: number };
    expect(summary.failed).toBe(0);
    expect(await endState(connect(org))).toEqual(reference);
    expect(rerun.stderr).not.toContain(org.accessToken);
    expect(rerun.stdout).not.toContain(org.accessToken);
  });
});
