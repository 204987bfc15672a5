/**
 * The resources user interfaces read, where the local org can answer them truthfully: list views
 * ("All <records>" per object, with results), the system default compact layout, a page layout
 * of the object's fields, query plans (`/query?explain=`), and SOSL `/search` over Name fields.
 * What it does not model (recently viewed items, tabs, themes) is refused by name.
 */
import { ApiError } from '../errors';
import { makeId } from '../ids';
import { prepareSoql } from '../soql';
import type { FieldSchema, SObjectSchema } from '../types';
import { type ApiCall, methodNotAllowed, notFound, recordUrl } from './call';

/** The field a record is known by: Name, or Subject on activities. */
function nameField(schema: SObjectSchema): FieldSchema | undefined {
  return (
    schema.fields.find((f) => f.name === 'Name') ?? schema.fields.find((f) => f.name === 'Subject')
  );
}

function objectOf(call: ApiCall, name: string): SObjectSchema {
  const schema = call.store.viewFor(call.userId).describe(name);
  if (!schema) throw notFound();
  return schema;
}

/** A stable id per object for its one list view (list views are 00B records). */
function listViewId(call: ApiCall, schema: SObjectSchema): string {
  return makeId('00B', [...call.store.schema.keys()].indexOf(schema.name) + 1);
}

function listViewQuery(schema: SObjectSchema): string {
  const name = nameField(schema)?.name ?? 'Id';
  return `SELECT ${name === 'Id' ? '' : `${name}, `}CreatedDate, Id FROM ${schema.name} ORDER BY ${name} ASC NULLS FIRST, Id ASC`;
}

/**
 * GET /sobjects/X/listviews[/<id>[/describe|/results]]: one list view, "All <label plural>".
 * (REST API Developer Guide, "List Views", "List View Describe", "List View Results":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_listviews.htm)
 */
function listViews(call: ApiCall, schema: SObjectSchema, rest: string[]): void {
  const id = listViewId(call, schema);
  const base = `/services/data/v${call.version}/sobjects/${schema.name}/listviews`;
  const view = {
    describeUrl: `${base}/${id}/describe`,
    developerName: `All${schema.labelPlural.replace(/[^A-Za-z0-9]/g, '')}`,
    id,
    label: `All ${schema.labelPlural}`,
    resultsUrl: `${base}/${id}/results`,
    soqlCompatible: true,
    url: `${base}/${id}`
  };
  if (rest.length === 0) {
    return call.send(200, {
      done: true,
      listviews: [view],
      nextRecordsUrl: null,
      size: 1,
      sobjectType: schema.name
    });
  }
  if (rest[0] !== id && rest[0] !== id.slice(0, 15)) throw notFound();
  const shown = [nameField(schema), schema.fields.find((f) => f.name === 'CreatedDate')].filter(
    (f): f is FieldSchema => !!f
  );
  const columns = [
    ...shown.map((f) => ({
      fieldNameOrPath: f.name,
      hidden: false,
      label: f.label,
      selectListItem: f.name,
      sortable: true,
      type: f.type
    })),
    {
      fieldNameOrPath: 'Id',
      hidden: true,
      label: 'Record ID',
      selectListItem: 'Id',
      sortable: false,
      type: 'id'
    }
  ];
  if (rest.length === 1) return call.send(200, view);
  if (rest.length === 2 && rest[1] === 'describe') {
    return call.send(200, {
      columns,
      id,
      orderBy: [
        {
          fieldNameOrPath: shown[0]?.name ?? 'Id',
          nullsPosition: 'first',
          sortDirection: 'ascending'
        }
      ],
      query: listViewQuery(schema),
      scope: 'everything',
      sobjectType: schema.name,
      whereCondition: null
    });
  }
  if (rest.length === 2 && rest[1] === 'results') {
    const limit = Math.min(Number(call.url.searchParams.get('limit') ?? 25) || 25, 2000);
    const prepared = prepareSoql(
      `${listViewQuery(schema)} LIMIT ${limit}`,
      call.store.viewFor(call.userId),
      {
        now: call.now,
        userId: call.userId
      }
    );
    const records = [...prepared.rows()].map((r) => ({
      columns: columns.map((c) => ({
        fieldNameOrPath: c.fieldNameOrPath,
        value: r[c.fieldNameOrPath] ?? null
      }))
    }));
    return call.send(200, {
      columns,
      developerName: view.developerName,
      done: true,
      id,
      label: view.label,
      records,
      size: records.length
    });
  }
  throw notFound();
}

function layoutItem(f: FieldSchema) {
  return {
    editableForNew: f.createable,
    editableForUpdate: f.updateable,
    label: f.label,
    layoutComponents: [
      { details: null, displayLines: 1, tabOrder: 0, type: 'Field', value: f.name }
    ],
    placeholder: false,
    required: !f.nillable && f.createable && f.type !== 'boolean'
  };
}

/**
 * GET /sobjects/X/describe/layouts: one layout, an "Information" section of every field a client
 * may write, two columns, and the object's related lists.
 * (REST API Developer Guide, "sObject Describe Layouts":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_layouts.htm)
 */
function layouts(schema: SObjectSchema) {
  const fields = schema.fields.filter((f) => f.createable || f.updateable);
  const rows = [];
  for (let i = 0; i < fields.length; i += 2) {
    const items = fields.slice(i, i + 2).map(layoutItem);
    rows.push({ layoutItems: items, numItems: items.length });
  }
  const section = {
    collapsed: false,
    columns: 2,
    heading: 'Information',
    layoutRows: rows,
    layoutSectionId: null,
    parentLayoutId: null,
    rows: rows.length,
    tabOrder: 'TopToBottom',
    useCollapsibleSection: false,
    useHeading: true
  };
  return {
    layouts: [
      {
        buttonLayoutSection: null,
        detailLayoutSections: [section],
        editLayoutSections: [section],
        id: null,
        relatedLists: schema.childRelationships.map((r) => ({
          label: r.relationshipName,
          name: r.relationshipName,
          field: r.field,
          sobject: r.childSObject
        }))
      }
    ],
    recordTypeMappings: [],
    recordTypeSelectorRequired: [false]
  };
}

/**
 * GET /sobjects/X/describe/compactLayouts: the system default compact layout (the record's name).
 * (REST API Developer Guide, "Compact Layouts":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_compactlayouts.htm)
 */
function compactLayouts(schema: SObjectSchema) {
  const name = nameField(schema);
  return {
    compactLayouts: [
      {
        actions: [],
        fieldItems: name ? [layoutItem(name)] : [],
        id: null,
        imageItems: [],
        label: 'System Default',
        name: 'SYSTEM',
        objectType: schema.name
      }
    ],
    defaultCompactLayoutId: null,
    recordTypeCompactLayoutMappings: []
  };
}

/**
 * GET /query?explain=<SOQL>: the local org reads every row of the object, so each plan is a table
 * scan; cardinality is the number of rows the query returns, sobjectCardinality the rows of the
 * object the user can see.
 * (REST API Developer Guide, "Get Feedback on Query Performance":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_query_explain.htm)
 */
export function explain(call: ApiCall, soql: string): void {
  const view = call.store.viewFor(call.userId);
  const prepared = prepareSoql(soql, view, { now: call.now, userId: call.userId });
  let total = 0;
  for (const row of view.scan(prepared.sobject)) if (row) total++;
  const cardinality = prepared.totalSize();
  call.send(200, {
    plans: [
      {
        cardinality,
        fields: [],
        leadingOperationType: 'TableScan',
        notes: [
          {
            description:
              'The local org has no indexes for queries: every row of the object is read',
            fields: [],
            tableEnumOrId: prepared.sobject
          }
        ],
        // A full scan costs the whole object: 1 relative to reading it all, 0 when it is empty.
        relativeCost: total === 0 ? 0 : 1,
        sobjectCardinality: total,
        sobjectType: prepared.sobject
      }
    ],
    sourceQuery: soql
  });
}

const SOSL =
  /^FIND\s*\{([^}]*)\}\s*(?:IN\s+(ALL|NAME)\s+FIELDS\s*)?(?:RETURNING\s+(.+?))?\s*(?:LIMIT\s+(\d+))?\s*$/is;

/** A SOSL term as a whole-word test: `*` any characters, `?` one. */
function termTest(term: string): (text: string) => boolean {
  const words = term
    .trim()
    .split(/\s+/)
    .filter((w) => w);
  if (words.some((w) => /^(AND|OR|AND NOT)$/i.test(w) || /["()]/.test(w))) {
    throw new ApiError(
      400,
      'MALFORMED_SEARCH',
      'Unsupported in the local org: SOSL operators and phrases (AND, OR, quotes, parentheses)'
    );
  }
  const patterns = words.map(
    (w) =>
      new RegExp(
        `(^|[^\\p{L}\\p{N}])${w
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '[\\p{L}\\p{N}]*')
          .replace(/\?/g, '[\\p{L}\\p{N}]')}($|[^\\p{L}\\p{N}])`,
        'iu'
      )
  );
  return (text) => patterns.every((p) => p.test(text));
}

/**
 * GET /search?q=FIND {term} [IN NAME FIELDS] [RETURNING Object(fields), ...] [LIMIT n]: records
 * whose Name (Subject on activities) holds every word of the term. ALL FIELDS searches the same
 * Name fields; WHERE, ORDER BY and other clauses inside RETURNING are refused by name.
 * (SOQL and SOSL Reference, "SOSL Syntax":
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_sosl_syntax.htm)
 */
export function search(call: ApiCall): void {
  const q = call.url.searchParams.get('q') ?? '';
  const m = SOSL.exec(q.trim());
  if (!m) {
    throw new ApiError(
      400,
      'MALFORMED_SEARCH',
      `Unsupported in the local org or malformed: ${q} (served: FIND {term} [IN NAME FIELDS] [RETURNING Object(fields)] [LIMIT n])`
    );
  }
  const matches = termTest(m[1]);
  const view = call.store.viewFor(call.userId);
  const limit = Math.min(Number(m[4] ?? 2000), 2000);
  const targets: { schema: SObjectSchema; fields: FieldSchema[] }[] = [];
  if (m[3]) {
    for (const part of m[3].split(/,(?![^(]*\))/)) {
      const t = /^\s*(\w+)\s*(?:\(([^)]*)\))?\s*$/.exec(part);
      if (!t)
        throw new ApiError(
          400,
          'MALFORMED_SEARCH',
          `Unsupported in the local org: RETURNING ${part.trim()}`
        );
      const schema = view.describe(t[1]);
      if (!schema)
        throw new ApiError(400, 'INVALID_TYPE', `sObject type '${t[1]}' is not supported.`);
      const names = (t[2] ?? 'Id').split(',').map((s) => s.trim());
      if (names.some((n) => /\s/.test(n))) {
        throw new ApiError(
          400,
          'MALFORMED_SEARCH',
          `Unsupported in the local org: clauses inside RETURNING ${t[1]}(...)`
        );
      }
      targets.push({
        schema,
        fields: names.map((n) => {
          const f = call.store.field(schema.name, n);
          if (!f)
            throw new ApiError(
              400,
              'INVALID_FIELD',
              `No such column '${n}' on entity '${schema.name}'`,
              [n]
            );
          return f;
        })
      });
    }
  } else {
    for (const name of call.store.schema.keys()) {
      const schema = view.describe(name);
      if (schema && nameField(schema))
        targets.push({ schema, fields: [schema.fields.find((f) => f.name === 'Id')!] });
    }
  }
  const searchRecords: Record<string, unknown>[] = [];
  for (const { schema, fields } of targets) {
    const name = nameField(schema);
    if (!name) continue;
    for (const row of view.scan(schema.name)) {
      if (searchRecords.length >= limit) break;
      if (typeof row[name.name] !== 'string' || !matches(row[name.name] as string)) continue;
      const record: Record<string, unknown> = {
        attributes: { type: schema.name, url: recordUrl(call.version, schema.name, row.Id) }
      };
      for (const f of fields) record[f.name] = row[f.name] ?? null;
      searchRecords.push(record);
    }
  }
  call.send(200, { searchRecords });
}

/** /sobjects/X/listviews..., /sobjects/X/describe/layouts, /sobjects/X/describe/compactLayouts. */
export function uiResource(call: ApiCall): void {
  const [, object, kind, ...rest] = call.parts;
  if (call.method !== 'GET') throw methodNotAllowed(call.method, ['GET']);
  const schema = objectOf(call, object);
  if (kind === 'listviews') return listViews(call, schema, rest);
  if (kind === 'describe' && rest.length === 1 && rest[0] === 'layouts')
    return call.send(200, layouts(schema));
  if (kind === 'describe' && rest.length === 1 && rest[0] === 'compactLayouts') {
    return call.send(200, compactLayouts(schema));
  }
  throw notFound();
}

/** Resources the local org does not model, refused by name rather than a bare 404. */
export const NOT_MODELLED: Record<string, string> = {
  recent: 'recently viewed items (/recent): the local org does not track record views',
  tabs: 'tabs (/tabs): the local org has no user interface apps',
  theme: 'themes (/theme): the local org has no user interface themes'
};

export function refuse(resource: string): never {
  throw new ApiError(404, 'NOT_FOUND', `Unsupported in the local org: ${NOT_MODELLED[resource]}`);
}
