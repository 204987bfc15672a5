/**
 * The preview's `lightning/graphql`: the `graphql` wire adapter runs the component's UI API query
 * on the preview server as the acting user and emits `{ data, errors, refresh }` as the
 * platform's adapter does. `refreshGraphQL(result)` re-runs a query.
 */
import { callApi } from '../../session';

/** `gql` only marks a query; the server parses it. */
export function gql(strings, ...values) {
  return strings.reduce((text, part, i) => text + part + (i < values.length ? values[i] : ''), '');
}

export class graphql {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
    this.connected = false;
    this.config = undefined;
    this.generation = 0;
  }

  connect() {
    this.connected = true;
    if (this.config) this.run();
  }

  disconnect() {
    this.connected = false;
  }

  update(config) {
    this.config = config;
    if (this.connected) this.run();
  }

  run() {
    const { query, variables } = this.config || {};
    // Reactive variables still undefined: the platform waits for them too.
    if (!query || variables === undefined) return Promise.resolve();
    const generation = ++this.generation;
    const refresh = () => this.run();
    return callApi('POST', '/api/graphql', { query, variables })
      .then((result) => {
        if (generation !== this.generation || !this.connected) return;
        const errors = result.errors && result.errors.length ? result.errors : undefined;
        this.dataCallback({ data: errors ? undefined : result.data, errors, refresh });
      })
      .catch((error) => {
        if (generation !== this.generation || !this.connected) return;
        const message = (error && error.body && error.body.message) || String(error);
        this.dataCallback({ data: undefined, errors: [{ message }], refresh });
      });
  }
}

export function refreshGraphQL(result) {
  return result && result.refresh ? result.refresh() : Promise.resolve();
}
