/**
 * The UI API GraphQL schema as one user sees it, and the check of a query against it.
 *
 * - "The RecordQuery type has one field for each object type accessible to the user", and the
 *   context user's object- and field-level permissions control access to objects and fields
 *   ("Query Objects", GraphQL API Developer Guide,
 *   https://developer.salesforce.com/docs/platform/graphql/guide/query-record-objects.html).
 *   The preview reads that view through the local org's describe, as the user: only readable
 *   fields, and no object at all when the user cannot read it.
 * - A query naming an object or field that is not in the schema is a `ValidationError`: "the
 *   request isn't valid against the GraphQL API schema", for example "if an object or field name
 *   included in the query doesn't exist" ("Status Codes and Error Responses",
 *   https://developer.salesforce.com/docs/platform/graphql/guide/query-status.html). Validation
 *   comes before execution, so no part of the query runs.
 * - A field marked `@optional` that the user cannot read does not fail the query: "the query
 *   succeeds and returns the Id field but not the EmployeeNumber field or any subfields of
 *   EmployeeNumber" ("Query Objects Examples",
 *   https://developer.salesforce.com/docs/platform/graphql/guide/query-record-examples.html).
 *
 * The error types the platform lists (InvalidSyntax, ValidationError, DataFetchingException,
 * OperationNotSupported, ExecutionAborted) are graphql-java's; the messages here are worded as
 * graphql-java words its validation errors (`Validation error of type FieldUndefined: …`). That
 * wording is not quoted from Salesforce's documentation.
 */
import { GraphqlError, type Selection, type Value } from '../../metadata/graphql';

/** A readable field of the user's view of an object (a describe field, as much as is needed). */
export interface SchemaField {
  name: string;
  relationshipName?: string | null;
  referenceTo?: string[];
}

/** The user's view of an object: only the fields the user can read. */
export interface SchemaObject {
  name: string;
  fields: SchemaField[];
}

/** The user's view of `name`, or undefined when the user cannot read the object. */
export type DescribeObject = (name: string) => Promise<SchemaObject | undefined>;

/** A query that does not validate against the user's schema (the platform's ValidationError). */
export class GraphqlValidationError extends GraphqlError {}

const FILTER_LOGIC = new Set(['and', 'or', 'not']);
const CONNECTION_FIELDS = new Set(['pageInfo', 'totalCount', '__typename']);

function isObject(v: Value | undefined): v is Record<string, Value> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const undefinedField = (field: string, type: string, path: string) =>
  new GraphqlValidationError(
    `Validation error of type FieldUndefined: Field '${field}' in type '${type}' is undefined @ '${path}'`
  );

const notInInput = (argument: string, type: string, field: string, path: string) =>
  new GraphqlValidationError(
    `Validation error of type WrongType: argument '${argument}' contains a field not in '${type}': '${field}' @ '${path}'`
  );

/** Field and relationship lookups of one object, with describes of related objects cached. */
class SchemaView {
  private readonly objects = new Map<string, Promise<SchemaObject | undefined>>();

  constructor(private readonly describe: DescribeObject) {}

  object(name: string): Promise<SchemaObject | undefined> {
    let info = this.objects.get(name);
    if (!info) {
      info = this.describe(name);
      this.objects.set(name, info);
    }
    return info;
  }

  static field(info: SchemaObject, name: string): SchemaField | undefined {
    return info.fields.find((f) => f.name === name);
  }

  /** The parent object of a relationship (`Owner`, `Manager__r`) when the user can read it. */
  async parent(info: SchemaObject, relationship: string): Promise<SchemaObject | undefined> {
    const ref = info.fields.find((f) => f.relationshipName === relationship);
    for (const target of ref?.referenceTo ?? []) {
      const parent = await this.object(target);
      if (parent) return parent;
    }
    return undefined;
  }
}

/**
 * An input argument's field names: `where` (logic keys, readable fields with operators,
 * relationships with a nested filter) or `orderBy` (readable fields, relationships).
 */
async function checkInput(
  view: SchemaView,
  info: SchemaObject,
  argument: 'where' | 'orderBy',
  value: Value,
  path: string
): Promise<void> {
  if (Array.isArray(value)) {
    for (const item of value) await checkInput(view, info, argument, item, path);
    return;
  }
  if (!isObject(value)) return;
  const type = `${info.name}_${argument === 'where' ? 'Filter' : 'OrderBy'}`;
  for (const [key, inner] of Object.entries(value)) {
    if (argument === 'where' && FILTER_LOGIC.has(key))
      await checkInput(view, info, argument, inner, path);
    else if (!SchemaView.field(info, key)) {
      const parent = await view.parent(info, key);
      if (!parent) throw notInInput(argument, type, key, path);
      await checkInput(view, parent, argument, inner, path);
    }
  }
}

/** A node's selections with unreadable `@optional` fields left out; throws on any other. */
async function checkNode(
  view: SchemaView,
  info: SchemaObject,
  selections: Selection[],
  path: string
): Promise<Selection[]> {
  const kept: Selection[] = [];
  for (const s of selections) {
    const here = `${path}/${s.name}`;
    if (s.name === '__typename' || SchemaView.field(info, s.name)) {
      kept.push(s);
      continue;
    }
    const parent = await view.parent(info, s.name);
    if (parent) {
      kept.push({ ...s, selections: await checkNode(view, parent, s.selections ?? [], here) });
    } else if (!s.directives.includes('optional')) {
      throw undefinedField(s.name, info.name, here);
    }
  }
  return kept;
}

/** One object query (`Opportunity(where: …) { edges { node { … } } }`), checked. */
async function checkObjectQuery(view: SchemaView, obj: Selection): Promise<Selection> {
  const path = `uiapi/query/${obj.name}`;
  const info = await view.object(obj.name);
  // The documentation makes fields optional, not objects: an unreadable object always fails.
  if (!info) throw undefinedField(obj.name, 'RecordQuery', path);
  for (const argument of ['where', 'orderBy'] as const)
    if (obj.args[argument] !== undefined)
      await checkInput(view, info, argument, obj.args[argument], path);
  const selections: Selection[] = [];
  for (const s of obj.selections ?? []) {
    if (CONNECTION_FIELDS.has(s.name)) selections.push(s);
    else if (s.name === 'edges') {
      const edges: Selection[] = [];
      for (const e of s.selections ?? []) {
        if (e.name === 'node')
          edges.push({
            ...e,
            selections: await checkNode(view, info, e.selections ?? [], `${path}/edges/node`)
          });
        else edges.push(e);
      }
      selections.push({ ...s, selections: edges });
    } else throw undefinedField(s.name, `${info.name}Connection`, `${path}/${s.name}`);
  }
  return { ...obj, selections };
}

/**
 * The operation's roots checked against the user's schema: `@optional` fields the user cannot
 * read are left out; anything else outside the schema throws a
 * GraphqlValidationError. What is not `uiapi { query { … } } }` is left to the translation,
 * which refuses it.
 */
export async function checkAgainstSchema(
  roots: Selection[],
  describe: DescribeObject
): Promise<Selection[]> {
  const view = new SchemaView(describe);
  const out: Selection[] = [];
  for (const root of roots) {
    if (root.name !== 'uiapi') {
      out.push(root);
      continue;
    }
    const queries: Selection[] = [];
    for (const q of root.selections ?? []) {
      if (q.name !== 'query') {
        queries.push(q);
        continue;
      }
      const objects: Selection[] = [];
      for (const obj of q.selections ?? []) objects.push(await checkObjectQuery(view, obj));
      queries.push({ ...q, selections: objects });
    }
    out.push({ ...root, selections: queries });
  }
  return out;
}
