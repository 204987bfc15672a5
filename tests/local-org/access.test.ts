/**
 * The access matrix: each persona, through the REST API with jsforce, against the outcomes
 * written by hand in access-matrix.fixture.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import type { LocalOrg } from '../../scripts/local-org';
import type { WriteContext } from '../../scripts/local-org/store';
import { loadPermissionSets } from '../../scripts/local-org/access';
import { addRole } from '../../scripts/local-org/setup';
import { addNamedUser, privateDealsOrg } from '../support/people';
import { FIELDS, MATRIX, type Can, type Persona, type SObject } from './access-matrix.fixture';
import { connect } from '../support/connect';

const NOW = new Date('2026-11-20T10:00:00Z');
// Opportunity last: deleting one deletes its deal insight with it (master-detail).
const OBJECTS: SObject[] = [
  'Quick_Win__c',
  'Message_Receipt__c',
  'Adoption_Message__c',
  'Deal_Insight__c',
  'Adoption_Snapshot__c',
  'Nudge_Response__c',
  'Coaching_Session__c',
  'Roadblock__c',
  'Opportunity'
];

let org: LocalOrg;
const user: Record<string, string> = {};
/** The rep's records, one set read and edited by everyone; one set per persona to delete. */
let shared: Record<SObject, string>;
const forDelete: Partial<Record<Persona, Record<SObject, string>>> = {};
let unique = 0;

function conn(persona: Persona): Connection {
  return connect(org, org.tokenFor(user[persona]));
}

/** What a persona creates to test Create (each a valid record). */
function newRecord(object: SObject): Record<string, unknown> {
  unique++;
  switch (object) {
    case 'Opportunity':
      return { Name: `New ${unique}`, StageName: 'Prospecting', CloseDate: '2026-12-31' };
    case 'Deal_Insight__c':
      return { Opportunity__c: shared.Opportunity, Insight_Key__c: `new-${unique}` };
    case 'Adoption_Snapshot__c':
      return { Snapshot_Key__c: `new-${unique}`, User__c: user.rep };
    case 'Nudge_Response__c':
      return { Nudge_Key__c: `n${unique}`, Record_Id__c: shared.Opportunity, Action__c: 'Fixed' };
    case 'Coaching_Session__c':
      return { Rep__c: user.rep, Session_Date__c: '2026-11-20' };
    case 'Roadblock__c':
      return { Subject__c: `Roadblock ${unique}`, Status__c: 'Open', Raised_On__c: '2026-11-20' };
    case 'Adoption_Message__c':
      return { Name: `New ${unique}`, Status__c: 'Published', Audience_Type__c: 'Everyone' };
    case 'Message_Receipt__c':
      return { Receipt_Key__c: `new-${unique}`, Message__c: shared.Adoption_Message__c };
    case 'Quick_Win__c':
      return { Name: `Win ${unique}`, Proposal_Key__c: `new-${unique}`, Rep__c: user.rep };
  }
}

/** A field each persona edits to test Edit. */
const EDITED: Record<SObject, [string, string]> = {
  Opportunity: ['Description', 'edited'],
  Deal_Insight__c: ['Coaching_Questions__c', 'edited'],
  Adoption_Snapshot__c: ['Insights__c', '[]'],
  Nudge_Response__c: ['Reason__c', "I don't know how"],
  Coaching_Session__c: ['Notes__c', 'edited'],
  Adoption_Message__c: ['Body__c', 'edited'],
  Message_Receipt__c: ['Acknowledged__c', '2026-11-20T10:05:00.000Z'],
  Roadblock__c: ['Status__c', 'Closed'],
  Quick_Win__c: ['Body__c', 'edited']
};

/** The rep's records, made as an administrator's data load would make them. */
function repRecords(): Record<SObject, string> {
  const s = org.store;
  const as = (userId: string) => ({ userId, now: NOW, system: true });
  const opp = s.insert(
    'Opportunity',
    { Name: `Rep deal ${++unique}`, StageName: 'Prospecting', CloseDate: '2026-12-31' },
    as(user.rep)
  );
  const insight = s.insert(
    'Deal_Insight__c',
    { Opportunity__c: opp.Id, Insight_Key__c: opp.Id },
    as(user.integration)
  );
  const snapshot = s.insert(
    'Adoption_Snapshot__c',
    { Snapshot_Key__c: `${user.rep}:${unique}`, User__c: user.rep, Manager__c: user.manager },
    as(user.integration)
  );
  for (const to of [user.rep, user.manager]) {
    s.insert(
      'Adoption_Snapshot__Share',
      { ParentId: snapshot.Id, UserOrGroupId: to, AccessLevel: 'Read', RowCause: 'Manual' },
      as(user.integration)
    );
  }
  const nudge = s.insert(
    'Nudge_Response__c',
    { Nudge_Key__c: `k${unique}`, Record_Id__c: opp.Id, Action__c: 'Snoozed' },
    as(user.rep)
  );
  const session = s.insert(
    'Coaching_Session__c',
    { Rep__c: user.rep, Manager__c: user.manager, Session_Date__c: '2026-11-19' },
    as(user.manager)
  );
  const roadblock = s.insert(
    'Roadblock__c',
    { Subject__c: `Blocked ${unique}`, Status__c: 'Open', Raised_On__c: '2026-11-18' },
    as(user.rep)
  );
  const message = s.insert(
    'Adoption_Message__c',
    { Name: `Message ${unique}`, Status__c: 'Published', Audience_Type__c: 'Everyone' },
    as(user.sponsor)
  );
  const receipt = s.insert(
    'Message_Receipt__c',
    { Receipt_Key__c: `${message.Id}:${user.rep}`, Message__c: message.Id, User__c: user.rep },
    as(user.rep)
  );
  const win = s.insert(
    'Quick_Win__c',
    { Name: `Win ${unique}`, Proposal_Key__c: `win:${opp.Id}`, Rep__c: user.rep },
    as(user.integration)
  );
  s.insert(
    'Quick_Win__Share',
    { ParentId: win.Id, UserOrGroupId: user.manager, AccessLevel: 'Read', RowCause: 'Manual' },
    as(user.integration)
  );
  return {
    Opportunity: opp.Id,
    Deal_Insight__c: insight.Id,
    Adoption_Snapshot__c: snapshot.Id,
    Nudge_Response__c: nudge.Id,
    Coaching_Session__c: session.Id,
    Roadblock__c: roadblock.Id,
    Adoption_Message__c: message.Id,
    Message_Receipt__c: receipt.Id,
    Quick_Win__c: win.Id
  };
}

beforeAll(async () => {
  let ctx: WriteContext;
  ({ org, ctx } = await privateDealsOrg(NOW));
  const vp = addRole(org.store, 'VP', null, ctx).Id;
  const mgr = addRole(org.store, 'Manager', vp, ctx).Id;
  const rep = addRole(org.store, 'Rep', mgr, ctx).Id;
  const mgr2 = addRole(org.store, 'Manager 2', vp, ctx).Id;
  const person = (
    name: string,
    roleId: string,
    permissionSet: string,
    managerId: string | null = null
  ) =>
    addNamedUser(
      org.store,
      name,
      'm',
      { profile: 'Standard User', roleId, permissionSets: [permissionSet] },
      ctx,
      { ManagerId: managerId }
    );
  user.sponsor = person('sponsor', vp, 'Adoption_Coach_Sponsor');
  user.manager = person('manager', mgr, 'Adoption_Coach_Manager', user.sponsor);
  user.outsideManager = person('outside', mgr2, 'Adoption_Coach_Manager', user.sponsor);
  user.rep = person('rep', rep, 'Adoption_Coach_Rep', user.manager);
  user.otherRep = person('other', rep, 'Adoption_Coach_Rep', user.manager);
  user.integration = org.integrationUserId;
  user.admin = org.adminUserId;
  shared = repRecords();
  for (const p of Object.keys(MATRIX) as Persona[]) forDelete[p] = repRecords();
});
afterAll(() => org.close());

async function outcome(persona: Persona, object: SObject): Promise<Can> {
  const c = conn(persona);
  const id = shared[object];
  let read = false;
  try {
    read = (await c.query(`SELECT Id FROM ${object} WHERE Id = '${id}'`)).totalSize === 1;
  } catch (e) {
    // An object the persona cannot read does not exist for them.
    if ((e as { errorCode?: string }).errorCode !== 'INVALID_TYPE') throw e;
  }
  const ok = (p: Promise<unknown>) =>
    p.then(
      (r) => (r as { success?: boolean }).success !== false,
      () => false
    );
  const create = await ok(c.sobject(object).create(newRecord(object)));
  const [field, value] = EDITED[object];
  const edit = await ok(c.sobject(object).update({ Id: id, [field]: value }));
  const del = await ok(c.sobject(object).destroy(forDelete[persona]![object]));
  return { read, create, edit, delete: del };
}

describe('access matrix: persona × object × read, create, edit, delete', () => {
  for (const persona of Object.keys(MATRIX) as Persona[]) {
    it(`${persona}`, async () => {
      const got: Record<string, Can> = {};
      for (const object of OBJECTS) got[object] = await outcome(persona, object);
      expect(got).toEqual(MATRIX[persona]);
    });
  }
});

describe('field-level security in each persona’s describe', () => {
  it.each(FIELDS)('%s sees %s as %s', async (persona, path, expected) => {
    const [object, field] = path.split('.');
    const described = await conn(persona)
      .sobject(object)
      .describe()
      .catch((e: { errorCode?: string }) => {
        if (e.errorCode !== 'NOT_FOUND') throw e;
        return null;
      });
    const f = described?.fields.find((x) => x.name === field);
    expect(!described ? 'no object' : !f ? '-' : f.updateable ? 'RW' : 'R').toBe(expected);
  });
});

describe('the errors Salesforce gives', () => {
  it('refuses SOQL on an unreadable field and object, and a write to a read-only field', async () => {
    const integration = conn('integration');
    await expect(integration.query('SELECT Probability FROM Opportunity')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD'
    });
    // The sync's user reads every object it is granted (accounts and leads for completeness,
    // 1:1 dates for governance); a rep has no access to coaching sessions (managers' notes).
    await expect(
      conn('rep').query('SELECT Notes__c FROM Coaching_Session__c')
    ).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
    await expect(
      integration
        .sobject('Deal_Insight__c')
        .update({ Id: shared.Deal_Insight__c, Opportunity__c: shared.Opportunity })
    ).rejects.toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    // Read access through a manual share, Edit on the object: the record stays read-only.
    const nudge = org.store.insert(
      'Nudge_Response__c',
      { Nudge_Key__c: 'shared-read', Action__c: 'Fixed' },
      { userId: user.rep, now: NOW, system: true }
    );
    org.store.insert(
      'Nudge_Response__Share',
      { ParentId: nudge.Id, UserOrGroupId: user.otherRep, AccessLevel: 'Read', RowCause: 'Manual' },
      { userId: user.rep, now: NOW, system: true }
    );
    const other = conn('otherRep');
    expect(
      (await other.query(`SELECT Id FROM Nudge_Response__c WHERE Id = '${nudge.Id}'`)).totalSize
    ).toBe(1);
    await expect(
      other.sobject('Nudge_Response__c').update({ Id: nudge.Id, Reason__c: "I don't know how" })
    ).rejects.toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });
  });

  it('refuses a new owner without Read on the object (TRANSFER_REQUIRES_READ)', async () => {
    // A rep has no access to coaching sessions; the manager owns this one.
    await expect(
      conn('manager')
        .sobject('Coaching_Session__c')
        .update({ Id: shared.Coaching_Session__c, OwnerId: user.rep })
    ).rejects.toMatchObject({ errorCode: 'TRANSFER_REQUIRES_READ' });
  });

  it('refuses a detail whose master the user may not write', async () => {
    // The rep may read the opportunity's insights but has no Create permission on them; the
    // admin's session is fine. Without writeRequiresMasterRead the sync would need Edit.
    await expect(
      conn('otherRep')
        .sobject('Deal_Insight__c')
        .create({ Opportunity__c: shared.Opportunity, Insight_Key__c: 'x1' })
    ).rejects.toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });
  });

  it('refuses a lookup to a record the user cannot see', async () => {
    await expect(
      conn('otherRep')
        .sobject('Task')
        .create({ Subject: 'Call', Status: 'Completed', WhatId: shared.Opportunity })
    ).rejects.toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY' });
    // The owner may.
    expect(
      await conn('rep')
        .sobject('Task')
        .create({ Subject: 'Call', Status: 'Completed', WhatId: shared.Opportunity })
    ).toMatchObject({ success: true });
  });

  it('refuses to load a permission set that Salesforce would refuse to deploy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'permsets-'));
    const write = (body: string) =>
      writeFileSync(
        join(dir, 'Bad.permissionset-meta.xml'),
        `<?xml version="1.0" encoding="UTF-8"?><PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"><label>Bad</label>${body}</PermissionSet>`
      );
    try {
      write(
        '<objectPermissions><allowCreate>false</allowCreate><allowDelete>false</allowDelete><allowEdit>false</allowEdit><allowRead>true</allowRead><modifyAllRecords>true</modifyAllRecords><object>Nudge_Response__c</object><viewAllRecords>true</viewAllRecords></objectPermissions>'
      );
      expect(() => loadPermissionSets(org.store.schema, dir)).toThrow(
        /Bad\.permissionset-meta\.xml: objectPermissions Nudge_Response__c: Modify All needs Read, Edit, Delete and View All/
      );
      write(
        '<fieldPermissions><editable>false</editable><field>Deal_Insight__c.Opportunity__c</field><readable>true</readable></fieldPermissions>'
      );
      expect(() => loadPermissionSets(org.store.schema, dir)).toThrow(
        /Deal_Insight__c\.Opportunity__c: this field has no field-level security/
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('assigns a permission set through the REST API, as sf org assign permset does', async () => {
    const ctx = { userId: org.adminUserId, now: NOW, system: true };
    const newcomer = addNamedUser(org.store, 'newcomer', 'm', { profile: 'Standard User' }, ctx);
    const admin = conn('admin');
    const [ps] = (
      await admin.query<{ Id: string }>(
        "SELECT Id FROM PermissionSet WHERE Name = 'Adoption_Coach_Rep'"
      )
    ).records;
    // A rep reads permission sets (View Setup and Configuration) but may not assign them.
    await expect(
      conn('rep')
        .sobject('PermissionSetAssignment')
        .create({ AssigneeId: newcomer, PermissionSetId: ps.Id })
    ).rejects.toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });
    const asNewcomer = connect(org, org.tokenFor(newcomer));
    // Standard User alone: the custom objects do not exist for them.
    await expect(asNewcomer.query('SELECT Id FROM Adoption_Snapshot__c')).rejects.toMatchObject({
      errorCode: 'INVALID_TYPE'
    });
    expect(
      await admin
        .sobject('PermissionSetAssignment')
        .create({ AssigneeId: newcomer, PermissionSetId: ps.Id })
    ).toMatchObject({ success: true });
    expect((await asNewcomer.query('SELECT Id FROM Adoption_Snapshot__c')).totalSize).toBe(0);
  });

  it('gives the sync user no session without API Enabled', async () => {
    const ctx = { userId: org.adminUserId, now: NOW, system: true };
    const noApi = addNamedUser(
      org.store,
      'noapi',
      'm',
      { profile: 'Minimum Access - Salesforce' },
      ctx
    );
    const c = connect(org, org.tokenFor(noApi));
    await expect(c.query('SELECT Id FROM User')).rejects.toMatchObject({
      errorCode: 'API_CURRENTLY_DISABLED'
    });
  });
});
