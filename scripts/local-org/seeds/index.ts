import type { Store, WriteContext } from '../store';
import { seedDemo } from './demo';
import { seedMaven } from './maven';
import { seedTeam } from './team';
import { seedTree } from './tree';

export type SeedName = 'none' | 'demo' | 'maven-crm' | `tree:${string}` | `team:${string}`;

/** Loads a seed into the store; returns the import summary lines. */
export function seedOrg(store: Store, seed: SeedName, ctx: WriteContext): string[] {
  if (seed === 'demo') return seedDemo(store, ctx);
  if (seed === 'maven-crm') return seedMaven(store, ctx);
  if (seed.startsWith('tree:')) return seedTree(store, seed.slice(5), ctx);
  if (seed.startsWith('team:')) return seedTeam(store, seed.slice(5), ctx);
  throw new Error(
    `Unknown seed '${seed}': use demo, maven-crm, tree:<plan.json> or team:<reps>x<open deals>`
  );
}
