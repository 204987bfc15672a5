import type { Store, WriteContext } from '../store';
import { seedDemo } from './demo';
import { mavenDir, seedMaven } from './maven';
import { seedTeam } from './team';
import { seedTree } from './tree';

export type SeedName =
  'none' | 'demo' | 'maven-crm' | `maven-crm:${string}` | `tree:${string}` | `team:${string}`;

/** Loads a seed into the store; returns the import summary lines. */
export function seedOrg(store: Store, seed: SeedName, ctx: WriteContext): string[] {
  if (seed === 'demo') return seedDemo(store, ctx);
  // maven-crm:<folder>, or maven-crm with the folder in ADOPTION_COACH_MAVEN_DIR.
  if (seed === 'maven-crm') return seedMaven(store, ctx, mavenDir());
  if (seed.startsWith('maven-crm:')) return seedMaven(store, ctx, mavenDir(seed.slice(10)));
  if (seed.startsWith('tree:')) return seedTree(store, seed.slice(5), ctx);
  if (seed.startsWith('team:')) return seedTeam(store, seed.slice(5), ctx);
  throw new Error(
    `Unknown seed '${seed}': use demo, maven-crm:<folder>, tree:<plan.json> or team:<reps>x<open deals>[x<teams>]`
  );
}
