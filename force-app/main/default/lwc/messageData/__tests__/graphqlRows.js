/**
 * Test helpers (imported by the component tests; no test here): UI API GraphQL answers built from
 * plain rows, and what the programme-message components create.
 */
import { createRecord } from 'lightning/uiRecordApi';

export { flush } from '../../ldsUtils/__tests__/componentTest';

/**
 * A UI API node of `fields` ({ Field: value }): the Id as it is, a parent given as an object
 * ({ Name: 'Ann' }) as a node of its own, a missing parent (`<Name>__r: null`) as null, and
 * every other value wrapped as { value }.
 */
export function node(fields) {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => {
      if (k === 'Id') return [k, v];
      if (v !== null && typeof v === 'object') return [k, node(v)];
      if (v === null && k.endsWith('__r')) return [k, null];
      return [k, { value: v }];
    })
  );
}

/** A UI API GraphQL connection of `rows` (each a node(), see above): one page, the last. */
export const connection = (rows) => ({
  edges: rows.map((row) => ({ node: node(row) })),
  pageInfo: { hasNextPage: false, endCursor: null }
});

/** The fields of each Adoption_Message__c created so far (createRecord's calls), in order. */
export const createdMessages = () =>
  createRecord.mock.calls
    .filter(([record]) => record.apiName === 'Adoption_Message__c')
    .map(([record]) => record.fields);
