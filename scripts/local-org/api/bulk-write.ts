/**
 * One bulk write, shared by Bulk API 1.0 batches and Bulk API 2.0 ingest jobs: each record is
 * written on its own through the store's write methods as the job's user, and reports its id,
 * whether it was created, or its error. CSV headers name fields in any case; an empty cell leaves
 * the field as it is and `#N/A` sets it to null.
 * (Bulk API 2.0 and Bulk API Developer Guide, "Prepare CSV Files" / "Valid Date Format in Records":
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/datafiles_prepare_csv.htm)
 */
import { ApiError } from '../errors';
import { normalizeId } from '../ids';
import type { Store, WriteContext } from '../store';
import { existingId, upsertRecord } from './collections';
import { canonicalRecord, valueOf } from './fields';

export type BulkOperation = 'insert' | 'update' | 'upsert' | 'delete';

export interface BulkOutcome {
  id: string;
  created: boolean;
  /** `CODE:message:fields--`, as Bulk API results word an error; empty on success. */
  error: string;
}

/** What a Bulk API 1.0 job and a Bulk API 2.0 ingest job both hold. */
export interface BulkJobHeader {
  id: string;
  userId: string;
  operation: string;
  object: string;
  externalIdFieldName?: string;
  state: string;
  createdDate: string;
}

/** The fields a Bulk API 1.0 JobInfo and a Bulk API 2.0 job info start with, in their order. */
export function jobInfoHeader(job: BulkJobHeader, systemModstamp: string) {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.userId,
    createdDate: job.createdDate,
    systemModstamp,
    state: job.state,
    externalIdFieldName: job.externalIdFieldName,
    concurrencyMode: 'Parallel'
  };
}

/** A CSV row as a record: blank cells left out, `#N/A` as null. */
export function csvRecord(header: string[], cells: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  header.forEach((h, i) => {
    const v = cells[i] ?? '';
    if (v === '') return;
    record[h] = v === '#N/A' ? null : v;
  });
  return record;
}

export function writeBulkRecord(
  store: Store,
  ctx: WriteContext,
  version: string,
  object: string,
  operation: BulkOperation,
  externalIdFieldName: string | undefined,
  input: Record<string, unknown>
): BulkOutcome {
  try {
    const record = canonicalRecord(store, object, input);
    if (operation === 'insert')
      return { id: store.insert(object, record, ctx).Id, created: true, error: '' };
    if (operation === 'upsert') {
      const ext = externalIdFieldName ?? 'Id';
      const r = upsertRecord(store, ctx, version, object, ext, valueOf(record, ext), record);
      return { id: r.row.Id, created: r.created, error: '' };
    }
    const { Id, ...fields } = record;
    const id = existingId(store, ctx.userId, Id);
    if (operation === 'update')
      return { id: store.update(object, id, fields, ctx).Id, created: false, error: '' };
    store.delete(object, id, ctx);
    return { id, created: false, error: '' };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const id = normalizeId(valueOf(input, 'Id')) ?? '';
    return { id, created: false, error: `${e.errorCode}:${e.message}:${e.fields.join(',')}--` };
  }
}

/** Flattened value of a REST-shaped record for a Bulk CSV column (Account.Name). */
export function columnValue(record: Record<string, unknown>, column: string): unknown {
  let v: unknown = record;
  for (const part of column.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}
