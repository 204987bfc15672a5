/**
 * The describe resources: GET /sobjects (the objects the user can see) and GET
 * /sobjects/{object}/describe (one object's fields and child relationships), in the REST API's
 * shapes. (REST API Developer Guide, "Describe Global" and "sObject Describe":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm)
 */
import { API_VERSION } from '../soql';
import type { Store } from '../store';
import type { SObjectSchema } from '../types';
import { compoundFieldName } from './fields';

/** Describe Global: the objects the user's view describes. */
export function describeGlobal(store: Store, userId: string) {
  const view = store.viewFor(userId);
  const visible = [...store.schema.keys()]
    .map((name) => view.describe(name))
    .filter((o) => o !== undefined);
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: visible.map((o) => ({
      name: o.name,
      label: o.label,
      labelPlural: o.labelPlural,
      keyPrefix: o.keyPrefix,
      custom: o.custom,
      queryable: o.queryable,
      createable: o.createable,
      updateable: o.updateable,
      deletable: o.deletable,
      urls: { sobject: `/services/data/${API_VERSION}/sobjects/${o.name}` }
    }))
  };
}

/** sObject Describe of the object as the user sees it (`schema` is the view's). */
export function describeSObject(store: Store, schema: SObjectSchema) {
  return {
    ...schema,
    fields: schema.fields.map((f) => ({
      ...f,
      referenceTo: f.referenceTo ?? [],
      relationshipName: f.relationshipName ?? null,
      picklistValues: f.picklistValues ?? [],
      externalId: f.externalId === true,
      unique: f.unique === true,
      calculated: f.calculated === true,
      restrictedPicklist: f.restrictedPicklist === true,
      compoundFieldName: compoundFieldName(schema, f.name)
    })),
    childRelationships: schema.childRelationships.map((r) => ({
      ...r,
      cascadeDelete: store.field(r.childSObject, r.field)?.cascadeDelete === true
    })),
    urls: { sobject: `/services/data/${API_VERSION}/sobjects/${schema.name}` }
  };
}
