/**
 * Test helpers of the programme-message components (imported by their tests; no test here).
 */

export { flush } from '../../ldsUtils/__tests__/componentTest';

/**
 * A UI API GraphQL connection of `rows` ({ Field: value }): each value wrapped as { value }, the
 * Id as it is, and a `<Name>__r` given as a string becomes that record's { Name: { value } }.
 */
export function connection(rows) {
  return {
    edges: rows.map((row) => ({
      node: Object.fromEntries(
        Object.entries(row).map(([k, v]) => {
          if (k === 'Id') return [k, v];
          if (k.endsWith('__r')) return [k, v && { Name: { value: v } }];
          return [k, { value: v }];
        })
      )
    }))
  };
}
