/**
 * The sync's writes: upserts by external id (/composite/sobjects in batches of 200, Bulk API 2.0
 * ingest above a threshold) and the manual shares of the rows it owns.
 */
import { csvLine, parseCsv } from '../common/csv';
import { Api, API_VERSION, type Row } from './api';

export interface Failure {
  object: string;
  key: string;
  errorCode: string;
  message: string;
}

export interface Written {
  written: number;
  failures: Failure[];
}

/** CSV of one Bulk API 2.0 ingest job (the API takes up to 100 MB base64-encoded). */
const BULK_JOB_BYTES = 20 * 1024 * 1024;

export interface Load {
  object: string;
  ext: string;
  columns: readonly string[];
  batches: () => AsyncGenerator<Row[]> | AsyncGenerator<readonly Row[]>;
  count: number;
  /** Rows above which Bulk API 2.0 ingest loads them instead of /composite/sobjects. */
  threshold: number;
}

const isBlankCell = (v: unknown) => v === null || v === undefined || v === '';

/** Upserts by external id: /composite/sobjects in batches of 200, Bulk API 2.0 above a threshold. */
export async function upsertAll(
  api: Api,
  load: Load,
  log: (line: string) => void,
  checkpoint: (name: string) => void
): Promise<Written> {
  const { object, ext, count } = load;
  if (count === 0) return { written: 0, failures: [] };
  if (count > load.threshold) return bulkUpsertAll(api, load, log, checkpoint);
  const failures: Failure[] = [];
  let written = 0;
  let done = 0;
  for await (const rows of load.batches()) {
    for (let i = 0; i < rows.length; i += 200) {
      const batch = rows.slice(i, i + 200);
      const result = await sendCollection(api, 'PATCH', object, batch, ext, (r) => String(r[ext]));
      written += result.written;
      failures.push(...result.failures);
      done += batch.length;
      log(`load: ${object} ${done}/${count}`);
      api.report(`load ${object}`, done, count);
      checkpoint(`loaded:${object}:${Math.ceil(done / 200)}`);
    }
  }
  return { written, failures };
}

/** The rows through Bulk API 2.0 ingest, a job per BULK_JOB_BYTES of CSV. */
async function bulkUpsertAll(
  api: Api,
  load: Load,
  log: (line: string) => void,
  checkpoint: (name: string) => void
): Promise<Written> {
  const { object, count } = load;
  const failures: Failure[] = [];
  let written = 0;
  log(`load: ${count} ${object} rows through Bulk API 2.0`);
  // The CSV is built as the rows are read, a job's worth at a time, so that only text waits.
  const header = csvLine([...load.columns]);
  let csv = header;
  let rows = 0;
  let done = 0;
  const send = async () => {
    const result = await bulkUpsert(api, load, csv);
    written += result.written;
    failures.push(...result.failures);
    done += rows;
    api.report(`load ${object}`, done, count);
    csv = header;
    rows = 0;
  };
  for await (const batch of load.batches()) {
    for (const r of batch) {
      // '#N/A' empties a field in Bulk API 2.0's CSV; an empty cell leaves it as it is, so a
      // blank value (no risk flag) is sent as '#N/A' too ("Valid CSV Record Rows",
      // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_bulk_v2/datafiles_csv_valid_record_rows.htm).
      csv += csvLine(load.columns.map((c) => (isBlankCell(r[c]) ? '#N/A' : r[c])));
      rows++;
    }
    if (csv.length > BULK_JOB_BYTES) await send();
  }
  if (rows) await send();
  checkpoint(`loaded:${object}`);
  return { written, failures };
}

/** Manual Read shares of the rows the sync owns: which rows, and who gets each. */
export interface ShareSpec {
  object: string;
  /** The rows to share: SELECT Id and the fields `to` reads. */
  soql: string;
  /** WHERE clause (over the object) of the rows whose shares are read. */
  where: string;
  to: (row: Row) => (string | null | undefined)[];
}

/**
 * Grants Read (RowCause Manual, <object>__Share) on each row to the users `to` names. A record's
 * owner may share it by hand:
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_associated_objects_share.htm
 * Shares already granted are read first, so a second run grants none.
 */
export async function shareRows(api: Api, spec: ShareSpec): Promise<Written> {
  const share = spec.object.replace(/__c$/, '__Share');
  const rows = await api.query('share query', spec.soql);
  const granted = new Set(
    (
      await api.query(
        'share query',
        `SELECT ParentId, UserOrGroupId FROM ${share} WHERE RowCause = 'Manual' AND ParentId IN (SELECT Id FROM ${spec.object} WHERE ${spec.where})`
      )
    ).map((r) => `${r.ParentId}:${r.UserOrGroupId}`)
  );
  const missing: Row[] = [];
  for (const row of rows) {
    for (const to of spec.to(row)) {
      if (!to || granted.has(`${row.Id}:${to}`)) continue;
      granted.add(`${row.Id}:${to}`);
      missing.push({ ParentId: row.Id, UserOrGroupId: to, AccessLevel: 'Read' });
    }
  }
  const failures: Failure[] = [];
  let written = 0;
  for (let i = 0; i < missing.length; i += 200) {
    const result = await sendCollection(
      api,
      'POST',
      share,
      missing.slice(i, i + 200),
      null,
      (r) => `${r.ParentId}:${r.UserOrGroupId}`
    );
    written += result.written;
    failures.push(...result.failures);
  }
  return { written, failures };
}

/**
 * Up to 200 records through /composite/sobjects: created (POST) or upserted by an external id
 * (PATCH), allOrNone false; each failure named by `keyOf`.
 */
async function sendCollection(
  api: Api,
  method: 'POST' | 'PATCH',
  object: string,
  batch: readonly Row[],
  ext: string | null,
  keyOf: (row: Row) => string
): Promise<Written> {
  const results = await api.request<
    { success: boolean; errors: { statusCode: string; message: string }[] }[]
  >(
    method === 'POST' ? 'create' : 'upsert',
    method,
    `/services/data/v${API_VERSION}/composite/sobjects${ext ? `/${object}/${ext}` : ''}`,
    {
      allOrNone: false,
      records: batch.map((r) => ({ attributes: { type: object }, ...r }))
    }
  );
  let written = 0;
  const failures: Failure[] = [];
  results.forEach((r, k) => {
    if (r.success) written++;
    else {
      const e = r.errors[0] ?? { statusCode: 'UNKNOWN', message: '' };
      failures.push({ object, key: keyOf(batch[k]), errorCode: e.statusCode, message: e.message });
    }
  });
  return { written, failures };
}

/** One Bulk API 2.0 upsert job: create, upload the CSV, close, wait, read the failures. */
async function bulkUpsert(api: Api, load: Load, csv: string): Promise<Written> {
  const base = `/services/data/v${API_VERSION}/jobs/ingest`;
  const job = await api.json<{ id: string }>('POST', base, {
    object: load.object,
    operation: 'upsert',
    externalIdFieldName: load.ext,
    contentType: 'CSV',
    lineEnding: 'LF'
  });
  await api.retry('bulk upload', () =>
    api.fetch('PUT', `${base}/${job.id}/batches`, { body: csv, contentType: 'text/csv' })
  );
  await api.json('PATCH', `${base}/${job.id}`, { state: 'UploadComplete' });
  let info: {
    state: string;
    numberRecordsProcessed: number;
    numberRecordsFailed: number;
    errorMessage?: string;
  };
  for (let wait = 100; ; wait = Math.min(wait * 2, 5000)) {
    info = await api.json('GET', `${base}/${job.id}`);
    if (info.state === 'JobComplete') break;
    if (info.state === 'Failed' || info.state === 'Aborted') {
      throw new Error(
        `bulk load of ${load.object} ${info.state.toLowerCase()}: ${info.errorMessage ?? ''}`
      );
    }
    await new Promise((r) => setTimeout(r, wait));
  }
  const failures: Failure[] = [];
  if (info.numberRecordsFailed > 0) {
    const text = await api.retry('bulk failures', async () =>
      (await api.fetch('GET', `${base}/${job.id}/failedResults`, { accept: 'text/csv' })).text()
    );
    const [header, ...lines] = parseCsv(text);
    const at = (name: string) => header.indexOf(name);
    for (const cells of lines) {
      const [code, ...rest] = String(cells[at('sf__Error')]).split(':');
      failures.push({
        object: load.object,
        key: cells[at(load.ext)],
        errorCode: code,
        message: rest.join(':')
      });
    }
  }
  return { written: info.numberRecordsProcessed - info.numberRecordsFailed, failures };
}
