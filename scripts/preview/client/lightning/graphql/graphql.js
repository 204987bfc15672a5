/**
 * The preview's `lightning/graphql`: the `graphql` wire adapter runs the component's UI API query
 * on the preview server as the acting user and emits `{ data, errors, refresh }` as the
 * platform's adapter does. `refreshGraphQL(result)` re-runs a query.
 */
import { callApi } from '../../session';
import { WireAdapter } from '../../wireAdapter';

/** `gql` only marks a query; the server parses it. */
export function gql(strings, ...values) {
  return strings.reduce((text, part, i) => text + part + (i < values.length ? values[i] : ''), '');
}

export class graphql extends WireAdapter {
  load({ query, variables }, emit) {
    // Reactive variables still undefined: the platform waits for them too.
    if (!query || variables === undefined) return Promise.resolve();
    const refresh = () => this.run();
    return callApi('POST', '/api/graphql', { query, variables })
      .then((result) => {
        const errors = result.errors && result.errors.length ? result.errors : undefined;
        emit({ data: errors ? undefined : result.data, errors, refresh });
      })
      .catch((error) => {
        const message = (error && error.body && error.body.message) || String(error);
        emit({ data: undefined, errors: [{ message }], refresh });
      });
  }
}

export function refreshGraphQL(result) {
  return result && result.refresh ? result.refresh() : Promise.resolve();
}
