/**
 * Bulk API 1.0 (`/services/async/<version>/job`): jobs, batches (CSV or JSON), close, abort,
 * state, batch results, and query jobs with result sets, in XML or JSON as the request was.
 * jsforce's `bulk.load` and its `Query#update` / `Query#destroy` above 200 records use it.
 * Batches run when they arrive; every write goes through the store as the job's user.
 * (Bulk API 2.0 and Bulk API Developer Guide, "Bulk API" reference:
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/asynch_api_reference.htm)
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { csvLine, parseCsv } from '../../common/csv';
import { ApiError } from '../errors';
import { prepareSoql } from '../soql';
import type { Store } from '../store';
import { readBody } from './call';
import {
  type BulkOperation,
  columnValue,
  csvRecord,
  jobInfoHeader,
  writeBulkRecord
} from './bulk-write';

const NS = 'http://www.force.com/2009/06/asyncapi/dataload';

type Format = 'XML' | 'JSON';

interface Batch {
  id: string;
  state: 'Queued' | 'InProgress' | 'Completed' | 'Failed' | 'NotProcessed';
  stateMessage?: string;
  request: string;
  createdDate: string;
  processed: number;
  failed: number;
  /** Ingest results, one per record, in request order. */
  results: { id: string; success: boolean; created: boolean; error: string }[];
  /** Query results: the result set's columns and rows. */
  columns: string[];
  rows: Record<string, unknown>[];
  resultId: string;
}

interface Job {
  id: string;
  userId: string;
  operation: BulkOperation | 'query' | 'queryAll';
  object: string;
  externalIdFieldName?: string;
  contentType: 'CSV' | 'JSON';
  state: 'Open' | 'Closed' | 'Aborted' | 'Failed';
  createdDate: string;
  apiVersion: string;
  batches: Map<string, Batch>;
}

/**
 * A Bulk API 1.0 error, answered as `<error><exceptionCode/><exceptionMessage/></error>` (or its
 * JSON form) with HTTP 400, as jsforce and the Data Loader expect (Bulk API Developer Guide,
 * "Errors": https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/asynch_api_reference_errors.htm).
 */
export class BulkError extends Error {
  constructor(
    readonly exceptionCode: string,
    message: string,
    readonly statusCode = 400
  ) {
    super(message);
  }
}

const XML = new XMLParser({ ignoreAttributes: true, parseTagValue: false, removeNSPrefix: true });

function id(prefix: string): string {
  return `${prefix}8c${randomBytes(8).toString('hex').slice(0, 10)}AAA`;
}

function xmlEscape(v: unknown): string {
  return String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function toXml(root: string, value: Record<string, unknown>): string {
  const inner = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${NS}">${inner}</${root}>`;
}

export interface Bulk1Options {
  store: Store;
  now: () => Date;
  /** The session's user of a token, undefined when the token is not a session. */
  sessionUser(token: string): string | undefined;
  /** Counts the call against the daily API allocation; throws when it is spent. */
  countCall(): void;
  /** API versions the org serves. */
  versions: string[];
  oldestVersion: number;
}

export class BulkApi1 {
  private readonly jobs = new Map<string, Job>();
  private batches = 0;

  constructor(private readonly o: Bulk1Options) {}

  /** Batches created today (the DailyBulkApiBatches allocation). */
  batchCount(): number {
    return this.batches;
  }

  /** Closes or aborts an open job (aborting leaves its queued batches NotProcessed). */
  private setJobState(job: Job, text: string, res: ServerResponse, format: Format): void {
    const body = this.parse(text, format, 'jobInfo');
    const state = String(body.state ?? '');
    if (state !== 'Closed' && state !== 'Aborted') {
      throw new BulkError('InvalidJobState', `Invalid state: ${state}`);
    }
    if (job.state !== 'Open') {
      throw new BulkError('InvalidJobState', `Job ${job.id} is ${job.state}, not Open`);
    }
    job.state = state;
    if (state === 'Aborted') {
      for (const b of job.batches.values()) if (b.state === 'Queued') b.state = 'NotProcessed';
    }
    return this.send(res, 200, format, 'jobInfo', this.jobInfo(job));
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    // The answer's format follows the request's: JSON when the body or Accept is JSON.
    const type = String(req.headers['content-type'] ?? '');
    let format: Format = /json/i.test(type) ? 'JSON' : 'XML';
    try {
      const m = /^\/services\/async\/(\d+)\.(\d)\/(.*)$/.exec(path);
      if (!m) throw new BulkError('InvalidUrl', `Unknown Bulk API resource: ${path}`, 404);
      const version = `${m[1]}.${m[2]}`;
      // The session first, as on every resource: a bad token is InvalidSessionId on any path.
      const token = String(req.headers['x-sfdc-session'] ?? '').replace(/^(Bearer|OAuth)\s+/i, '');
      const userId = token ? this.o.sessionUser(token) : undefined;
      if (!userId) throw new BulkError('InvalidSessionId', 'Invalid session id');
      // Retired versions answer 400 InvalidVersion ("API End-of-Life Policy",
      // https://developer.salesforce.com/docs/atlas.en-us.securityImplGuide.meta/securityImplGuide/api_rest_eol.htm).
      if (Number(m[1]) < this.o.oldestVersion || !this.o.versions.includes(version)) {
        throw new BulkError('InvalidVersion', `Invalid api version specified on URL: ${version}`);
      }
      this.o.countCall();
      const parts = m[3].split('/').filter((p) => p);
      const method = req.method ?? 'GET';
      if (parts[0] !== 'job')
        throw new BulkError('InvalidUrl', `Unknown Bulk API resource: ${path}`, 404);
      if (parts.length === 1 && method === 'POST') {
        return this.createJob(await readBody(req), format, version, userId, res);
      }
      const job = this.jobs.get(parts[1] ?? '');
      if (!job || job.userId !== userId) {
        throw new BulkError('InvalidJob', `Invalid job id: ${parts[1] ?? ''}`);
      }
      if (type === '') format = job.contentType === 'JSON' ? 'JSON' : 'XML';
      if (parts.length === 2 && method === 'GET')
        return this.send(res, 200, format, 'jobInfo', this.jobInfo(job));
      if (parts.length === 2 && method === 'POST') {
        return this.setJobState(job, await readBody(req), res, format);
      }
      if (parts[2] !== 'batch')
        throw new BulkError('InvalidUrl', `Unknown Bulk API resource: ${path}`, 404);
      if (parts.length === 3 && method === 'POST') {
        return this.addBatch(job, await readBody(req), res, format);
      }
      if (parts.length === 3 && method === 'GET') {
        const list = [...job.batches.values()].map((b) => this.batchInfo(job, b));
        if (format === 'JSON')
          return this.sendText(res, 200, 'application/json', JSON.stringify({ batchInfo: list }));
        const inner = list
          .map((b) =>
            toXml('batchInfo', b)
              .replace(/^<\?xml[^>]*>/, '')
              .replace(` xmlns="${NS}"`, '')
          )
          .join('');
        return this.sendText(
          res,
          200,
          'application/xml',
          `<?xml version="1.0" encoding="UTF-8"?><batchInfoList xmlns="${NS}">${inner}</batchInfoList>`
        );
      }
      const batch = job.batches.get(parts[3] ?? '');
      if (!batch) throw new BulkError('InvalidBatch', `Invalid batch id: ${parts[3] ?? ''}`);
      if (method !== 'GET')
        throw new BulkError('InvalidUrl', `HTTP method ${method} not allowed on ${path}`, 405);
      if (parts.length === 4)
        return this.send(res, 200, format, 'batchInfo', this.batchInfo(job, batch));
      if (parts.length === 5 && parts[4] === 'request') {
        return this.sendText(
          res,
          200,
          job.contentType === 'JSON' ? 'application/json' : 'text/csv',
          batch.request
        );
      }
      if (parts[4] !== 'result' || parts.length > 6)
        throw new BulkError('InvalidUrl', `Unknown Bulk API resource: ${path}`, 404);
      if (batch.state !== 'Completed') {
        throw new BulkError('InvalidBatch', `Batch not completed: ${batch.state}`);
      }
      const query = job.operation === 'query' || job.operation === 'queryAll';
      if (parts.length === 5 && !query) return this.ingestResults(res, job, batch);
      if (parts.length === 5) {
        if (job.contentType === 'JSON')
          return this.sendText(res, 200, 'application/json', JSON.stringify([batch.resultId]));
        return this.sendText(
          res,
          200,
          'application/xml',
          `<?xml version="1.0" encoding="UTF-8"?><result-list xmlns="${NS}"><result>${batch.resultId}</result></result-list>`
        );
      }
      if (!query || parts[5] !== batch.resultId) {
        throw new BulkError('InvalidBatch', `Invalid result id: ${parts[5]}`);
      }
      return this.queryResult(res, job, batch);
    } catch (e) {
      if (e instanceof ApiError) {
        // A store or SOQL error outside a record's own result (an unknown object ...).
        const quota = e.errorCode === 'REQUEST_LIMIT_EXCEEDED';
        return this.fail(
          res,
          format,
          quota
            ? new BulkError('ExceededQuota', e.message, 403)
            : new BulkError('InvalidBatch', `${e.errorCode}: ${e.message}`)
        );
      }
      if (!(e instanceof BulkError)) throw e;
      return this.fail(res, format, e);
    }
  }

  private fail(res: ServerResponse, format: Format, e: BulkError): void {
    if (format === 'JSON') {
      return this.sendText(
        res,
        e.statusCode,
        'application/json',
        JSON.stringify({ exceptionCode: e.exceptionCode, exceptionMessage: e.message })
      );
    }
    this.sendText(
      res,
      e.statusCode,
      'application/xml',
      toXml('error', { exceptionCode: e.exceptionCode, exceptionMessage: e.message })
    );
  }

  private sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
    this.o.store.commit();
    res.writeHead(status, {
      'Content-Type': `${contentType}; charset=UTF-8`,
      Date: this.o.now().toUTCString()
    });
    res.end(text);
  }

  private send(
    res: ServerResponse,
    status: number,
    format: Format,
    root: string,
    value: Record<string, unknown>
  ): void {
    if (format === 'JSON')
      return this.sendText(res, status, 'application/json', JSON.stringify(value));
    this.sendText(res, status, 'application/xml', toXml(root, value));
  }

  private parse(text: string, format: Format, root: string): Record<string, unknown> {
    try {
      if (format === 'JSON') return JSON.parse(text) as Record<string, unknown>;
      const doc = XML.parse(text) as Record<string, Record<string, unknown>>;
      if (!doc[root]) throw new Error(`no ${root} element`);
      return doc[root];
    } catch (e) {
      throw new BulkError(
        'InvalidXML',
        `The request body is not a valid ${root}: ${(e as Error).message}`
      );
    }
  }

  private stamp(): string {
    return this.o.now().toISOString();
  }

  private createJob(
    text: string,
    format: Format,
    version: string,
    userId: string,
    res: ServerResponse
  ): void {
    const body = this.parse(text, format, 'jobInfo');
    const operation = String(body.operation ?? '');
    if (!['insert', 'update', 'upsert', 'delete', 'query', 'queryAll'].includes(operation)) {
      throw new BulkError('InvalidJob', `Invalid operation: ${operation}`);
    }
    const schema = this.o.store.viewFor(userId).describe(String(body.object ?? ''));
    if (!schema)
      throw new BulkError('InvalidJob', `Unable to find object: ${String(body.object ?? '')}`);
    const ext =
      body.externalIdFieldName === undefined ? undefined : String(body.externalIdFieldName);
    if (operation === 'upsert' && !ext) {
      throw new BulkError('InvalidJob', 'External ID was blank for upsert');
    }
    const contentType = String(body.contentType ?? 'CSV');
    if (contentType !== 'CSV' && contentType !== 'JSON') {
      throw new BulkError(
        'InvalidJob',
        `Unsupported content type: ${contentType} (CSV and JSON are served)`
      );
    }
    const job: Job = {
      id: id('750'),
      userId,
      operation: operation as Job['operation'],
      object: schema.name,
      externalIdFieldName: ext,
      contentType,
      state: 'Open',
      createdDate: this.stamp(),
      apiVersion: version,
      batches: new Map()
    };
    this.jobs.set(job.id, job);
    this.send(res, 201, format, 'jobInfo', this.jobInfo(job));
  }

  private jobInfo(job: Job): Record<string, unknown> {
    const batches = [...job.batches.values()];
    const count = (s: Batch['state']) => batches.filter((b) => b.state === s).length;
    return {
      ...jobInfoHeader(job, this.stamp()),
      contentType: job.contentType,
      numberBatchesQueued: count('Queued'),
      numberBatchesInProgress: count('InProgress'),
      numberBatchesCompleted: count('Completed'),
      numberBatchesFailed: count('Failed'),
      numberBatchesTotal: batches.length,
      numberRecordsProcessed: batches.reduce((n, b) => n + b.processed, 0),
      numberRetries: 0,
      apiVersion: job.apiVersion,
      numberRecordsFailed: batches.reduce((n, b) => n + b.failed, 0),
      totalProcessingTime: 0,
      apiActiveProcessingTime: 0,
      apexProcessingTime: 0
    };
  }

  private batchInfo(job: Job, b: Batch): Record<string, unknown> {
    return {
      id: b.id,
      jobId: job.id,
      state: b.state,
      stateMessage: b.stateMessage,
      createdDate: b.createdDate,
      systemModstamp: b.createdDate,
      numberRecordsProcessed: b.processed,
      numberRecordsFailed: b.failed,
      totalProcessingTime: 0,
      apiActiveProcessingTime: 0,
      apexProcessingTime: 0
    };
  }

  /** Adds a batch to an open job and runs it (Bulk API: "Add a Batch to a Job"). */
  private addBatch(job: Job, text: string, res: ServerResponse, format: Format): void {
    if (job.state !== 'Open') {
      throw new BulkError(
        'InvalidJobState',
        `Job ${job.id} is ${job.state}: batches can be added only to an open job`
      );
    }
    const batch: Batch = {
      id: id('751'),
      state: 'InProgress',
      request: text,
      createdDate: this.stamp(),
      processed: 0,
      failed: 0,
      results: [],
      columns: [],
      rows: [],
      resultId: ''
    };
    job.batches.set(batch.id, batch);
    this.batches++;
    if (job.operation === 'query' || job.operation === 'queryAll') this.runQuery(job, batch);
    else this.runIngest(job, batch);
    this.send(res, 201, format, 'batchInfo', this.batchInfo(job, batch));
  }

  private runQuery(job: Job, batch: Batch): void {
    try {
      const prepared = prepareSoql(batch.request, this.o.store.viewFor(job.userId), {
        now: this.o.now(),
        userId: job.userId,
        includeDeleted: job.operation === 'queryAll'
      });
      if (prepared.isAggregate)
        throw new BulkError('InvalidBatch', 'Aggregate queries are not supported by Bulk API');
      batch.columns = prepared.columns;
      batch.rows = [...prepared.rows()];
      batch.processed = batch.rows.length;
      batch.resultId = id('752');
      batch.state = 'Completed';
    } catch (e) {
      if (!(e instanceof ApiError) && !(e instanceof BulkError)) throw e;
      batch.state = 'Failed';
      batch.stateMessage = e instanceof ApiError ? `${e.errorCode}: ${e.message}` : e.message;
    }
  }

  private runIngest(job: Job, batch: Batch): void {
    let records: Record<string, unknown>[];
    try {
      if (job.contentType === 'JSON') {
        const parsed = JSON.parse(batch.request) as unknown;
        if (!Array.isArray(parsed)) throw new Error('a JSON batch is an array of records');
        records = parsed as Record<string, unknown>[];
      } else {
        const rows = parseCsv(batch.request);
        const header = rows.shift() ?? [];
        records = rows
          .filter((c) => !(c.length === 1 && c[0] === ''))
          .map((c) => csvRecord(header, c));
      }
    } catch (e) {
      batch.state = 'Failed';
      batch.stateMessage = `InvalidBatch : ${(e as Error).message}`;
      return;
    }
    const ctx = { userId: job.userId, now: this.o.now() };
    for (const record of records) {
      const out = writeBulkRecord(
        this.o.store,
        ctx,
        job.apiVersion,
        job.object,
        job.operation as BulkOperation,
        job.externalIdFieldName,
        record
      );
      batch.processed++;
      if (out.error) batch.failed++;
      batch.results.push({
        id: out.id,
        success: !out.error,
        created: out.created,
        error: out.error
      });
    }
    batch.state = 'Completed';
  }

  /** Ingest batch results: one row per record, in request order ("Get Batch Results"). */
  private ingestResults(res: ServerResponse, job: Job, batch: Batch): void {
    if (job.contentType === 'JSON') {
      return this.sendText(
        res,
        200,
        'application/json',
        JSON.stringify(
          batch.results.map((r) => ({
            id: r.id || null,
            success: r.success,
            created: r.created,
            errors: r.error
              ? [{ message: r.error, fields: [], statusCode: r.error.split(':')[0] }]
              : []
          }))
        )
      );
    }
    const quoted = (values: unknown[]) =>
      `${values.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(',')}\n`;
    let text = quoted(['Id', 'Success', 'Created', 'Error']);
    for (const r of batch.results) text += quoted([r.id, r.success, r.created, r.error]);
    this.sendText(res, 200, 'text/csv', text);
  }

  /** A query batch's result set ("Get Batch Results" for query jobs). */
  private queryResult(res: ServerResponse, job: Job, batch: Batch): void {
    if (job.contentType === 'JSON') {
      return this.sendText(res, 200, 'application/json', JSON.stringify(batch.rows));
    }
    let text = csvLine(batch.columns);
    for (const row of batch.rows) text += csvLine(batch.columns.map((c) => columnValue(row, c)));
    this.sendText(res, 200, 'text/csv', text);
  }
}
