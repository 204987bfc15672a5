import type { LocalOrg } from '../../scripts/local-org';
import { runCli } from './cli';
import { demoOrgDuring } from './org';

const NOW = new Date('2026-11-20T18:00:00Z');

/** The sync CLI with stdout and stderr piped (not a terminal). */
const cli = (org: LocalOrg, ...flags: string[]) => runCli(org, flags);

describe('the sync CLI’s output', () => {
  const demo = demoOrgDuring(NOW);

  it('--dry-run prints what it would write, per rep, and writes nothing', async () => {
    const { status, stdout, stderr } = await cli(demo.org, '--dry-run');
    expect(status).toBe(0);
    expect(stdout).toBe('');
    // The demo's audience: 24 reps and 3 managers (the VP, the admin and the sync's user are out).
    const users = 27;
    expect(stderr).toMatch(
      new RegExp(
        `dry run: nothing was written\\. It would write ${users} Adoption_Snapshot__c and \\d+ Deal_Insight__c rows; 0 unchanged\\.`
      )
    );
    expect(stderr).toMatch(/ {2}Rep {22}Rung {11}Complete {2}Win rate {2}Open {2}Stale/);
    expect(stderr).toContain(`… and ${users - 20} more (--json lists every row)`);
    expect(stderr).toContain('Marco Bianchi');
    // The VP holds the sponsor's permission set, outside the audience: no row of hers.
    expect(stderr).not.toContain('Valerie Grant');
    expect([...demo.org.store.scan('Adoption_Snapshot__c')]).toHaveLength(0);
    expect([...demo.org.store.scan('Deal_Insight__c')]).toHaveLength(0);
    // Plain lines off a terminal: no cursor movement.
    expect(stderr).not.toContain('\x1b[');
  });

  it('--json prints one summary object on stdout and the log on stderr', async () => {
    const { status, stdout, stderr } = await cli(demo.org, '--json');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]);
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining(['read', 'written', 'unchanged', 'failed', 'apiCalls', 'durationMs'])
    );
    expect(summary.written).toBe(
      [...demo.org.store.scan('Adoption_Snapshot__c')].length +
        [...demo.org.store.scan('Deal_Insight__c')].length +
        [...demo.org.store.scan('Adoption_Rollup__c')].length
    );
    expect(summary.governance).toBeUndefined();
    // syncNeeds in scripts/sync/fields.ts: User, Opportunity, OpportunityHistory,
    // OpportunityContactRole, Account, Contact, Lead, Task, Event, Nudge_Response__c,
    // Adoption_Snapshot__c, Deal_Insight__c, Adoption_Snapshot__Share, Adoption_Rollup__c,
    // Adoption_Rollup__Share, PermissionSetAssignment, Coach_Engagement__c, Message_Receipt__c,
    // LoginHistory.
    expect(stderr).toContain('field check: describing 19 objects');
    // The first sync of the org scored the 8 earlier weeks too; `written` counts their rows.
    expect(summary.backfilled).toMatchObject({ periods: 8 });
    expect(stderr).not.toContain(demo.org.accessToken);
  });
});

describe('the audience', () => {
  const demo = demoOrgDuring(NOW);

  it('refuses an --audience that is not a list of permission set API names, with exit 2', async () => {
    const run = await runCli(demo.org, ['--audience', "Adoption_Coach_Rep,x') OR Id != ('"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--audience must name permission sets by API name');
  });

  it('scores only the holders of the permission sets --audience names', async () => {
    const run = await runCli(demo.org, [
      '--json',
      '--dry-run',
      '--audience',
      'Adoption_Coach_Manager'
    ]);
    expect(run.status).toBe(0);
    // The demo's three managers hold Adoption_Coach_Manager.
    expect(JSON.parse(run.stdout)).toMatchObject({ snapshots: 3 });
  });
});
