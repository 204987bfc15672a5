/**
 * Bulk API 2.0: query jobs (results as CSV pages with Sforce-Locator) and ingest jobs (CSV
 * uploads written through the same rules as the REST API), as the session's user.
 * (Bulk API 2.0 and Bulk API Developer Guide:
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_0.htm)
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { csvLine, parseCsv } from '../../common/csv';
import { ApiError } from '../errors';
import { API_VERSION, prepareSoql } from '../soql';
import type { Store } from '../store';
import type { SObjectSchema } from '../types';
import { columnValue, csvRecord, jobInfoHeader, writeBulkRecord } from './bulk-write';
import { parseJson, readBody } from './call';

/** A query job is processed once its time has come (at once, unless the org was told otherwise). */
const complete = (job: BulkQueryJob) => Date.now() >= job.readyAt;

/**
 * "Get Results for a Query Job": the job must have the state JobComplete; before, the answer is
 * 412 JOB_NOT_COMPLETE (Bulk API 2.0 Developer Guide, its example of a failed request:
 * https://developer.salesforce.com/docs/atlas.ja-jp.222.0.api_bulk_v2.meta/api_bulk_v2/query_get_job_results.htm;
 * current page: https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm).
 * The job's query ran once, when it was created: its results are read page by page from there.
 */
function requireComplete(job: BulkQueryJob): void {
  if (complete(job)) return;
  throw new ApiError(
    412,
    'JOB_NOT_COMPLETE',
    'can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: IN_PROGRESS'
  );
}

// Without maxRecords, one page holds up to a million rows (streamed), as large pages are what
// Salesforce serves; clients ask for smaller pages with maxRecords.
const BULK_PAGE = 1000000;

interface Session {
  userId: string;
}

interface BulkQueryJob {
  id: string;
  userId: string;
  query: string;
  operation: 'query' | 'queryAll';
  columns: string[];
  numberRecordsProcessed: number;
  /** The job's rows from where the last results page ended; null once the last page is read. */
  iterator: Iterator<Record<string, unknown>> | null;
  position: number;
  createdDate: string;
  /** When the job is processed (wall clock, ms): it is InProgress until then. */
  readyAt: number;
}

interface IngestJob {
  id: string;
  userId: string;
  object: string;
  operation: 'insert' | 'update' | 'upsert' | 'delete';
  externalIdFieldName?: string;
  state: 'Open' | 'UploadComplete' | 'JobComplete' | 'Aborted' | 'Failed';
  csv: string[];
  successful: string[];
  failed: string[];
  header: string[];
  processed: number;
  failedCount: number;
  createdDate: string;
}

/** What the jobs need of the server: the store, its clock, and its way of answering. */
export interface BulkApi2Deps {
  store: Store;
  now: () => Date;
  limitHeader: () => string;
  send: (res: ServerResponse, status: number, body: unknown) => void;
  /** The object as the user sees it; a missing or unreadable one is NOT_FOUND. */
  describeObject: (name: string, userId: string) => SObjectSchema;
  /** How long a query job stays InProgress after it is created (ms; default 0). */
  queryJobMs?: number;
}

export class BulkApi2 {
  private readonly queryJobs = new Map<string, BulkQueryJob>();
  private readonly ingestJobs = new Map<string, IngestJob>();
  /** Ingest jobs created, counted against DailyBulkApiBatches (deleted ones too). */
  ingestJobsCreated = 0;

  constructor(private readonly deps: BulkApi2Deps) {}

  queryJobCount(): number {
    return this.queryJobs.size;
  }

  private jobInfo(job: BulkQueryJob) {
    return {
      id: job.id,
      operation: job.operation,
      object: prepareObjectName(job.query),
      createdById: job.userId,
      createdDate: job.createdDate,
      systemModstamp: job.createdDate,
      state: complete(job) ? 'JobComplete' : 'InProgress',
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(API_VERSION.slice(1)),
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      numberRecordsProcessed: job.numberRecordsProcessed,
      retries: 0,
      totalProcessingTime: 0
    };
  }

  async query(
    rest: string[],
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    session: Session
  ): Promise<void> {
    if (rest.length === 0 && method === 'POST') {
      const body = parseJson(await readBody(req)) as { query?: string; operation?: string };
      if (!body.query) throw new ApiError(400, 'INVALIDJOB', 'query is required');
      const operation = body.operation === 'queryAll' ? 'queryAll' : 'query';
      const prepared = prepareSoql(body.query, this.deps.store.viewFor(session.userId), {
        now: this.deps.now(),
        userId: session.userId,
        includeDeleted: operation === 'queryAll'
      });
      if (prepared.isAggregate) {
        throw new ApiError(400, 'API_ERROR', 'Aggregate queries are not supported by Bulk API 2.0');
      }
      const run = prepared.run();
      const job: BulkQueryJob = {
        id: `7508c${randomBytes(7).toString('hex').slice(0, 13)}`,
        userId: session.userId,
        query: body.query,
        operation,
        columns: prepared.columns,
        numberRecordsProcessed: run.totalSize,
        iterator: run.rows()[Symbol.iterator](),
        position: 0,
        createdDate: this.deps.now().toISOString().replace('Z', '+0000'),
        readyAt: Date.now() + (this.deps.queryJobMs ?? 0)
      };
      this.queryJobs.set(job.id, job);
      return this.deps.send(res, 200, { ...this.jobInfo(job), state: 'UploadComplete' });
    }
    if (rest.length === 0 && method === 'GET') {
      // "Get Information About All Query Jobs": every user's jobs in the org, at most 1,000 a
      // page, the rest through nextRecordsUrl (queryLocator); the order is not specified, and
      // here it is the order of creation.
      // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_all_jobs.htm
      const all = [...this.queryJobs.values()];
      const from = Number(url.searchParams.get('queryLocator') ?? 0) || 0;
      const records = all.slice(from, from + 1000).map((j) => this.jobInfo(j));
      const done = from + 1000 >= all.length;
      return this.deps.send(res, 200, {
        done,
        records,
        nextRecordsUrl: done
          ? null
          : `/services/data/${API_VERSION}/jobs/query?queryLocator=${from + 1000}`
      });
    }
    const job = this.queryJobs.get(rest[0] ?? '');
    if (!job || job.userId !== session.userId) {
      throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    if (rest.length === 1 && method === 'GET') return this.deps.send(res, 200, this.jobInfo(job));
    if (rest.length === 1 && method === 'DELETE') {
      this.queryJobs.delete(job.id);
      return this.deps.send(res, 204, undefined);
    }
    if (rest[1] === 'results' && method === 'GET') {
      requireComplete(job);
      const locator = Number(url.searchParams.get('locator') ?? '0');
      const max = Math.min(
        Number(url.searchParams.get('maxRecords') ?? BULK_PAGE) || BULK_PAGE,
        1000000
      );
      if (!job.iterator || locator !== job.position) {
        // Restart from the beginning (a repeated or out-of-order page) and skip to the locator.
        const prepared = prepareSoql(job.query, this.deps.store.viewFor(session.userId), {
          now: this.deps.now(),
          userId: session.userId,
          includeDeleted: job.operation === 'queryAll'
        });
        job.iterator = prepared.rows()[Symbol.iterator]();
        job.position = 0;
        while (job.position < locator && !job.iterator.next().done) job.position++;
      }
      const end = Math.min(job.position + max, job.numberRecordsProcessed);
      const count = end - job.position;
      res.writeHead(200, {
        'Content-Type': 'text/csv',
        'Sforce-Limit-Info': this.deps.limitHeader(),
        Date: this.deps.now().toUTCString(),
        'Sforce-Locator': end >= job.numberRecordsProcessed ? 'null' : String(end),
        'Sforce-NumberOfRecords': String(count)
      });
      let chunk = csvLine(job.columns);
      while (job.position < end) {
        const next = job.iterator.next();
        if (next.done) break;
        job.position++;
        chunk += csvLine(job.columns.map((c) => columnValue(next.value, c)));
        if (chunk.length > 1 << 16) {
          if (!res.write(chunk)) {
            // A client that hangs up must not leave this page waiting for 'drain' forever.
            await new Promise<void>((r) => {
              const done = () => {
                res.off('drain', done);
                res.off('close', done);
                r();
              };
              res.on('drain', done);
              res.on('close', done);
            });
            if (res.destroyed) return;
          }
          chunk = '';
        }
      }
      // The last page read: the rows are let go (a page asked for again runs the query again).
      if (end >= job.numberRecordsProcessed) job.iterator = null;
      res.end(chunk);
      return;
    }
    throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  // ------------------------------------------------------------------ Bulk API 2.0 ingest

  private ingestInfo(job: IngestJob) {
    return {
      ...jobInfoHeader(job, job.createdDate),
      contentType: 'CSV',
      apiVersion: Number(API_VERSION.slice(1)),
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      numberRecordsProcessed: job.processed,
      numberRecordsFailed: job.failedCount,
      retries: 0,
      totalProcessingTime: 0
    };
  }

  async ingest(
    rest: string[],
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    session: Session
  ): Promise<void> {
    if (rest.length === 0 && method === 'POST') {
      const body = parseJson(await readBody(req)) as {
        object?: string;
        operation?: IngestJob['operation'];
        externalIdFieldName?: string;
      };
      const schema = this.deps.describeObject(body.object ?? '', session.userId);
      if (!body.operation || !['insert', 'update', 'upsert', 'delete'].includes(body.operation)) {
        throw new ApiError(400, 'INVALIDJOB', `Unsupported operation ${String(body.operation)}`);
      }
      if (body.operation === 'upsert' && !body.externalIdFieldName) {
        throw new ApiError(400, 'INVALIDJOB', 'externalIdFieldName is required for upsert');
      }
      const job: IngestJob = {
        id: `7508c${randomBytes(7).toString('hex').slice(0, 13)}`,
        userId: session.userId,
        object: schema.name,
        operation: body.operation,
        externalIdFieldName: body.externalIdFieldName,
        state: 'Open',
        csv: [],
        successful: [],
        failed: [],
        header: [],
        processed: 0,
        failedCount: 0,
        createdDate: this.deps.now().toISOString().replace('Z', '+0000')
      };
      this.ingestJobs.set(job.id, job);
      this.ingestJobsCreated++;
      return this.deps.send(res, 200, this.ingestInfo(job));
    }
    if (rest.length === 0 && method === 'GET') {
      // Get All Jobs: this user's ingest jobs in one page. (Bulk API 2.0 Developer Guide, "Get
      // Information About All Ingest Jobs":
      // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_all_jobs.htm)
      const records = [...this.ingestJobs.values()]
        .filter((j) => j.userId === session.userId)
        .map((j) => this.ingestInfo(j));
      return this.deps.send(res, 200, { done: true, records, nextRecordsUrl: null });
    }
    const job = this.ingestJobs.get(rest[0] ?? '');
    if (!job || job.userId !== session.userId) {
      throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    if (rest.length === 1 && method === 'GET')
      return this.deps.send(res, 200, this.ingestInfo(job));
    if (rest[1] === 'batches' && method === 'PUT') {
      if (job.state !== 'Open')
        throw new ApiError(400, 'INVALIDJOB', 'Job is not open for uploads');
      job.csv.push(await readBody(req));
      return this.deps.send(res, 201, undefined);
    }
    if (rest.length === 1 && method === 'PATCH') {
      const body = parseJson(await readBody(req)) as { state?: string };
      if (body.state === 'Aborted') {
        job.state = 'Aborted';
      } else if (body.state === 'UploadComplete') {
        this.runIngest(job);
      } else {
        throw new ApiError(400, 'INVALIDJOB', `Unsupported state ${String(body.state)}`);
      }
      return this.deps.send(res, 200, this.ingestInfo(job));
    }
    if (
      method === 'GET' &&
      ['successfulResults', 'failedResults', 'unprocessedrecords'].includes(rest[1])
    ) {
      const body =
        rest[1] === 'successfulResults'
          ? csvLine(['sf__Id', 'sf__Created', ...job.header]) + job.successful.join('')
          : rest[1] === 'failedResults'
            ? csvLine(['sf__Id', 'sf__Error', ...job.header]) + job.failed.join('')
            : csvLine(job.header);
      res.writeHead(200, {
        'Content-Type': 'text/csv',
        'Sforce-Limit-Info': this.deps.limitHeader()
      });
      res.end(body);
      return;
    }
    if (rest.length === 1 && method === 'DELETE') {
      this.ingestJobs.delete(job.id);
      return this.deps.send(res, 204, undefined);
    }
    throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  private runIngest(job: IngestJob): void {
    const ctx = { userId: job.userId, now: this.deps.now() };
    for (const text of job.csv) {
      const rows = parseCsv(text);
      const header = rows.shift() ?? [];
      if (job.header.length === 0) job.header = header;
      for (const cells of rows) {
        if (cells.length === 1 && cells[0] === '') continue;
        job.processed++;
        const out = writeBulkRecord(
          this.deps.store,
          ctx,
          API_VERSION.slice(1),
          job.object,
          job.operation,
          job.externalIdFieldName,
          csvRecord(header, cells)
        );
        if (out.error) {
          job.failedCount++;
          job.failed.push(csvLine(['', out.error, ...cells]));
        } else {
          job.successful.push(csvLine([out.id, out.created, ...cells]));
        }
      }
    }
    job.csv = [];
    job.state = 'JobComplete';
  }
}

function prepareObjectName(soql: string): string {
  const m = /\bFROM\s+(\w+)/i.exec(soql);
  return m ? m[1] : '';
}
