/**
 * Loads what `sf data export tree --plan` writes: a plan listing objects and their files, each
 * file `{ records: [{ attributes: { type, referenceId }, Field: value, Lookup: '@Ref' }] }`.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ApiError } from '../errors';
import type { Store, WriteContext } from '../store';

interface PlanEntry {
  sobject: string;
  files: string[];
  saveRefs?: boolean;
  resolveRefs?: boolean;
}

export function seedTree(store: Store, planFile: string, ctx: WriteContext): string[] {
  const planPath = resolve(planFile);
  let plan: PlanEntry[];
  try {
    plan = JSON.parse(readFileSync(planPath, 'utf8'));
  } catch (e) {
    throw new Error(`${planPath}: cannot read the plan (${(e as Error).message})`);
  }
  if (!Array.isArray(plan))
    throw new Error(`${planPath}: a plan is a JSON array of { sobject, files }`);
  const refs = new Map<string, string>();
  const counts: string[] = [];
  plan.forEach((entry, i) => {
    if (!entry || typeof entry.sobject !== 'string' || !Array.isArray(entry.files)) {
      throw new Error(`${planPath}: [${i}] needs "sobject" and "files"`);
    }
    let loaded = 0;
    for (const file of entry.files) {
      const path = resolve(dirname(planPath), file);
      const data = JSON.parse(readFileSync(path, 'utf8')) as {
        records?: Record<string, unknown>[];
      };
      (data.records ?? []).forEach((record, r) => {
        const { attributes, ...fields } = record as { attributes?: { referenceId?: string } };
        for (const [k, v] of Object.entries(fields)) {
          if (typeof v === 'string' && v.startsWith('@')) {
            const id = refs.get(v.slice(1));
            if (!id) throw new Error(`${path}: records[${r}].${k}: unknown reference ${v}`);
            (fields as Record<string, unknown>)[k] = id;
          }
        }
        try {
          const row = store.insert(entry.sobject, fields, ctx);
          if (attributes?.referenceId) refs.set(attributes.referenceId, row.Id);
          loaded++;
        } catch (e) {
          if (e instanceof ApiError) {
            throw new Error(`${path}: records[${r}]: ${e.errorCode}: ${e.message}`);
          }
          throw e;
        }
      });
    }
    counts.push(`${entry.sobject}: ${loaded}`);
  });
  return [`tree ${planPath}: ${counts.join(', ')}`];
}
