/**
 * Offline checks of what `sf project deploy start` would deploy: every XML file well formed,
 * and every field and label referenced by components, permission sets, list views, compact
 * layouts, the coaching config and the sync's SOQL exists. Each problem names the file and the
 * wrong reference.
 *
 * Usage: tsx scripts/metadata/validate.ts [project root]   (exit 1 when a problem is found)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { referencedLabels } from '../engine/constants';
import type { CoachingConfig } from '../engine/config-types';

/** Standard fields the product reads, from Salesforce's object reference. */
export const STANDARD_FIELDS: Record<string, string[]> = {
  User: [
    'Id',
    'Name',
    'FirstName',
    'LastName',
    'Username',
    'Email',
    'Title',
    'IsActive',
    'ManagerId',
    'Department'
  ],
  Account: [
    'Id',
    'Name',
    'OwnerId',
    'Industry',
    'BillingCountry',
    'Phone',
    'Website',
    'NumberOfEmployees',
    'LastActivityDate',
    'AnnualRevenue',
    'Description',
    'ParentId',
    'Type'
  ],
  Contact: [
    'Id',
    'Name',
    'FirstName',
    'LastName',
    'AccountId',
    'Title',
    'Email',
    'Phone',
    'OwnerId',
    'LastActivityDate'
  ],
  Opportunity: [
    'Id',
    'Name',
    'OwnerId',
    'AccountId',
    'StageName',
    'Amount',
    'Probability',
    'CloseDate',
    'Type',
    'NextStep',
    'LeadSource',
    'Description',
    'IsClosed',
    'IsWon',
    'ForecastCategoryName',
    'LastActivityDate',
    'LastStageChangeDate',
    'CreatedDate'
  ],
  Lead: [
    'Id',
    'Name',
    'FirstName',
    'LastName',
    'Company',
    'Title',
    'Email',
    'Phone',
    'Status',
    'LeadSource',
    'IsConverted',
    'LastActivityDate',
    'OwnerId'
  ],
  OpportunityContactRole: ['Id', 'OpportunityId', 'ContactId', 'Role', 'IsPrimary'],
  OpportunityHistory: [
    'Id',
    'OpportunityId',
    'StageName',
    'Amount',
    'CloseDate',
    'Probability',
    'CreatedDate'
  ],
  Task: ['Id', 'Subject', 'ActivityDate', 'Status', 'WhatId', 'WhoId', 'OwnerId', 'CreatedDate'],
  Event: ['Id', 'Subject', 'ActivityDate', 'WhatId', 'WhoId', 'OwnerId', 'CreatedDate']
};
/** Fields every object has. */
const SYSTEM_FIELDS = [
  'Id',
  'Name',
  'OwnerId',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'IsDeleted'
];

export interface Problem {
  file: string;
  message: string;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** Object name → field names, from force-app/main/default/objects plus the standard list. */
export function knownFields(root: string): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  for (const [o, list] of Object.entries(STANDARD_FIELDS)) fields.set(o, new Set(list));
  const objects = join(root, 'force-app', 'main', 'default', 'objects');
  if (existsSync(objects)) {
    for (const o of readdirSync(objects)) {
      const set = fields.get(o) ?? new Set(SYSTEM_FIELDS);
      const dir = join(objects, o, 'fields');
      if (existsSync(dir))
        for (const f of readdirSync(dir)) set.add(f.replace('.field-meta.xml', ''));
      fields.set(o, set);
    }
  }
  return fields;
}

export function labelNames(root: string): Set<string> {
  const file = join(root, 'force-app', 'main', 'default', 'labels', 'CustomLabels.labels-meta.xml');
  if (!existsSync(file)) return new Set();
  return new Set(
    [...readFileSync(file, 'utf8').matchAll(/<fullName>([^<]+)<\/fullName>/g)].map((m) => m[1])
  );
}

export function validate(root: string): Problem[] {
  root = resolve(root);
  const problems: Problem[] = [];
  const rel = (f: string) => relative(root, f);
  const fields = knownFields(root);
  const labels = labelNames(root);
  const checkField = (file: string, object: string, field: string, where: string) => {
    const set = fields.get(object);
    if (!set) problems.push({ file: rel(file), message: `${where}: unknown object ${object}` });
    else if (!set.has(field))
      problems.push({ file: rel(file), message: `${where}: unknown field ${object}.${field}` });
  };
  const forceApp = join(root, 'force-app');
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

  for (const file of walk(forceApp)) {
    if (file.endsWith('.xml')) {
      const text = readFileSync(file, 'utf8');
      const ok = XMLValidator.validate(text);
      if (ok !== true) {
        problems.push({
          file: rel(file),
          message: `malformed XML at line ${ok.err.line}: ${ok.err.msg}`
        });
        continue;
      }
      if (file.endsWith('.permissionset-meta.xml')) {
        const doc = parser.parse(text).PermissionSet ?? {};
        for (const fp of [doc.fieldPermissions ?? []].flat()) {
          const [o, f] = String(fp.field).split('.');
          checkField(file, o, f, 'permission set grants');
        }
        for (const op of [doc.objectPermissions ?? []].flat()) {
          if (!fields.has(String(op.object))) {
            problems.push({
              file: rel(file),
              message: `permission set grants: unknown object ${op.object}`
            });
          }
        }
      }
      const objectDir = /objects[\\/]([^\\/]+)[\\/](listViews|compactLayouts)[\\/]/.exec(file);
      if (objectDir) {
        const doc = parser.parse(text);
        const body = doc.ListView ?? doc.CompactLayout ?? {};
        for (const c of [body.columns ?? body.fields ?? []].flat()) {
          const name = String(c);
          if (/^[A-Z_]+$/.test(name)) continue; // standard column tokens (NAME, CREATED_DATE)
          checkField(
            file,
            objectDir[1],
            name,
            objectDir[2] === 'listViews' ? 'list view column' : 'compact layout field'
          );
        }
      }
    }
    if (file.endsWith('.js') && file.includes(`${join('lwc')}`) && !file.includes('__tests__')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /@salesforce\/schema\/([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_.]+))?/g
      )) {
        if (!m[2]) {
          if (!fields.has(m[1]))
            problems.push({ file: rel(file), message: `schema import: unknown object ${m[1]}` });
        } else checkField(file, m[1], m[2].split('.')[0].replace(/__r$/, '__c'), 'schema import');
      }
      for (const m of text.matchAll(/@salesforce\/label\/c\.([A-Za-z0-9_]+)/g)) {
        if (!labels.has(m[1]))
          problems.push({ file: rel(file), message: `label c.${m[1]} is not in labels/` });
      }
      if (/@salesforce\/apex/.test(text))
        problems.push({ file: rel(file), message: 'imports Apex (@salesforce/apex): not allowed' });
    }
  }

  const configFile = join(root, 'config', 'coaching.config.json');
  if (existsSync(configFile)) {
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as CoachingConfig;
    for (const name of referencedLabels(config)) {
      if (!labels.has(name))
        problems.push({ file: rel(configFile), message: `label ${name} is not in labels/` });
    }
  }

  // The sync's SOQL: every plain field of the FROM object exists.
  for (const file of walk(join(root, 'scripts', 'sync')).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/FROM (\w+__c)\b/g)) {
      if (!fields.has(m[1]))
        problems.push({ file: rel(file), message: `SOQL: unknown object ${m[1]}` });
    }
  }
  return problems;
}

if (require.main === module) {
  const problems = validate(process.argv[2] ?? resolve(__dirname, '..', '..'));
  for (const p of problems) process.stderr.write(`${p.file}: ${p.message}\n`);
  process.stderr.write(problems.length ? `${problems.length} problem(s)\n` : 'metadata OK\n');
  process.exit(problems.length ? 1 : 0);
}
