/**
 * The LWC wire adapter protocol the preview's adapters share: `update(config)` and
 * `connect()` (re)load for the current config while connected; an answer to an older request
 * is dropped, so a quick change of config never shows stale data. Subclasses implement
 * `load(config)` and turn its promise into `dataCallback` calls with `emit`.
 */
export class WireAdapter {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
    this.connected = false;
    this.config = undefined;
    this.generation = 0;
  }

  connect() {
    this.connected = true;
    this.run();
  }

  disconnect() {
    this.connected = false;
    this.released(this.config);
  }

  update(config) {
    this.released(this.config);
    this.config = config;
    this.run();
  }

  run() {
    if (!this.connected || !this.config) return Promise.resolve();
    const generation = ++this.generation;
    const current = () => generation === this.generation && this.connected;
    return this.load(this.config, (value) => {
      if (current()) this.dataCallback(value);
    });
  }

  /** Loads for `config` and calls `emit(value)`; resolves when done. */
  load() {
    return Promise.resolve();
  }

  /** The adapter leaves `config` (disconnected, or a new config). */
  released() {}
}
