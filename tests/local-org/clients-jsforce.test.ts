/**
 * The local org as jsforce (the project's pinned 3.10.16) sees it: sObject Collections with the
 * lower-case `id` jsforce sends, identity(), Query#update / Query#destroy through Bulk API 1.0,
 * bulk.load, replication, limits and the composite resources. Every effect is checked in the store.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsforce, { type Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { OBJECTS_DIR } from '../../scripts/local-org/schema';

const T0 = new Date('2026-11-20T10:00:00Z');

function connect(org: LocalOrg): Connection {
  const conn = new jsforce.Connection({
    instanceUrl: org.instanceUrl,
    accessToken: org.adminToken,
    version: '62.0'
  });
  conn.bulk.pollInterval = 50;
  return conn;
}

describe('local org through jsforce: collections, identity, Bulk API 1.0, composite', () => {
  let org: LocalOrg;
  let conn: Connection;
  let clock = T0.getTime();
  const ctx = () => ({ userId: org.adminUserId, now: new Date(clock) });
  const api = (path: string, init: RequestInit = {}, token = org.adminToken) =>
    fetch(`${org.instanceUrl}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        ...(init.headers ?? {})
      }
    });

  beforeAll(async () => {
    org = await startLocalOrg({ now: () => new Date(clock) });
    conn = connect(org);
  });
  afterAll(() => org.close());

  it('runs every sObject Collections call with the lower-case id jsforce sends', async () => {
    const created = await conn.create('Account', [{ Name: 'Coll A' }, { Name: 'Coll B' }]);
    const ids = created.map((r) => String(r.id));
    expect(created.every((r) => r.success)).toBe(true);
    // retrieve: jsforce POSTs {ids, fields}; the GET form takes them in the query string.
    const got = await conn.retrieve('Account', ids, { fields: ['Name'] });
    expect(got.map((r) => r?.Name)).toEqual(['Coll A', 'Coll B']);
    const viaGet = await api(
      `/services/data/v62.0/composite/sobjects/Account?ids=${ids.join(',')}&fields=name,ID`
    );
    const records = (await viaGet.json()) as Record<string, unknown>[];
    // Field names are answered as the schema spells them, whatever the case asked.
    expect(records.map((r) => [r.Name, r.Id])).toEqual([
      ['Coll A', ids[0]],
      ['Coll B', ids[1]]
    ]);
    // update: jsforce turns Id into `id` in the body of PATCH /composite/sobjects.
    const updated = await conn.update('Account', [
      { Id: ids[0], Description: 'first' },
      { Id: ids[1], Description: 'second' }
    ]);
    expect(updated.map((r) => r.success)).toEqual([true, true]);
    expect(org.store.getById(ids[0])!.Description).toBe('first');
    // The same call spelled by hand, lower-case field names and all.
    const raw = await api('/services/data/v62.0/composite/sobjects', {
      method: 'PATCH',
      body: JSON.stringify({
        records: [{ attributes: { type: 'Account' }, id: ids[1], description: 'lower' }]
      })
    });
    expect(((await raw.json()) as { success: boolean }[])[0].success).toBe(true);
    expect(org.store.getById(ids[1])!.Description).toBe('lower');
    // upsert by external id: results carry created (true for the new key, false for the old).
    const first = await conn.upsert(
      'Adoption_Snapshot__c',
      [{ Snapshot_Key__c: 'K-1', Open_Opportunities__c: 1 }],
      'Snapshot_Key__c'
    );
    const second = await conn.upsert(
      'Adoption_Snapshot__c',
      [
        { Snapshot_Key__c: 'K-1', Open_Opportunities__c: 2 },
        { Snapshot_Key__c: 'K-2', Open_Opportunities__c: 3 }
      ],
      'Snapshot_Key__c'
    );
    expect(first.map((r) => (r as { created: boolean }).created)).toEqual([true]);
    expect(second.map((r) => (r as { created: boolean }).created)).toEqual([false, true]);
    const k1 = org.store.findByUnique('Adoption_Snapshot__c', 'Snapshot_Key__c', 'K-1')!;
    expect(k1.Open_Opportunities__c).toBe(2);
    // SOQL names fields in any case; rows come back with the schema's spelling.
    const soql = await conn.query(`select name, DESCRIPTION from account where id = '${ids[0]}'`);
    expect(soql.records.map((r) => [r.Name, r.Description])).toEqual([['Coll A', 'first']]);
    // delete: DELETE /composite/sobjects?ids=
    const deleted = await conn.destroy('Account', ids);
    expect(deleted.every((r) => r.success)).toBe(true);
    expect(org.store.getById(ids[0])).toBeUndefined();
  });

  it('keeps allOrNone both ways and names a malformed id', async () => {
    const [a] = await conn.create('Account', [{ Name: 'Atomic' }]);
    const id = String(a.id);
    const body = (allOrNone: boolean) =>
      JSON.stringify({
        allOrNone,
        records: [
          { attributes: { type: 'Account' }, id, Name: `renamed ${allOrNone}` },
          { attributes: { type: 'Account' }, id: 'not-an-id', Name: 'x' }
        ]
      });
    const all = (await (
      await api('/services/data/v62.0/composite/sobjects', { method: 'PATCH', body: body(true) })
    ).json()) as { success: boolean; errors: { statusCode: string }[] }[];
    // All or none: the valid record is rolled back, the bad one names its own error.
    expect(all.map((r) => r.errors[0]?.statusCode)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'MALFORMED_ID'
    ]);
    expect(org.store.getById(id)!.Name).toBe('Atomic');
    const some = (await (
      await api('/services/data/v62.0/composite/sobjects', { method: 'PATCH', body: body(false) })
    ).json()) as { success: boolean }[];
    expect(some.map((r) => r.success)).toEqual([true, false]);
    expect(org.store.getById(id)!.Name).toBe('renamed false');
  });

  it('upserts on Id through Bulk API 2.0: a blank Id inserts, a known Id updates', async () => {
    const existing = org.store.insert('Account', { Name: 'Known' }, ctx());
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'upsert',
      externalIdFieldName: 'Id',
      input: `ID,NAME\n,Brand New\n${existing.Id},Known Renamed\n`
    });
    expect(results.failedResults).toEqual([]);
    const created = results.successfulResults.map((r) => r.sf__Created);
    expect(created).toEqual(['true', 'false']);
    expect(org.store.getById(existing.Id)!.Name).toBe('Known Renamed');
    const inserted = org.store.getById(String(results.successfulResults[0].sf__Id))!;
    expect(inserted.Name).toBe('Brand New');
  });

  it('refuses a badly formed Id on upsert by Id as MALFORMED_ID', async () => {
    const res = await api('/services/data/v62.0/sobjects/Account/Id/001notAnId', {
      method: 'PATCH',
      body: JSON.stringify({ Name: 'x' })
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errorCode: string }[])[0].errorCode).toBe('MALFORMED_ID');
  });

  it('tells identity() and userinfo who the session is', async () => {
    const me = await conn.identity();
    const user = org.store.getById(org.adminUserId)!;
    expect(me.user_id).toBe(org.adminUserId);
    expect(me.username).toBe(user.Username);
    expect(me.organization_id).toMatch(/^00D/);
    expect(me.id).toBe(`${org.instanceUrl}/id/${me.organization_id}/${org.adminUserId}`);
    const info = (await (await api('/services/oauth2/userinfo')).json()) as Record<string, unknown>;
    expect(info.user_id).toBe(org.adminUserId);
    expect(info.preferred_username).toBe(user.Username);
    const noToken = await fetch(`${org.instanceUrl}/services/oauth2/userinfo`);
    expect(noToken.status).toBe(401);
  });

  it('answers statuses as Salesforce does: version, session first, 404 and 405', async () => {
    // Retired versions (21.0-30.0 and older) answer 410; a version newer than the org's 404.
    expect((await api('/services/data/v30.0/limits')).status).toBe(410);
    expect((await api('/services/data/v99.0/limits')).status).toBe(404);
    expect((await api('/services/data/v31.0/limits')).status).toBe(200);
    // A bad token is INVALID_SESSION_ID on any path, known or not.
    const bad = await api('/services/data/v62.0/no/such/thing', {}, 'nope');
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { errorCode: string }[])[0].errorCode).toBe('INVALID_SESSION_ID');
    expect((await api('/services/data/v62.0/no/such/thing')).status).toBe(404);
    expect((await api('/services/data/v62.0/sobjects/Account/describe/x/y')).status).toBe(404);
    const put = await api('/services/data/v62.0/sobjects/Account/describe', { method: 'PUT' });
    expect(put.status).toBe(405);
  });

  it('keeps an idle connection open past 5 seconds', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${org.instanceUrl}/services/data`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(req.socket!.localPort!));
        });
        req.on('error', reject);
        req.end();
      });
    const port = await get();
    await new Promise((r) => setTimeout(r, 5500));
    // Same local port: the server did not close the socket during the 5.5 s pause.
    expect(await get()).toBe(port);
    agent.destroy();
  });

  it('updates and deletes 1,050 queried records through Bulk API 1.0 (Query#update, #destroy)', async () => {
    for (let i = 0; i < 1050; i++) org.store.insert('Account', { Name: `Bulk ${i}` }, ctx());
    type Limits = Record<string, { Remaining: number }>;
    const batchesLeft = async () =>
      ((await conn.limits()) as unknown as Limits).DailyBulkApiBatches.Remaining;
    const before = await batchesLeft();
    const query = () => conn.sobject('Account').find({ Name: { $like: 'Bulk %' } }, ['Id']);
    // Above 200 records jsforce switches to Bulk API 1.0.
    const updated = await query().update({ Description: 'bulk-updated' });
    expect(updated).toHaveLength(1050);
    expect(updated.every((r) => r.success)).toBe(true);
    const rows = [...org.store.scan('Account')].filter((r) => String(r.Name).startsWith('Bulk '));
    expect(rows.filter((r) => r.Description === 'bulk-updated')).toHaveLength(1050);
    // Written as the session's user, not as the system.
    expect(rows.every((r) => r.LastModifiedById === org.adminUserId)).toBe(true);
    const destroyed = await query().destroy();
    expect(destroyed).toHaveLength(1050);
    expect(
      [...org.store.scan('Account')].filter((r) => String(r.Name).startsWith('Bulk '))
    ).toEqual([]);
    // Two Bulk API 1.0 batches: one for the update, one for the delete.
    expect(before - (await batchesLeft())).toBe(2);
  });

  it('loads insert, update, upsert and delete through bulk.load, and queries with Bulk API 1.0', async () => {
    const inserted = await conn.bulk.load('Account', 'insert', [{ Name: 'L1' }, { Name: 'L2' }]);
    expect(inserted.map((r) => [r.success, r.created])).toEqual([
      [true, true],
      [true, true]
    ]);
    const [id1, id2] = inserted.map((r) => String(r.id));
    const updated = await conn.bulk.load('Account', 'update', [{ Id: id1, Name: 'L1 updated' }]);
    expect(updated[0].success).toBe(true);
    expect(org.store.getById(id1)!.Name).toBe('L1 updated');
    const upserted = await conn.bulk.load('Account', 'upsert', { extIdField: 'Id' }, [
      { Id: id2, Name: 'L2 upserted' },
      { Name: 'L3 new' }
    ]);
    // created: false for the known id, true for the row without one.
    expect(upserted.map((r) => r.created)).toEqual([false, true]);
    expect(org.store.getById(id2)!.Name).toBe('L2 upserted');
    expect(org.store.getById(String(upserted[1].id))!.Name).toBe('L3 new');
    const records: Record<string, unknown>[] = [];
    await new Promise<void>((resolve, reject) => {
      conn.bulk.query("SELECT Id, Name FROM Account WHERE Name LIKE 'L%' ORDER BY Name").then(
        (stream) =>
          stream
            .on('record', (r: Record<string, unknown>) => records.push(r))
            .on('end', () => resolve())
            .on('error', reject),
        reject
      );
    });
    expect(records.map((r) => r.Name)).toEqual(['L1 updated', 'L2 upserted', 'L3 new']);
    const gone = await conn.bulk.load('Account', 'delete', [{ Id: id1 }, { Id: id2 }]);
    expect(gone.map((r) => r.success)).toEqual([true, true]);
    expect(org.store.getById(id1)).toBeUndefined();
  });

  it('runs a Bulk API 1.0 job with JSON batches and closes it', async () => {
    const bulk = (path: string, body?: unknown) =>
      fetch(`${org.instanceUrl}/services/async/62.0/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'X-SFDC-Session': org.adminToken, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
      });
    const created = await bulk('job', {
      operation: 'insert',
      object: 'Account',
      contentType: 'JSON'
    });
    expect(created.status).toBe(201);
    const job = (await created.json()) as { id: string; state: string };
    expect(job.state).toBe('Open');
    const batch = (await (
      await bulk(`job/${job.id}/batch`, [
        { name: 'Json One' },
        { Name: 'Json Two' },
        { Nope__c: 1 }
      ])
    ).json()) as { id: string };
    const info = (await (await bulk(`job/${job.id}/batch/${batch.id}`)).json()) as {
      state: string;
      numberRecordsProcessed: number;
      numberRecordsFailed: number;
    };
    expect(info).toMatchObject({
      state: 'Completed',
      numberRecordsProcessed: 3,
      numberRecordsFailed: 1
    });
    const results = (await (await bulk(`job/${job.id}/batch/${batch.id}/result`)).json()) as {
      id: string | null;
      success: boolean;
      errors: { statusCode: string }[];
    }[];
    expect(results.map((r) => r.success)).toEqual([true, true, false]);
    expect(results[2].errors[0].statusCode).toBe('INVALID_FIELD');
    expect(org.store.getById(results[0].id!)!.Name).toBe('Json One');
    const closed = (await (await bulk(`job/${job.id}`, { state: 'Closed' })).json()) as {
      state: string;
      numberRecordsProcessed: number;
    };
    expect(closed).toMatchObject({ state: 'Closed', numberRecordsProcessed: 3 });
    // A closed job takes no more batches.
    const late = await bulk(`job/${job.id}/batch`, [{ Name: 'Too late' }]);
    expect(late.status).toBe(400);
    expect(((await late.json()) as { exceptionCode: string }).exceptionCode).toBe(
      'InvalidJobState'
    );
  });

  it('words Bulk API 1.0 errors as Bulk API 1.0 does', async () => {
    const bad = await fetch(`${org.instanceUrl}/services/async/62.0/job`, {
      method: 'POST',
      headers: { 'X-SFDC-Session': 'nope', 'Content-Type': 'application/xml' },
      body: '<jobInfo><operation>insert</operation><object>Account</object></jobInfo>'
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<exceptionCode>InvalidSessionId</exceptionCode>');
    const missing = await fetch(`${org.instanceUrl}/services/async/62.0/job/750000000000000AAA`, {
      headers: { 'X-SFDC-Session': org.adminToken }
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('<exceptionCode>InvalidJob</exceptionCode>');
    // A retired version (30.0) is refused as InvalidVersion once the session is good.
    const retired = await fetch(`${org.instanceUrl}/services/async/30.0/job/x`, {
      headers: { 'X-SFDC-Session': org.adminToken }
    });
    expect(await retired.text()).toContain('<exceptionCode>InvalidVersion</exceptionCode>');
  });

  it('lists records updated and deleted in a window (sobject().updated / deleted)', async () => {
    clock = Date.parse('2026-11-21T09:00:00Z');
    const kept = org.store.insert('Account', { Name: 'Replicated' }, ctx());
    const dropped = org.store.insert('Account', { Name: 'Dropped' }, ctx());
    clock = Date.parse('2026-11-21T09:05:00Z');
    org.store.delete('Account', dropped.Id, ctx());
    clock = Date.parse('2026-11-21T10:00:00Z');
    const start = new Date('2026-11-21T08:59:00Z');
    const end = new Date('2026-11-21T09:10:00Z');
    const updated = await conn.sobject('Account').updated(start, end);
    // Both were created inside the window; only the live one is "updated".
    expect(updated.ids).toEqual([kept.Id]);
    const deleted = await conn.sobject('Account').deleted(start, end);
    expect(deleted.deletedRecords.map((r) => r.id)).toEqual([dropped.Id]);
    // The window's end, seconds dropped, is the latest date covered.
    expect(deleted.latestDateCovered).toBe('2026-11-21T09:10:00.000+0000');
    clock = T0.getTime();
  });

  it('reports limits with the standard keys and counts bulk batches and storage', async () => {
    type Limits = Record<string, { Max: number; Remaining: number }>;
    const before = (await conn.limits()) as unknown as Limits;
    for (const key of [
      'DailyApiRequests',
      'DailyBulkV2QueryJobs',
      'DailyBulkApiBatches',
      'DataStorageMB',
      'FileStorageMB'
    ]) {
      expect(before[key]).toEqual({ Max: expect.any(Number), Remaining: expect.any(Number) });
    }
    await conn.bulk.load('Account', 'insert', [{ Name: 'Counted' }]);
    // A Bulk API 2.0 ingest job counts as a batch too, even once it is deleted.
    const created = await api('/services/data/v62.0/jobs/ingest', {
      method: 'POST',
      body: JSON.stringify({ object: 'Account', operation: 'insert' })
    });
    const jobId = ((await created.json()) as { id: string }).id;
    await api(`/services/data/v62.0/jobs/ingest/${jobId}`, { method: 'DELETE' });
    for (let i = 0; i < 1024; i++) org.store.insert('Account', { Name: `Storage ${i}` }, ctx());
    const after = (await conn.limits()) as unknown as Limits;
    // Two batches more (one Bulk API 1.0, one Bulk API 2.0); 1,025 more records at 2 KB each is
    // 2 MB and a little, rounded up: the used megabytes grow by 2 or 3 depending on where the
    // count stood.
    expect(before.DailyBulkApiBatches.Remaining - after.DailyBulkApiBatches.Remaining).toBe(2);
    const grew = before.DataStorageMB.Remaining - after.DataStorageMB.Remaining;
    expect([2, 3]).toContain(grew);
  });

  it('runs /composite with GET, POST, PATCH and DELETE subrequests and references', async () => {
    const base = '/services/data/v62.0';
    const res = await api(`${base}/composite`, {
      method: 'POST',
      body: JSON.stringify({
        compositeRequest: [
          {
            method: 'POST',
            url: `${base}/sobjects/Account`,
            referenceId: 'acc',
            body: { Name: 'Comp' }
          },
          {
            method: 'GET',
            url: `${base}/sobjects/Account/@{acc.id}?fields=Name`,
            referenceId: 'got'
          },
          {
            method: 'PATCH',
            url: `${base}/sobjects/Account/@{acc.id}`,
            referenceId: 'upd',
            body: { Description: '@{got.Name} edited' }
          },
          {
            method: 'POST',
            url: `${base}/sobjects/Contact`,
            referenceId: 'con',
            body: { LastName: 'Ref', AccountId: '@{acc.id}' }
          },
          { method: 'DELETE', url: `${base}/sobjects/Contact/@{con.id}`, referenceId: 'del' },
          { method: 'GET', url: `${base}/sobjects/Account/@{missing.id}`, referenceId: 'bad' }
        ]
      })
    });
    const body = (await res.json()) as {
      compositeResponse: { referenceId: string; httpStatusCode: number; body: unknown }[];
    };
    expect(body.compositeResponse.map((r) => r.httpStatusCode)).toEqual([
      201, 200, 204, 201, 204, 400
    ]);
    const accId = (body.compositeResponse[0].body as { id: string }).id;
    expect(org.store.getById(accId)!.Description).toBe('Comp edited');
    const conId = (body.compositeResponse[3].body as { id: string }).id;
    expect(org.store.getById(conId)).toBeUndefined();
    expect((body.compositeResponse[5].body as { errorCode: string }[])[0].errorCode).toBe(
      'PROCESSING_HALTED'
    );
  });

  it('inserts record trees all or none, runs /composite/batch and lists ingest jobs', async () => {
    const base = '/services/data/v62.0';
    /** An account with one contact, inserted as a record tree. */
    const postTree = (account: Record<string, unknown>, contact: Record<string, unknown>) =>
      api(`${base}/composite/tree/Account`, {
        method: 'POST',
        body: JSON.stringify({ records: [{ ...account, Contacts: { records: [contact] } }] })
      });
    const tree = await postTree(
      { attributes: { type: 'Account', referenceId: 'a1' }, name: 'Tree Co' },
      { attributes: { type: 'Contact', referenceId: 'c1' }, LastName: 'Leaf' }
    );
    expect(tree.status).toBe(201);
    const results = ((await tree.json()) as { results: { referenceId: string; id: string }[] })
      .results;
    expect(results.map((r) => r.referenceId)).toEqual(['a1', 'c1']);
    expect(org.store.getById(results[1].id)!.AccountId).toBe(results[0].id);
    // A bad child fails the whole tree: the parent is not kept.
    const before = org.store.count('Account');
    const failed = await postTree(
      { attributes: { type: 'Account', referenceId: 'a2' }, Name: 'Half Tree' },
      { attributes: { type: 'Contact', referenceId: 'c2' }, Nope__c: 1 }
    );
    expect(failed.status).toBe(400);
    expect(org.store.count('Account')).toBe(before);
    const batch = await api(`${base}/composite/batch`, {
      method: 'POST',
      body: JSON.stringify({
        batchRequests: [
          { method: 'GET', url: `v62.0/sobjects/Account/${results[0].id}?fields=Name` },
          { method: 'GET', url: 'v62.0/sobjects/Nope__c/describe' }
        ]
      })
    });
    const b = (await batch.json()) as {
      hasErrors: boolean;
      results: { statusCode: number; result: { Name?: string } }[];
    };
    expect(b.hasErrors).toBe(true);
    expect(b.results.map((r) => r.statusCode)).toEqual([200, 404]);
    expect(b.results[0].result.Name).toBe('Tree Co');
    const jobs = (await (await api(`${base}/jobs/ingest`)).json()) as {
      records: { object: string }[];
    };
    expect(jobs.records.map((j) => j.object)).toContain('Account');
  });
});

describe('local org upsert on a non-unique external id', () => {
  let org: LocalOrg;
  let dir: string;
  beforeAll(async () => {
    // A custom object whose external id is not unique, so two records may share a key.
    // The project's objects (the permission sets name them), plus one of the test's own.
    dir = mkdtempSync(join(tmpdir(), 'local-org-objects-'));
    cpSync(OBJECTS_DIR, dir, { recursive: true });
    const obj = join(dir, 'Legacy_Record__c');
    mkdirSync(join(obj, 'fields'), { recursive: true });
    writeFileSync(
      join(obj, 'Legacy_Record__c.object-meta.xml'),
      '<CustomObject><label>Legacy Record</label><pluralLabel>Legacy Records</pluralLabel><nameField><label>Name</label><type>Text</type></nameField><sharingModel>ReadWrite</sharingModel></CustomObject>'
    );
    writeFileSync(
      join(obj, 'fields', 'Legacy_Key__c.field-meta.xml'),
      '<CustomField><fullName>Legacy_Key__c</fullName><label>Legacy Key</label><type>Text</type><length>20</length><externalId>true</externalId><unique>false</unique></CustomField>'
    );
    org = await startLocalOrg({ objectsDir: dir, now: () => T0 });
  });
  afterAll(async () => {
    await org?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 300 MULTIPLE_CHOICES with the matching records, and a collection names it per record', async () => {
    const ctx = { userId: org.adminUserId, now: T0 };
    const a = org.store.insert('Legacy_Record__c', { Name: 'a', Legacy_Key__c: 'DUP' }, ctx);
    const b = org.store.insert('Legacy_Record__c', { Name: 'b', Legacy_Key__c: 'dup' }, ctx);
    const res = await fetch(
      `${org.instanceUrl}/services/data/v62.0/sobjects/Legacy_Record__c/Legacy_Key__c/DUP`,
      {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${org.adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ Name: 'which?' })
      }
    );
    expect(res.status).toBe(300);
    // Matching ignores case (DUP and dup), as the index of external ids does.
    expect(await res.json()).toEqual([
      `/services/data/v62.0/sobjects/Legacy_Record__c/${a.Id}`,
      `/services/data/v62.0/sobjects/Legacy_Record__c/${b.Id}`
    ]);
    const coll = await fetch(
      `${org.instanceUrl}/services/data/v62.0/composite/sobjects/Legacy_Record__c/Legacy_Key__c`,
      {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${org.adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          records: [{ attributes: { type: 'Legacy_Record__c' }, legacy_key__c: 'DUP', Name: 'x' }]
        })
      }
    );
    const results = (await coll.json()) as { errors: { statusCode: string }[] }[];
    expect(results[0].errors[0].statusCode).toBe('DUPLICATE_EXTERNAL_ID');
    expect(org.store.getById(a.Id)!.Name).toBe('a');
  });
});
