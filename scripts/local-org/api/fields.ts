/**
 * Field names as Salesforce reads them: case-insensitive everywhere a client names a field (JSON
 * bodies, `id` or `Id` included; CSV headers; `?fields=`), answered with the schema's spelling.
 * (REST API Developer Guide, "Object Basics": field and object names are case-insensitive in API
 * calls, https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_concepts.htm)
 */
import { ApiError } from '../errors';
import type { Store } from '../store';
import type { Row, SObjectSchema } from '../types';
import { recordUrl } from './call';

/**
 * A client's record with its keys spelled as the schema spells them (`id` → `Id`, `name` →
 * `Name`); `attributes` dropped; unknown keys kept as sent, so the store names them in its
 * INVALID_FIELD error. Two keys naming one field are refused.
 */
export function canonicalRecord(
  store: Store,
  object: string,
  input: Record<string, unknown>
): Record<string, unknown> {
  const schema = store.describe(object);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const name =
      key.toLowerCase() === 'id' ? 'Id' : (schema && store.field(schema.name, key)?.name) || key;
    if (name in out) {
      throw new ApiError(400, 'JSON_PARSER_ERROR', `Duplicate field ${name} in the record`, [name]);
    }
    out[name] = value;
  }
  return out;
}

/** A value of a record by field name, whatever the case of the name. */
export function valueOf(record: Record<string, unknown>, field: string): unknown {
  if (field in record) return record[field];
  const lower = field.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

/**
 * The fields of `?fields=a,b` (or a `fields` array) in the schema's spelling; an unknown or
 * unreadable name is INVALID_FIELD as the REST API answers it.
 */
export function fieldList(schema: SObjectSchema, names: string[]): string[] {
  return names
    .map((n) => n.trim())
    .filter((n) => n)
    .map((n) => {
      // The schema given is the user's view: a field they cannot read is not there.
      const f = schema.fields.find((x) => x.name.toLowerCase() === n.toLowerCase());
      if (!f) {
        throw new ApiError(
          400,
          'INVALID_FIELD',
          `No such column '${n}' on entity '${schema.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
          [n]
        );
      }
      return f.name;
    });
}

/** The components of a compound address, by suffix (BillingStreet ... BillingGeocodeAccuracy). */
const ADDRESS_PARTS = [
  'Street',
  'City',
  'State',
  'PostalCode',
  'Country',
  'Latitude',
  'Longitude',
  'GeocodeAccuracy'
];

/**
 * A compound address as the REST API returns it: an object of its components, or null when every
 * component is empty. (REST API Developer Guide / SOAP API Developer Guide, "Compound Fields" and
 * "Address Compound Fields":
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/compound_fields_address.htm)
 */
export function compoundAddress(row: Row, name: string): Record<string, unknown> | null {
  const prefix = name.replace(/Address$/, '');
  const out: Record<string, unknown> = {};
  let any = false;
  for (const suffix of [...ADDRESS_PARTS].sort()) {
    const key = suffix[0].toLowerCase() + suffix.slice(1);
    const v = row[`${prefix}${suffix}`];
    out[key] = v === undefined ? null : v;
    if (v !== null && v !== undefined) any = true;
  }
  return any ? out : null;
}

/**
 * The compound field a component belongs to (BillingCity → BillingAddress), as describe reports
 * it in `compoundFieldName`; null for a field that is not a component.
 */
export function compoundFieldName(schema: SObjectSchema, field: string): string | null {
  for (const f of schema.fields) {
    if (f.type !== 'address') continue;
    const prefix = f.name.replace(/Address$/, '');
    if (ADDRESS_PARTS.some((p) => `${prefix}${p}` === field)) return f.name;
  }
  return null;
}

/** A stored row in the REST record shape: attributes, then the fields (all, or those asked for). */
export function restRecord(
  schema: SObjectSchema,
  row: Row,
  version: string,
  fields?: string[]
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: schema.name, url: recordUrl(version, schema.name, row.Id) }
  };
  const wanted = fields ?? schema.fields.map((f) => f.name);
  for (const name of wanted) {
    const f = schema.fields.find((x) => x.name === name);
    if (f?.type === 'address') out[name] = compoundAddress(row, name);
    else out[name] = row[name] === undefined ? null : row[name];
  }
  return out;
}
