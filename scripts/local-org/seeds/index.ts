import type { Store, WriteContext } from '../store';
import { seedDemo } from './demo';
import { seedMaven } from './maven';
import { seedTree } from './tree';

export type SeedName = 'none' | 'demo' | 'maven-crm' | `tree:${string}`;

/** Loads a seed into the store; returns the import summary lines. */
export function seedOrg(store: Store, seed: SeedName, ctx: WriteContext): string[] {
  if (seed === 'demo') return seedDemo(store, ctx);
  if (seed === 'maven-crm') return seedMaven(store, ctx);
  if (seed.startsWith('tree:')) return seedTree(store, seed.slice(5), ctx);
  throw new Error(`Unknown seed '${seed}': use demo, maven-crm or tree:<plan.json>`);
}
