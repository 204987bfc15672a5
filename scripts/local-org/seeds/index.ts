import type { Store, WriteContext } from '../store';

export type SeedName = 'none' | 'demo' | 'maven-crm' | `tree:${string}`;

/** Loads a seed into an empty store; returns the import summary lines. */
export function seedOrg(store: Store, seed: SeedName, ctx: WriteContext): string[] {
  void store;
  void ctx;
  throw new Error(`Unknown seed '${seed}': use demo, maven-crm or tree:<plan.json>`);
}
