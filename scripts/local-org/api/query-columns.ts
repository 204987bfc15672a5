/**
 * `GET /query?q=...&columns=true`: the columns a query returns, without running it, as the
 * Salesforce CLI's `sf data query` reads them to lay out its table: one entry per selected
 * column, a relationship path (`Account.Name`) as a column with `joinColumns`.
 */
import { prepareSoql } from '../soql';
import type { SoqlDataSource } from '../types';

interface ColumnMetadata {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

function column(name: string, aggregate: boolean): ColumnMetadata {
  return {
    aggregate,
    apexType: null,
    booleanType: false,
    columnName: name,
    custom: name.endsWith('__c') || name.endsWith('__r'),
    displayName: name,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: false,
    updatable: false
  };
}

export function queryColumns(
  soql: string,
  source: SoqlDataSource,
  ctx: { now: Date; userId: string }
): Record<string, unknown> {
  const prepared = prepareSoql(soql, source, ctx);
  const schema = source.describe(prepared.sobject);
  const own = new Set((schema?.fields ?? []).map((f) => f.name));
  const top: ColumnMetadata[] = [];
  for (const path of prepared.columns) {
    const parts = path.split('.');
    let level = top;
    parts.forEach((part, i) => {
      let c = level.find((x) => x.columnName === part);
      if (!c) {
        // In an aggregate query, a column that is not a field of the object is a function.
        c = column(part, i === 0 && parts.length === 1 && prepared.isAggregate && !own.has(part));
        level.push(c);
      }
      level = c.joinColumns;
    });
  }
  return {
    columnMetadata: top,
    entityName: prepared.sobject,
    groupBy: prepared.isAggregate,
    idSelected: prepared.columns.includes('Id'),
    keyPrefix: schema?.keyPrefix ?? null
  };
}
