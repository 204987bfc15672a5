/**
 * A field's value as the local org stores it, from what an API call sent: checked and converted
 * by the field's type (booleans, numbers, dates, datetimes in UTC, references to an existing
 * record of an allowed object, restricted picklists, text lengths), failing with the error code
 * Salesforce answers with. An empty value is null (false for a checkbox).
 */
import { ApiError } from './errors';
import { normalizeId } from './ids';
import type { FieldSchema } from './types';

/** A Date as Salesforce writes datetimes: ISO 8601 in UTC with a +0000 offset. */
export function iso(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}

/** `raw` as stored in field `f`; `objectOfRecord` names the object of an existing record id. */
export function fieldValue(
  f: FieldSchema,
  raw: unknown,
  objectOfRecord: (id: string) => string | undefined
): unknown {
  if (raw === null || raw === undefined || raw === '') {
    return f.type === 'boolean' ? false : null;
  }
  const bad = (what: string) =>
    new ApiError(
      400,
      'INVALID_TYPE_ON_FIELD_IN_RECORD',
      `${f.label}: value not of required type: ${what}`,
      [f.name]
    );
  switch (f.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      throw bad(String(raw));
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (!Number.isFinite(n) || (typeof raw === 'string' && raw.trim() === ''))
        throw bad(String(raw));
      return f.type === 'int' ? Math.trunc(n) : n;
    }
    case 'date': {
      const s = String(raw);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
        throw bad(s);
      return s;
    }
    case 'datetime': {
      const t = Date.parse(String(raw).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      if (Number.isNaN(t)) throw bad(String(raw));
      return iso(new Date(t));
    }
    case 'reference': {
      const id = normalizeId(raw);
      const object = id ? objectOfRecord(id) : undefined;
      if (!id || !object || !f.referenceTo?.includes(object)) {
        throw new ApiError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [
          f.name
        ]);
      }
      return id;
    }
    case 'picklist': {
      const s = String(raw);
      if (f.restrictedPicklist && !f.picklistValues?.some((v) => v.value === s)) {
        throw new ApiError(
          400,
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${f.label}: bad value for restricted picklist field: ${s}`,
          [f.name]
        );
      }
      return s;
    }
    case 'multipicklist': {
      const parts = String(raw)
        .split(';')
        .map((p) => p.trim())
        .filter((p) => p);
      if (f.restrictedPicklist) {
        for (const p of parts) {
          if (!f.picklistValues?.some((v) => v.value === p)) {
            throw new ApiError(
              400,
              'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
              `${f.label}: bad value for restricted picklist field: ${p}`,
              [f.name]
            );
          }
        }
      }
      return parts.join(';');
    }
    default: {
      const s = typeof raw === 'string' ? raw : String(raw);
      if (f.length && s.length > f.length && f.type !== 'textarea') {
        throw new ApiError(
          400,
          'STRING_TOO_LONG',
          `${f.label}: data value too large: ${s.slice(0, 40)}... (max length=${f.length})`,
          [f.name]
        );
      }
      return s;
    }
  }
}
