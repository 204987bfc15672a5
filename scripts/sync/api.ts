/**
 * The sync's side of the Salesforce API: one jsforce connection with every HTTP call counted,
 * transient faults retried with exponential backoff and jitter, the daily API allocation
 * watched, and extraction that streams (REST below a threshold, Bulk API 2.0 above it).
 * Every failure the API answers with is a SalesforceApiError.
 *
 * Calls go through jsforce's public `conn.request` (counted in `request`), except those made
 * with `fetch` below, which reads what `conn.request` does not give: it resolves to the parsed
 * body alone, without the answer's headers, and the sync needs two of them (`Sforce-Locator`,
 * which pages a Bulk API 2.0 query's results, and `Date`, the org's clock for the next run's
 * watermark). jsforce's own Bulk API 2.0 client (`conn.bulk2`) reads the locator but not as
 * this needs: it polls and reads one job at a time, where the sync opens all its jobs together
 * and polls only a job whose results are not ready when they are first asked for; and it yields
 * every value as text, where the sync types them from the describe. A result page that fails
 * half-way is read again from its start, which the sync resumes past the rows it already gave.
 */
import type { Connection } from 'jsforce';
import { CsvReader } from '../common/csv';
import {
  errorFromBody,
  SalesforceApiError,
  toSalesforceApiError
} from '../common/salesforce-error';
import {
  COMPOSITE_QUERIES,
  clean,
  pagesLeft,
  queryPage,
  restOrBulk,
  typed,
  type Paging,
  type QueryPage
} from './pages';

export const API_VERSION = '62.0';
const TRANSIENT_CODES = new Set([
  'SERVER_UNAVAILABLE',
  'REQUEST_LIMIT_EXCEEDED',
  'UNABLE_TO_LOCK_ROW',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT'
]);

/** The run stopped before using more than its share of the org's daily API allocation. */
export interface BudgetError extends Error {
  name: 'BudgetError';
}

export function isTransient(e: unknown): boolean {
  const err = e as {
    errorCode?: string;
    code?: string;
    name?: string;
    message?: string;
    statusCode?: number;
  };
  if (err?.name === 'BudgetError') return false;
  if (err?.errorCode === 'REQUEST_LIMIT_EXCEEDED' && /TotalRequests/.test(err.message ?? ''))
    return false;
  return (
    TRANSIENT_CODES.has(String(err?.errorCode ?? '')) ||
    TRANSIENT_CODES.has(String(err?.code ?? '')) ||
    TRANSIENT_CODES.has(String(err?.name ?? '')) ||
    /socket hang up|ECONNRESET|Service Unavailable|fetch failed|other side closed|terminated/i.test(
      err?.message ?? ''
    )
  );
}

/** One subrequest's answer in a /composite response. */
interface CompositeAnswer {
  referenceId: string;
  httpStatusCode: number;
  body: unknown;
}

/** A /composite subrequest that failed transiently fails its whole call (which is retried). */
function throwIfTransient(r: CompositeAnswer): void {
  const first = Array.isArray(r.body) ? (r.body[0] as { errorCode?: string }) : null;
  if (r.httpStatusCode >= 400 && first && isTransient(first))
    throw errorFromBody(r.httpStatusCode, r.body, 'subrequest failed');
}

export interface ApiOptions {
  /** Stop before the org's DailyApiRequests use passes this share (0–1). */
  maxApiShare: number;
  /**
   * Rows above which a query always runs as a Bulk API 2.0 job; at or under it, its pages go
   * through REST or a job, whichever costs fewer calls with the other queries' (restOrBulk).
   */
  bulkThreshold: number;
  retries: number;
  retryBaseMs: number;
  /** How long a Bulk API 2.0 query job may take before the run stops (ms). */
  bulkJobTimeoutMs: number;
  log: (line: string) => void;
  /** Rows done of a phase's total, as they stream (for a progress bar). */
  progress?: (phase: string, done: number, total: number) => void;
}

const PROGRESS_EVERY = 2000;

const COMPOSITE_SUBREQUESTS = 25;

/** What a call was, for the run's tally (the extract's calls by kind). */
export type CallKind =
  'composite' | 'REST page' | 'bulk job' | 'bulk status' | 'bulk results' | 'other';

export function callKind(method: string, path: string): CallKind {
  const p = path.split('?')[0].replace(/^\/services\/data\/v[\d.]+/, '');
  if (p === '/composite') return 'composite';
  if (/^\/query(All)?\/./.test(p)) return 'REST page';
  if (p === '/jobs/query') return method === 'POST' ? 'bulk job' : 'other';
  if (/^\/jobs\/query\/[^/]+\/results$/.test(p)) return 'bulk results';
  if (/^\/jobs\/query\/[^/]+$/.test(p) && method === 'GET') return 'bulk status';
  return 'other';
}

export class Api {
  calls = 0;
  /** The calls by kind (each also counted in `calls`). */
  readonly callsBy: Partial<Record<CallKind, number>> = {};
  retried = 0;
  /** The org's clock at the first answer of the run (its Date header), ISO. */
  serverTime: string | null = null;

  constructor(
    readonly conn: Connection,
    private readonly options: ApiOptions
  ) {}

  /**
   * One REST call through jsforce (`conn.request`, which also keeps `conn.limitInfo` from the
   * answer's Sforce-Limit-Info), counted, checked against the budget and retried when it fails
   * transiently.
   */
  async request<T>(what: string, method: string, path: string, body?: unknown): Promise<T> {
    return this.retry(what, async () => {
      this.checkBudget();
      this.count(method, path);
      try {
        return await this.conn.request<T>({
          method: method as 'GET',
          url: path,
          ...(body === undefined
            ? {}
            : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })
        });
      } catch (e) {
        throw toSalesforceApiError(e);
      }
    });
  }

  /** Every row of a SOQL query, page by page through REST (for the few rows of the load). */
  async query(what: string, soql: string): Promise<Row[]> {
    const rows: Row[] = [];
    let url: string | undefined =
      `/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}`;
    while (url) {
      const page: QueryPage = await this.request<QueryPage>(what, 'GET', url);
      rows.push(...page.records.map(clean));
      url = page.done ? undefined : page.nextRecordsUrl;
    }
    return rows;
  }

  private count(method: string, path: string): void {
    this.calls++;
    const kind = callKind(method, path);
    this.callsBy[kind] = (this.callsBy[kind] ?? 0) + 1;
  }

  private checkBudget(): void {
    const usage = (this.conn.limitInfo as { apiUsage?: { used: number; limit: number } }).apiUsage;
    if (!usage || !usage.limit) return;
    if (usage.used + 1 > usage.limit * this.options.maxApiShare) {
      const e = new Error(
        `stopped before exceeding ${Math.round(this.options.maxApiShare * 100)} % of the org's daily API allocation (${usage.used} of ${usage.limit} used); rerun later or raise --max-api-share`
      ) as BudgetError;
      e.name = 'BudgetError';
      throw e;
    }
  }

  /** Runs `work`, retrying transient failures with exponential backoff and full jitter. */
  async retry<T>(what: string, work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        if (!isTransient(e) || attempt >= this.options.retries) throw e;
        this.retried++;
        const delay = Math.random() * this.options.retryBaseMs * 2 ** attempt;
        this.options.log(`retrying ${what} after ${(e as Error).message} (attempt ${attempt + 2})`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  /** Tells the progress bar how far a phase is. */
  report(phase: string, done: number, total: number): void {
    this.options.progress?.(phase, done, total);
  }

  /**
   * One HTTP call with the connection's session, counted and checked against the budget like
   * jsforce's own. Used where jsforce would hold a whole answer in memory (Bulk API 2.0 result
   * pages, which this reads as they stream) or where the answer's headers matter (server time).
   */
  async fetch(
    method: string,
    path: string,
    init: { body?: string; contentType?: string; accept?: string } = {}
  ): Promise<Response> {
    this.checkBudget();
    this.count(method, path);
    const res = await fetch(`${this.conn.instanceUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.conn.accessToken}`,
        Accept: init.accept ?? 'application/json',
        ...(init.contentType ? { 'Content-Type': init.contentType } : {})
      },
      body: init.body
    });
    const usage = /api-usage=(\d+)\/(\d+)/.exec(res.headers.get('sforce-limit-info') ?? '');
    if (usage) {
      (this.conn as unknown as { limitInfo: object }).limitInfo = {
        apiUsage: { used: Number(usage[1]), limit: Number(usage[2]) }
      };
    }
    const date = res.headers.get('date');
    if (date && !this.serverTime) this.serverTime = new Date(date).toISOString();
    if (!res.ok) {
      const text = await res.text();
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: the status says it
      }
      throw errorFromBody(res.status, body, `${method} ${path.split('?')[0]}: ${res.status}`);
    }
    return res;
  }

  /** A JSON call, retried when it fails transiently. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.retry(`${method} ${path.split('?')[0]}`, async () => {
      const res = await this.fetch(method, path, {
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), contentType: 'application/json' })
      });
      return (res.status === 204 ? undefined : await res.json()) as T;
    });
  }

  /**
   * GET subrequests through /composite, which counts as one call however many it holds (up to
   * 25, at most 5 of them queries). A subrequest that failed transiently retries the whole call;
   * other failures come back in the answer for the caller to judge.
   */
  async composite(
    subrequests: { id: string; url: string }[]
  ): Promise<Record<string, { status: number; body: unknown }>> {
    const out: Record<string, { status: number; body: unknown }> = {};
    // Query, QueryAll and Query More (/query/<locator>) all count among the five.
    const isQuery = (u: string) => /^\/query(All)?[/?]/.test(u);
    for (let i = 0; i < subrequests.length;) {
      const chunk: typeof subrequests = [];
      let queries = 0;
      while (i < subrequests.length && chunk.length < COMPOSITE_SUBREQUESTS) {
        const q = isQuery(subrequests[i].url);
        if (q && queries === COMPOSITE_QUERIES) break;
        if (q) queries++;
        chunk.push(subrequests[i++]);
      }
      // referenceIds may hold only letters, digits and underscores: each subrequest is named by
      // its place in the chunk, and its answer filed under the caller's id.
      const answers = await this.compositeCall(
        chunk.map((r, k) => ({
          url: `/services/data/v${API_VERSION}${r.url}`,
          referenceId: `r${k}`
        }))
      );
      for (const r of answers.values()) {
        out[chunk[Number(r.referenceId.slice(1))].id] = { status: r.httpStatusCode, body: r.body };
      }
    }
    return out;
  }

  /**
   * One /composite call of GET subrequests (allOrNone false), each answer by its referenceId. A
   * subrequest that failed transiently fails the whole call, which is sent again.
   */
  private compositeCall(
    requests: { url: string; referenceId: string }[]
  ): Promise<Map<string, CompositeAnswer>> {
    return this.retry('composite', async () => {
      const res = await this.fetch('POST', `/services/data/v${API_VERSION}/composite`, {
        contentType: 'application/json',
        body: JSON.stringify({
          allOrNone: false,
          compositeRequest: requests.map(({ url, referenceId }) => ({
            method: 'GET',
            url,
            referenceId
          }))
        })
      });
      const answer = (await res.json()) as { compositeResponse: CompositeAnswer[] };
      for (const r of answer.compositeResponse) throwIfTransient(r);
      return new Map(answer.compositeResponse.map((r) => [r.referenceId, r]));
    });
  }

  /**
   * Opens queries together, in as few calls as the API allows: their first pages through
   * /composite (5 queries a call), with any `alongside` GET subrequests (describes) in the first
   * call; `check` sees those answers before anything else is read and may stop the run. A query
   * whose rows all fit in its first page is done. For the others, each one's first page tells
   * its rows (totalSize) and so its pages left; the rest of each is read either as Query More
   * pages chained five to a /composite call (pagesByComposite) or as a Bulk API 2.0 job, whichever
   * mix costs the fewest calls (restOrBulk); a query above the bulk threshold always runs as a
   * job, so that no large result is held page by page. The jobs are created together; each
   * one's results are asked for when its rows are first read, and only a job not complete by
   * then is polled (bulkRows).
   */
  async openQueries(
    queries: Query[],
    alongside: { id: string; url: string }[] = [],
    check: (answers: Record<string, { status: number; body: unknown }>) => void = () => undefined
  ): Promise<Map<string, RowSource>> {
    const firsts = await this.composite([
      ...alongside,
      ...queries.map((q) => ({
        id: q.name,
        url: `/${q.all ? 'queryAll' : 'query'}?q=${encodeURIComponent(q.soql)}`
      }))
    ]);
    check(firsts);
    const sources = new Map<string, RowSource>();
    const bulk: { query: Query; total: number }[] = [];
    const open: Paging[] = [];
    for (const q of queries) {
      const page = queryPage(q, firsts[q.name]);
      if (page.done || !page.nextRecordsUrl) {
        sources.set(q.name, { total: page.totalSize, rows: () => this.restRows(q, [page]) });
      } else if (page.totalSize > this.options.bulkThreshold)
        bulk.push({ query: q, total: page.totalSize });
      else
        open.push({
          query: q,
          pages: [page],
          left: pagesLeft(page.totalSize, page.records.length, page.records.length)
        });
    }
    const jobs = restOrBulk(open.map((p) => p.left));
    const paged = open.filter((_, i) => !jobs.has(i));
    bulk.push(
      ...open
        .filter((_, i) => jobs.has(i))
        .map((p) => ({ query: p.query, total: p.pages[0].totalSize }))
    );
    for (const b of bulk) {
      const job = await this.json<{ id: string }>(
        'POST',
        `/services/data/v${API_VERSION}/jobs/query`,
        {
          operation: b.query.all ? 'queryAll' : 'query',
          query: b.query.soql
        }
      );
      const deadline = Date.now() + this.options.bulkJobTimeoutMs;
      sources.set(b.query.name, {
        total: b.total,
        rows: () => this.bulkRows(b.query, job.id, b.total, deadline)
      });
    }
    await this.pagesByComposite(paged);
    for (const { query, pages } of paged)
      sources.set(query.name, {
        total: pages[0].totalSize,
        rows: () => this.restRows(query, pages)
      });
    return sources;
  }

  /**
   * Reads every page of the queries given, their first pages already read: Query More
   * subrequests (`GET` of a page's nextRecordsUrl), five to a /composite call, each after the
   * first of a query in a call naming the page before it (`@{ref.nextRecordsUrl}`), so that one
   * call reads up to five pages of one query or of several. A query gets as many subrequests as
   * its pages left, and a call as many as its five query subrequests hold; a query whose pages
   * came out shorter than its first (Salesforce does not promise the batch size) just gets
   * more in the next call. A chained page after the last one has no nextRecordsUrl to name:
   * Salesforce does not run it (a subrequest that depends on a failed or missing value is not
   * executed), and it is not read.
   * ("Composite": "You can then refer to the ID in the url or body fields of later subrequests",
   * "up to 5 of these subrequests can be sObject Collections or query operations, including
   * Query and QueryAll requests and requests to get the next batch of query results";
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite.htm;
   * "Composite Request Body", allOrNone false: "the remaining subrequests that don't depend on the
   * failed subrequest are executed. Dependent subrequests aren't executed",
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/requests_composite.htm;
   * the batch size, "no guarantee that the requested batch size is the actual batch size":
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_queryoptions.htm)
   */
  private async pagesByComposite(queries: Paging[]): Promise<void> {
    const last = (q: Paging) => q.pages[q.pages.length - 1];
    const more = (q: Paging) => !last(q).done && Boolean(last(q).nextRecordsUrl);
    for (let open = queries.filter(more); open.length; open = open.filter(more)) {
      const call: { query: Paging; url: string; referenceId: string }[] = [];
      for (const q of open) {
        const planned = Math.max(1, q.left);
        for (let k = 0; k < planned && call.length < COMPOSITE_QUERIES; k++) {
          const before = k === 0 ? null : call[call.length - 1];
          call.push({
            query: q,
            url: before ? `@{${before.referenceId}.nextRecordsUrl}` : last(q).nextRecordsUrl!,
            referenceId: `p${call.length}`
          });
        }
        if (call.length === COMPOSITE_QUERIES) break;
      }
      const answers = await this.compositeCall(call);
      call.forEach(({ query, referenceId }) => {
        // A page after the query's last one: never run, nothing to read.
        if (!more(query)) return;
        const r = answers.get(referenceId)!;
        const page = queryPage(query.query, { status: r.httpStatusCode, body: r.body });
        query.pages.push(page);
        const read = query.pages.reduce((n, p) => n + p.records.length, 0);
        query.left = pagesLeft(page.totalSize, read, query.pages[0].records.length);
      });
    }
  }

  /** A REST query's rows: the pages already read, then the next ones a call each. */
  private async *restRows(query: Query, read: QueryPage[]): AsyncGenerator<Row[]> {
    const phase = `extract ${query.name}`;
    const total = read[0].totalSize;
    let n = 0;
    for (let page: QueryPage | undefined = read.shift(); page;) {
      if (page.records.length) yield page.records;
      n += page.records.length;
      this.report(phase, n, total);
      if (page.done || !page.nextRecordsUrl) break;
      page =
        read.shift() ??
        queryPage(query, {
          status: 200,
          body: await this.json<QueryPage>('GET', page.nextRecordsUrl)
        });
    }
  }

  /**
   * Polls a Bulk API 2.0 query job by its id ("Get Information About a Query Job") until it is
   * complete, with backoff; a failed or aborted job, or one past `deadline`, stops the run. The
   * list of all jobs (GET /jobs/query) is no use here: it is paged, in no set order, and holds
   * every user's jobs, so in a busy org a run could never see its own.
   * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_one_job.htm
   */
  private async waitForJob(id: string, deadline: number): Promise<void> {
    for (let wait = 100; ; wait = Math.min(wait * 2, 5000)) {
      const job = await this.json<{ state: string; errorMessage?: string }>(
        'GET',
        `/services/data/v${API_VERSION}/jobs/query/${id}`
      );
      if (job.state === 'JobComplete') return;
      if (job.state === 'Failed' || job.state === 'Aborted') {
        throw new Error(
          `bulk query job ${id} ${job.state.toLowerCase()}: ${job.errorMessage ?? ''}`
        );
      }
      if (Date.now() > deadline) {
        throw new Error(
          `bulk query job ${id} not complete after ${Math.round(this.options.bulkJobTimeoutMs / 1000)} s; the org may be busy: run again later`
        );
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /**
   * The rows of a Bulk API 2.0 query job, page by page as the CSV streams in. Its first page is
   * asked for at once: a job complete by then (most are, by the time the scoring reads them)
   * costs no status call. Before the job is complete Salesforce answers 412 JOB_NOT_COMPLETE
   * ("Get Results for a Query Job": the job must have the state JobComplete); then the job is
   * polled until it is, and the page asked for again.
   */
  private async *bulkRows(
    query: Query,
    jobId: string,
    total: number,
    deadline: number
  ): AsyncGenerator<Row[]> {
    const phase = `extract ${query.name}`;
    let locator = '';
    let n = 0;
    for (;;) {
      // Rows of this page already handed on: a retried page skips them.
      let given = 0;
      let next: string | null = null;
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await this.fetch(
            'GET',
            `/services/data/v${API_VERSION}/jobs/query/${jobId}/results${locator ? `?locator=${encodeURIComponent(locator)}` : ''}`,
            { accept: 'text/csv' }
          );
          next = res.headers.get('sforce-locator');
          const reader = new CsvReader();
          const decoder = new TextDecoder();
          let header: string[] | null = null;
          let seen = 0;
          const types = query.types;
          /** The rows these cells complete, less those a failed attempt already gave. */
          const rowsOf = (lines: string[][]) => {
            const rows: Row[] = [];
            for (const cells of lines) {
              if (!header) header = cells;
              else if (seen++ >= given) rows.push(typed(header, cells, types));
            }
            given += rows.length;
            n += rows.length;
            return rows;
          };
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            const rows = rowsOf(reader.push(decoder.decode(chunk, { stream: true })));
            if (rows.length) yield rows;
            if (n % PROGRESS_EVERY < rows.length) this.report(phase, n, total);
          }
          const rows = rowsOf([...reader.push(decoder.decode()), ...reader.end()]);
          if (rows.length) yield rows;
          break;
        } catch (e) {
          // Not done yet: wait for it (a job that says it is done and still refuses its results
          // is asked again only until the deadline).
          if (
            (e as SalesforceApiError).errorCode === 'JOB_NOT_COMPLETE' &&
            Date.now() <= deadline
          ) {
            await this.waitForJob(jobId, deadline);
            attempt--;
            continue;
          }
          if (!isTransient(e) || attempt >= this.options.retries) throw e;
          this.retried++;
          this.options.log(
            `retrying ${phase} after ${(e as Error).message} (attempt ${attempt + 2})`
          );
          await new Promise((r) =>
            setTimeout(r, Math.random() * this.options.retryBaseMs * 2 ** attempt)
          );
        }
      }
      if (!next || next === 'null') break;
      locator = next;
    }
    this.report(phase, n, total);
  }
}

export type Row = Record<string, unknown>;

export interface Query {
  /** Names the stream in progress lines and errors. */
  name: string;
  soql: string;
  /** queryAll: deleted and archived rows too (IsDeleted says which). */
  all?: boolean;
  /** Column types for Bulk API 2.0's CSV, where every value is text. */
  types: Record<string, 'boolean' | 'number'>;
}

export interface RowSource {
  total: number;
  /** The rows in batches (a page, or what one network read completes). */
  rows(): AsyncGenerator<Row[]>;
}
