import { loadConfigFile } from '../../scripts/build/load-config';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { FieldCheckError } from '../../scripts/sync/fields';
import { runSync } from '../../scripts/sync/sync';
import { connect } from '../support/connect';

const NOW = new Date('2026-11-20T18:00:00Z');
const AS_OF = '2026-11-20';
const config = loadConfigFile();

/** The org as the sync's user would describe it with `change` applied to its fields. */
async function orgWith(change: (org: LocalOrg) => void) {
  const org = await startLocalOrg({ seed: 'demo', now: () => NOW });
  change(org);
  const conn = connect(org, org.accessToken);
  return { org, conn };
}

function dropField(org: LocalOrg, object: string, name: string) {
  const schema = org.store.describe(object)!;
  schema.fields = schema.fields.filter((f) => f.name !== name);
}

describe('the field check before the sync extracts', () => {
  const orgs: LocalOrg[] = [];
  afterAll(() => Promise.all(orgs.map((o) => o.close())));

  it('names every required field that is missing, unreadable or not editable, and writes nothing', async () => {
    const { org, conn } = await orgWith((o) => {
      dropField(o, 'Adoption_Snapshot__c', 'Win_Rate__c');
      dropField(o, 'Contact', 'Title');
      o.store
        .describe('Deal_Insight__c')!
        .fields.find((f) => f.name === 'Risk_Flags__c')!.updateable = false;
    });
    orgs.push(org);
    const lines: string[] = [];
    const run = runSync(conn, { config, asOf: AS_OF, log: (l) => lines.push(l) });
    await expect(run).rejects.toBeInstanceOf(FieldCheckError);
    const error = (await run.catch((e: unknown) => e)) as FieldCheckError;
    expect(error.problems).toEqual([
      'Contact.Title: missing or not readable',
      'Adoption_Snapshot__c.Win_Rate__c: missing or not readable',
      'Deal_Insight__c.Risk_Flags__c: not editable (needs create and edit access)'
    ]);
    expect(error.message).toContain('Adoption_Coach_Integration');
    const written = await conn.query('SELECT COUNT() FROM Adoption_Snapshot__c');
    expect(written.totalSize).toBe(0);
    // It stopped before the first query.
    // 19 objects (syncNeeds in scripts/sync/fields.ts), the optional ones (Coach_Engagement__c,
    // Message_Receipt__c) deployed in this org, so nothing is said about them.
    expect(lines).toEqual(['field check: describing 19 objects']);
  });

  it('goes on without an optional field, says so, and writes a snapshot for everyone in the audience, those without deals too', async () => {
    const { org, conn } = await orgWith((o) => dropField(o, 'Opportunity', 'LeadSource'));
    orgs.push(org);
    const lines: string[] = [];
    const summary = await runSync(conn, { config, asOf: AS_OF, log: (l) => lines.push(l) });
    expect(lines).toContain(
      'field check: Opportunity.LeadSource missing or not readable; scoring goes on without them'
    );
    // The audience: the demo's 24 reps and 3 managers hold the Rep and Manager permission sets.
    const users = await conn.query<{ Id: string }>(
      "SELECT Id FROM User WHERE IsActive = true AND Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name IN ('Adoption_Coach_Rep', 'Adoption_Coach_Manager'))"
    );
    expect(users.totalSize).toBe(27);
    expect(summary.snapshots).toBe(27);
    expect(summary.failed).toBe(0);
    expect(summary.written).toBeGreaterThan(0);
    // The 3 managers own no deals; they get a snapshot all the same.
    const owners = new Set(
      (
        await conn.query<{ OwnerId: string }>('SELECT OwnerId FROM Opportunity GROUP BY OwnerId')
      ).records.map((r) => r.OwnerId)
    );
    const withoutDeals = users.records.filter((u) => !owners.has(u.Id));
    expect(withoutDeals).toHaveLength(3);
    const snapshots = await conn.query<{ User__c: string }>(
      'SELECT User__c FROM Adoption_Snapshot__c'
    );
    const snapped = new Set(snapshots.records.map((r) => r.User__c));
    for (const u of withoutDeals) expect(snapped.has(u.Id)).toBe(true);
    expect(snapped.size).toBe(users.totalSize);
    // A second run finds nothing changed.
    const again = await runSync(conn, { config, asOf: AS_OF });
    expect(again.written).toBe(0);
  });
});
