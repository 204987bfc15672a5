/**
 * The user-interface resources the local org answers (list views, layouts, compact layouts, query
 * plans, SOSL over Name fields) and those it refuses by name, through jsforce's own calls.
 */
import type { Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { connect } from '../support/connect';

describe('local org user-interface resources', () => {
  let org: LocalOrg;
  let conn: Connection;
  const names = ['Acme Corp', 'Acme Labs', 'Globex', 'Initech Acme-Holdings'];
  beforeAll(async () => {
    org = await startLocalOrg({ now: () => new Date('2026-11-20T10:00:00Z') });
    conn = connect(org);
    const ctx = { userId: org.adminUserId, now: new Date('2026-11-20T10:00:00Z') };
    for (const Name of names) org.store.insert('Account', { Name }, ctx);
  });
  afterAll(() => org.close());

  it('lists an "All" list view per object and returns its results in name order', async () => {
    const views = (await conn.sobject('Account').listviews()) as {
      listviews: { id: string; label: string }[];
    };
    expect(views.listviews.map((v) => v.label)).toEqual(['All Accounts']);
    const results = (await conn
      .sobject('Account')
      .listview(views.listviews[0].id)
      .results()) as unknown as {
      size: number;
      records: { columns: { fieldNameOrPath: string; value: unknown }[] }[];
    };
    // Sorted by Name: Acme Corp, Acme Labs, Globex, Initech Acme-Holdings.
    expect(results.size).toBe(4);
    expect(
      results.records.map((r) => r.columns.find((c) => c.fieldNameOrPath === 'Name')!.value)
    ).toEqual(['Acme Corp', 'Acme Labs', 'Globex', 'Initech Acme-Holdings']);
  });

  it('describes a layout of the writable fields and the system default compact layout', async () => {
    const layouts = (await conn.sobject('Account').layouts()) as unknown as {
      layouts: {
        detailLayoutSections: {
          layoutRows: { layoutItems: { layoutComponents: { value: string }[] }[] }[];
        }[];
      }[];
    };
    const inLayout = layouts.layouts[0].detailLayoutSections[0].layoutRows.flatMap((r) =>
      r.layoutItems.map((i) => i.layoutComponents[0].value)
    );
    expect(inLayout).toEqual(expect.arrayContaining(['Name', 'BillingCity', 'AccountNumber']));
    // Read-only fields (audit fields, the compound address) are not on an edit layout.
    expect(inLayout).not.toContain('CreatedDate');
    expect(inLayout).not.toContain('BillingAddress');
    const compact = (await conn.sobject('Account').compactLayouts()) as unknown as {
      compactLayouts: { name: string; fieldItems: { layoutComponents: { value: string }[] }[] }[];
    };
    expect(compact.compactLayouts[0].name).toBe('SYSTEM');
    expect(compact.compactLayouts[0].fieldItems[0].layoutComponents[0].value).toBe('Name');
  });

  it('explains a query as a table scan with its cardinalities', async () => {
    const plan = (await conn
      .query("SELECT Id FROM Account WHERE Name LIKE 'Acme%'")
      .explain()) as unknown as {
      plans: { cardinality: number; sobjectCardinality: number; leadingOperationType: string }[];
    };
    // Two of the four accounts start with "Acme".
    expect(plan.plans[0]).toMatchObject({
      cardinality: 2,
      sobjectCardinality: 4,
      leadingOperationType: 'TableScan'
    });
  });

  it('searches Name fields with SOSL, whole words, * as a wildcard', async () => {
    const found = async (sosl: string) =>
      (await conn.search(sosl)).searchRecords.map((r) => (r as { Name?: string }).Name).sort();
    // "Acme" is a whole word in three names ("Acme-Holdings" splits at the hyphen).
    expect(await found('FIND {acme} IN NAME FIELDS RETURNING Account(Id, Name)')).toEqual([
      'Acme Corp',
      'Acme Labs',
      'Initech Acme-Holdings'
    ]);
    expect(await found('FIND {glo*} RETURNING Account(Name)')).toEqual(['Globex']);
    await expect(conn.search('FIND {acme OR globex} RETURNING Account(Name)')).rejects.toThrow(
      /Unsupported in the local org: SOSL operators/
    );
  });

  it('refuses what it does not model by name', async () => {
    await expect(conn.recent()).rejects.toThrow(/Unsupported in the local org: recently viewed/);
    await expect(conn.request('/services/data/v62.0/tabs')).rejects.toThrow(/tabs/);
    await expect(conn.query('SELECT Id FROM Account FOR VIEW')).rejects.toThrow(/FOR VIEW/);
  });
});
