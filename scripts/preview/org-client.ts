/**
 * The preview's server side of the platform modules: UI API record reads and writes and GraphQL,
 * each made through the local org's REST API with the session of the user the preview acts as,
 * so that user's visibility applies (a rep sees their own records, a manager the team's).
 */
import { errorFromBody, SalesforceApiError } from '../common/salesforce-error';
import { GraphqlError, runGraphql } from './platform/graphql-soql';

export interface OrgAccess {
  instanceUrl: string;
  tokenFor(userId: string): string;
}

type Row = Record<string, unknown>;

interface FieldInfo {
  name: string;
  label: string;
  type: string;
  updateable: boolean;
  relationshipName: string | null;
  referenceTo: string[];
  picklistValues: { value: string; label: string }[];
}

interface ObjectInfo {
  name: string;
  keyPrefix: string | null;
  fields: FieldInfo[];
}

/** A UI API record: `{ apiName, id, fields: { Name: { value, displayValue } } }`. */
export interface UiRecord {
  apiName: string;
  id: string;
  fields: Record<string, { value: unknown; displayValue: string | null }>;
}

const API_VERSION = 'v62.0';
const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export class OrgClient {
  /** Key prefix to object, per user: the global describe lists the objects the user sees. */
  private readonly prefixes = new Map<string, Promise<Map<string, string>>>();
  private readonly describes = new Map<string, Promise<ObjectInfo>>();

  constructor(private readonly org: OrgAccess) {}

  private async call(
    userId: string,
    method: string,
    path: string,
    body?: unknown
  ): Promise<unknown> {
    const res = await fetch(`${this.org.instanceUrl}/services/data/${API_VERSION}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.org.tokenFor(userId)}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) throw errorFromBody(res.status, parsed, `HTTP ${res.status}`);
    return parsed;
  }

  /** Every row of a SOQL query, as the user. */
  async soql(userId: string, query: string): Promise<Row[]> {
    let page = (await this.call(userId, 'GET', `/query?q=${encodeURIComponent(query)}`)) as {
      records: Row[];
      done: boolean;
      nextRecordsUrl?: string;
    };
    const rows = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
      const path = page.nextRecordsUrl.replace(`/services/data/${API_VERSION}`, '');
      page = (await this.call(userId, 'GET', path)) as typeof page;
      rows.push(...page.records);
    }
    return rows;
  }

  /** The totalSize of a `SELECT COUNT() …` query, as the user (it returns no rows). */
  async count(userId: string, query: string): Promise<number> {
    const res = (await this.call(userId, 'GET', `/query?q=${encodeURIComponent(query)}`)) as {
      totalSize: number;
    };
    return res.totalSize;
  }

  /** A UI API GraphQL query as the user, against the schema the user sees. */
  async graphql(userId: string, query: string, variables: Record<string, unknown>) {
    return runGraphql(
      query,
      variables,
      (q) => this.soql(userId, q),
      (object) => this.readableObject(userId, object),
      (q) => this.count(userId, q)
    );
  }

  /**
   * The user's view of an object (only the fields the user can read), or undefined when the
   * user cannot read it: the local org's describe as the user answers 404 NOT_FOUND then.
   */
  async readableObject(userId: string, object: string): Promise<ObjectInfo | undefined> {
    try {
      return await this.describe(userId, object);
    } catch (e) {
      if (e instanceof SalesforceApiError && e.statusCode === 404) return undefined;
      throw e;
    }
  }

  /** The object of a record id, by its key prefix, among the objects the user can see. */
  async objectOf(userId: string, id: string): Promise<string> {
    if (!ID.test(id))
      throw new SalesforceApiError(400, 'MALFORMED_ID', `'${id}' is not a record id`);
    let prefixes = this.prefixes.get(userId);
    if (!prefixes) {
      prefixes = (
        this.call(userId, 'GET', '/sobjects') as Promise<{ sobjects: ObjectInfo[] }>
      ).then(
        (global) =>
          new Map(
            global.sobjects.filter((o) => o.keyPrefix).map((o) => [o.keyPrefix as string, o.name])
          )
      );
      prefixes.catch(() => this.prefixes.delete(userId));
      this.prefixes.set(userId, prefixes);
    }
    const name = (await prefixes).get(id.slice(0, 3));
    if (!name)
      throw new SalesforceApiError(404, 'NOT_FOUND', `No object has the key prefix of '${id}'`);
    return name;
  }

  describe(userId: string, object: string): Promise<ObjectInfo> {
    // Describe is per user where field-level security applies; the cache key says so.
    const key = `${userId}/${object}`;
    let info = this.describes.get(key);
    if (!info) {
      info = this.call(
        userId,
        'GET',
        `/sobjects/${encodeURIComponent(object)}/describe`
      ) as Promise<ObjectInfo>;
      info.catch(() => this.describes.delete(key));
      this.describes.set(key, info);
    }
    return info;
  }

  /**
   * getRecord: `fields` must all be readable by the user (else an error naming the first that is
   * not); `optionalFields` the user cannot read are left out, as LDS does: "If the context user
   * doesn't have access to a field, an error is returned. If you're not sure whether the context
   * user has access to a field and you don't want the request to fail if they don't, use the
   * optionalFields parameter" ("getRecord", Lightning Web Components Developer Guide,
   * https://developer.salesforce.com/docs/component-library/documentation/en/lwc/reference_wire_adapters_record).
   * Readable means in the user's describe; a related field needs the related object readable
   * too. Names are `Object.Field` or `Object.Relationship.Field`.
   */
  async getRecord(
    userId: string,
    id: string,
    fields: string[],
    optionalFields: string[]
  ): Promise<UiRecord> {
    const object = await this.objectOf(userId, id);
    const info = await this.describe(userId, object);
    const byName = new Map(info.fields.map((f) => [f.name, f]));
    const byRelationship = new Map(
      info.fields.filter((f) => f.relationshipName).map((f) => [f.relationshipName as string, f])
    );
    const readable = async (path: string[]): Promise<boolean> => {
      if (path.length === 1) return byName.has(path[0]);
      const rel = byRelationship.get(path[0]);
      if (!rel || path.length !== 2) return false;
      for (const target of rel.referenceTo) {
        const t = await this.readableObject(userId, target);
        if (t?.fields.some((f) => f.name === path[1])) return true;
      }
      return false;
    };
    const select = new Set<string>(['Id']);
    for (const [list, required] of [
      [fields, true],
      [optionalFields, false]
    ] as const) {
      for (const full of list) {
        const parts = full.split('.');
        if (parts[0] !== object || parts.length < 2)
          throw new SalesforceApiError(
            400,
            'INVALID_FIELD',
            `Field '${full}' is not a field of ${object}`
          );
        const path = parts.slice(1);
        if (await readable(path)) select.add(path.join('.'));
        else if (required)
          throw new SalesforceApiError(
            400,
            'INVALID_FIELD',
            `No such column '${path.join('.')}' on entity '${object}'`
          );
      }
    }
    const rows = await this.soql(
      userId,
      `SELECT ${[...select].join(', ')} FROM ${object} WHERE Id = '${id}'`
    );
    if (!rows.length)
      throw new SalesforceApiError(
        404,
        'NOT_FOUND',
        `The requested resource does not exist (${object} ${id})`
      );
    return toUiRecord(object, rows[0], byName);
  }

  async createRecord(userId: string, apiName: string, fields: Row): Promise<UiRecord> {
    const created = (await this.call(
      userId,
      'POST',
      `/sobjects/${encodeURIComponent(apiName)}`,
      fields
    )) as {
      id: string;
    };
    return this.getRecord(
      userId,
      created.id,
      [],
      Object.keys(fields).map((f) => `${apiName}.${f}`)
    );
  }

  async updateRecord(userId: string, fields: Row): Promise<UiRecord> {
    const { Id: id, ...rest } = fields;
    if (typeof id !== 'string')
      throw new SalesforceApiError(400, 'MISSING_ARGUMENT', 'updateRecord needs fields.Id');
    const object = await this.objectOf(userId, id);
    await this.call(userId, 'PATCH', `/sobjects/${object}/${id}`, rest);
    return this.getRecord(
      userId,
      id,
      [],
      Object.keys(rest).map((f) => `${object}.${f}`)
    );
  }
}

function displayValue(value: unknown, info: FieldInfo | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (info?.type === 'picklist')
    return info.picklistValues.find((p) => p.value === value)?.label ?? String(value);
  return typeof value === 'object' ? null : String(value);
}

function toUiRecord(object: string, row: Row, byName: Map<string, FieldInfo>): UiRecord {
  const fields: UiRecord['fields'] = {};
  for (const [name, value] of Object.entries(row)) {
    if (name === 'attributes') continue;
    if (value && typeof value === 'object') {
      const rel = value as Row;
      const relObject = (rel.attributes as { type?: string } | undefined)?.type ?? '';
      const inner: UiRecord['fields'] = {};
      for (const [k, v] of Object.entries(rel))
        if (k !== 'attributes') inner[k] = { value: v, displayValue: displayValue(v, undefined) };
      fields[name] = {
        value: { apiName: relObject, id: (rel.Id as string) ?? null, fields: inner },
        displayValue: typeof rel.Name === 'string' ? rel.Name : null
      };
    } else
      fields[name] = { value: value ?? null, displayValue: displayValue(value, byName.get(name)) };
  }
  return { apiName: object, id: row.Id as string, fields };
}

export { GraphqlError };
