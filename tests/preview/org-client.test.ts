import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { SalesforceApiError } from '../../scripts/common/salesforce-error';
import { OrgClient } from '../../scripts/preview/org-client';

describe('OrgClient: UI API records as one user of the local org', () => {
  let org: LocalOrg;
  let client: OrgClient;
  let rep: string;
  let other: string;
  let own: { Id: string; Name: string };
  let foreign: string;

  beforeAll(async () => {
    org = await startLocalOrg({ seed: 'demo' });
    client = new OrgClient(org);
    const admin = org.integrationUserId;
    const owners = await client.soql(
      admin,
      'SELECT OwnerId, COUNT(Id) n FROM Opportunity WHERE IsClosed = false GROUP BY OwnerId ORDER BY COUNT(Id) DESC LIMIT 2'
    );
    rep = owners[0].OwnerId as string;
    other = owners[1].OwnerId as string;
    own = (
      await client.soql(
        admin,
        `SELECT Id, Name FROM Opportunity WHERE OwnerId = '${rep}' ORDER BY Id LIMIT 1`
      )
    )[0] as typeof own;
    foreign = (
      await client.soql(
        admin,
        `SELECT Id FROM Opportunity WHERE OwnerId = '${other}' ORDER BY Id LIMIT 1`
      )
    )[0].Id as string;
  });
  afterAll(async () => {
    await org.close();
  });

  test('getRecord returns the fields asked for; optional fields that do not exist are left out', async () => {
    const rec = await client.getRecord(
      rep,
      own.Id,
      ['Opportunity.Name'],
      ['Opportunity.No_Such__c', 'Opportunity.Owner.Name']
    );
    expect(rec.apiName).toBe('Opportunity');
    expect(rec.id).toBe(own.Id);
    expect(rec.fields.Name).toEqual({ value: own.Name, displayValue: own.Name });
    expect(rec.fields.No_Such__c).toBeUndefined();
    const owner = org.users.find((u) => u.userId === rep)!;
    expect(
      (rec.fields.Owner.value as { fields: Record<string, { value: unknown }> }).fields.Name.value
    ).toBe(owner.name);
  });

  test('a required field that does not exist is an error naming it', async () => {
    await expect(client.getRecord(rep, own.Id, ['Opportunity.No_Such__c'], [])).rejects.toThrow(
      "No such column 'No_Such__c' on entity 'Opportunity'"
    );
  });

  test("another rep's opportunity is not visible to the rep", async () => {
    const err = await client
      .getRecord(rep, foreign, ['Opportunity.Name'], [])
      .catch((e: SalesforceApiError) => e);
    expect(err).toBeInstanceOf(SalesforceApiError);
    expect((err as SalesforceApiError).statusCode).toBe(404);
  });

  test('updateRecord writes as the user and reads the record back; createRecord likewise', async () => {
    const updated = await client.updateRecord(rep, {
      Id: own.Id,
      NextStep: 'Call the CFO on Monday'
    });
    expect(updated.fields.NextStep.value).toBe('Call the CFO on Monday');
    const seen = await client.soql(
      org.integrationUserId,
      `SELECT NextStep, LastModifiedById FROM Opportunity WHERE Id = '${own.Id}'`
    );
    expect(seen[0].NextStep).toBe('Call the CFO on Monday');
    expect(seen[0].LastModifiedById).toBe(rep);
    const created = await client.createRecord(rep, 'Nudge_Response__c', {
      Nudge_Key__c: 'opp-next-step',
      Record_Id__c: own.Id,
      Action__c: 'Snoozed',
      Snooze_Until__c: '2026-12-01'
    });
    expect(created.apiName).toBe('Nudge_Response__c');
    expect(created.fields.Snooze_Until__c.value).toBe('2026-12-01');
    const mine = await client.soql(
      rep,
      `SELECT Id, OwnerId FROM Nudge_Response__c WHERE Id = '${created.id}'`
    );
    expect(mine).toEqual([expect.objectContaining({ Id: created.id, OwnerId: rep })]);
  });
});
