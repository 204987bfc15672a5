/** A row of the FROM object as a REST API record: its columns, parents and child subqueries. */
import { compoundAddress } from '../api/fields';
import type { Row, SoqlDataSource } from '../types';
import { API_VERSION } from './common';
import { objectOfId, resolveObject } from './scope';
import type { ChildQuery, Column } from './select';
import { output } from './values';

export function attributes(type: string, id: string) {
  return { type, url: `/services/data/${API_VERSION}/sobjects/${type}/${id}` };
}

export interface ShapeParts {
  root: { name: string };
  columns: Column[];
  children: ChildQuery[];
  source: SoqlDataSource;
}

export function shapeRow(parts: ShapeParts, row: Row): Record<string, unknown> {
  const { root, columns, children, source } = parts;
  const out: Record<string, unknown> = { attributes: attributes(root.name, row.Id) };
  let parents: Map<string, Row | null> | null = null;
  for (const c of columns) {
    const hops = c.path.hops;
    if (hops.length === 0) {
      const f = c.path.field;
      out[f.name] =
        f.type === 'address' ? compoundAddress(row, f.name) : output(c.kind, row[f.name]);
      continue;
    }
    parents ??= new Map();
    let target = out;
    let current: Row | null = row;
    let prefix = '';
    const last = c.path.parentType ? hops.length - 1 : hops.length;
    for (let i = 0; i < last; i++) {
      const hop = hops[i];
      const rel = hop.relationshipName!;
      prefix += `${rel}.`;
      let parent = parents.get(prefix);
      if (parent === undefined) {
        const id: unknown = current[hop.name];
        parent = (typeof id === 'string' && source.getById(id)) || null;
        parents.set(prefix, parent);
      }
      if (!parent) {
        if (!(rel in target)) target[rel] = null;
        current = null;
        break;
      }
      if (!target[rel]) {
        const type =
          hop.referenceTo!.length > 1
            ? objectOfId(source, parent.Id, hop.referenceTo!)
            : resolveObject(source, hop.referenceTo![0]).name;
        target[rel] = { attributes: attributes(type, parent.Id) };
      }
      target = target[rel] as Record<string, unknown>;
      current = parent;
    }
    if (!current) continue;
    if (c.path.parentType) {
      const hop = hops[hops.length - 1];
      const rel = hop.relationshipName!;
      const id: unknown = current[hop.name];
      const parent = typeof id === 'string' ? source.getById(id) : undefined;
      if (!parent) {
        if (!(rel in target)) target[rel] = null;
        continue;
      }
      const type = objectOfId(source, parent.Id, hop.referenceTo!);
      if (!target[rel]) target[rel] = { attributes: attributes(type, parent.Id) };
      (target[rel] as Record<string, unknown>).Type = type;
      continue;
    }
    target[c.path.field.name] = output(c.kind, current[c.path.field.name]);
  }
  for (const child of children) {
    const records: Record<string, unknown>[] = [];
    for (const r of child.query.windowed(
      source.children(child.query.root.name, child.field, row.Id)
    )) {
      records.push(child.query.shape(r));
    }
    out[child.relationshipName] = records.length
      ? { totalSize: records.length, done: true, records }
      : null;
  }
  return out;
}
