/**
 * Standard objects with their full standard fields: every field jsforce's published
 * standard-object schema lists is described, an ordinary Account payload with addresses is
 * accepted, and compound addresses read back as Salesforce returns them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { connect } from '../support/connect';

/** Field names of one object, read straight from the published .d.ts (not the generated file). */
function publishedFields(object: string): string[] {
  const text = readFileSync(
    resolve(__dirname, '../../node_modules/jsforce/lib/types/standard-schema.d.ts'),
    'utf8'
  );
  const start = text.indexOf(`type Fields$${object} = {`);
  const body = text.slice(start, text.indexOf('\n};', start));
  return [...body.matchAll(/^ {4}(\w+):/gm)].map((m) => m[1]);
}

describe('local org standard objects', () => {
  let org: LocalOrg;
  let conn: Connection;
  beforeAll(async () => {
    org = await startLocalOrg({ now: () => new Date('2026-11-20T10:00:00Z') });
    conn = connect(org);
  });
  afterAll(() => org.close());

  it('describes every published standard field of Account, Contact, Lead, Opportunity, Task, Event and User', async () => {
    for (const object of ['Account', 'Contact', 'Lead', 'Opportunity', 'Task', 'Event', 'User']) {
      const described = (await conn.describe(object)).fields.map((f) => f.name);
      const missing = publishedFields(object).filter((n) => !described.includes(n));
      expect({ object, missing }).toEqual({ object, missing: [] });
    }
    const account = (await conn.describe('Account')).fields.map((f) => f.name);
    // Hidden by field-level security in the published schema's source, listed by the Field
    // Reference Guide: added on top.
    expect(account).toEqual(
      expect.arrayContaining(['AccountNumber', 'Rating', 'Site', 'AccountSource', 'Ownership'])
    );
  });

  it("names each address component's compound field in describe", async () => {
    const compound = async (object: string, field: string) =>
      (
        (await conn.describe(object)).fields.find((f) => f.name === field) as unknown as {
          compoundFieldName: string | null;
        }
      ).compoundFieldName;
    expect(await compound('Account', 'BillingCity')).toBe('BillingAddress');
    expect(await compound('Account', 'ShippingLatitude')).toBe('ShippingAddress');
    expect(await compound('Contact', 'OtherPostalCode')).toBe('OtherAddress');
    // Lead's address has no prefix: City belongs to Address.
    expect(await compound('Lead', 'City')).toBe('Address');
    expect(await compound('Account', 'Name')).toBeNull();
  });

  it('gives User its Profile and UserRole lookups', async () => {
    const fields = (await conn.describe('User')).fields;
    const profile = fields.find((f) => f.name === 'ProfileId')!;
    const role = fields.find((f) => f.name === 'UserRoleId')!;
    expect([profile.type, profile.referenceTo, profile.relationshipName]).toEqual([
      'reference',
      ['Profile'],
      'Profile'
    ]);
    expect([role.type, role.referenceTo, role.relationshipName]).toEqual([
      'reference',
      ['UserRole'],
      'UserRole'
    ]);
  });

  it('accepts an Account with billing and shipping fields and returns compound addresses', async () => {
    const res = await conn.sobject('Account').create({
      Name: 'Addressed',
      AccountNumber: 'A-100',
      Rating: 'Warm',
      Site: 'HQ',
      AccountSource: 'Web',
      BillingStreet: '1 Rue de la République',
      BillingCity: 'Lyon',
      BillingPostalCode: '69001',
      BillingCountry: 'France'
    });
    expect(res.success).toBe(true);
    const id = String(res.id);
    expect(org.store.getById(id)!.AccountNumber).toBe('A-100');
    // Compound form: the components under their lower-camel names, null where unset; null as a
    // whole when every component is empty (ShippingAddress here).
    const billing = {
      city: 'Lyon',
      country: 'France',
      geocodeAccuracy: null,
      latitude: null,
      longitude: null,
      postalCode: '69001',
      state: null,
      street: '1 Rue de la République'
    };
    const record = (await conn.sobject('Account').retrieve(id)) as Record<string, unknown>;
    expect(record.BillingAddress).toEqual(billing);
    expect(record.ShippingAddress).toBeNull();
    const soql = await conn.query(
      `SELECT BillingAddress, ShippingAddress FROM Account WHERE Id = '${id}'`
    );
    expect(soql.records[0].BillingAddress).toEqual(billing);
    expect(soql.records[0].ShippingAddress).toBeNull();
    // The compound field is read-only: its components are what clients write.
    await expect(
      conn.sobject('Account').update({ Id: id, BillingAddress: billing })
    ).rejects.toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
  });

  it('returns Contact mailing and Lead addresses in compound form', async () => {
    const contact = await conn
      .sobject('Contact')
      .create({ LastName: 'Mailer', MailingCity: 'Oslo', OtherCountry: 'Norway' });
    const c = (await conn.sobject('Contact').retrieve(String(contact.id))) as Record<
      string,
      { city?: string; country?: string } | null
    >;
    expect(c.MailingAddress?.city).toBe('Oslo');
    expect(c.OtherAddress?.country).toBe('Norway');
    const lead = await conn
      .sobject('Lead')
      .create({ LastName: 'Lead', Company: 'Co', Status: 'Open - Not Contacted', City: 'Porto' });
    const l = (await conn.sobject('Lead').retrieve(String(lead.id))) as Record<
      string,
      { city?: string } | null
    >;
    expect(l.Address?.city).toBe('Porto');
  });
});
