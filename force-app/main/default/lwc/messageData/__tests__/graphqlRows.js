/**
 * Test helpers of the programme-message components (imported by their tests; no test here).
 */

/** Lets pending promises and LWC re-renders settle. */
export async function flush() {
  for (let i = 0; i < 6; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

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
