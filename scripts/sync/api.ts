/**
 * The sync's side of the Salesforce API: one jsforce connection with every HTTP call counted,
 * transient faults retried with exponential backoff and jitter, the daily API allocation
 * watched, and extraction that streams (REST below a threshold, Bulk API 2.0 above it).
 */
import type { Connection } from 'jsforce';

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
    /socket hang up|ECONNRESET|Service Unavailable|fetch failed|other side closed/i.test(
      err?.message ?? ''
    )
  );
}

export interface ApiOptions {
  /** Stop before the org's DailyApiRequests use passes this share (0–1). */
  maxApiShare: number;
  /** Rows above which extraction uses Bulk API 2.0 instead of REST query. */
  bulkThreshold: number;
  retries: number;
  retryBaseMs: number;
  log: (line: string) => void;
  /** Rows done of a phase's total, as they stream (for a progress bar). */
  progress?: (phase: string, done: number, total: number) => void;
}

const PROGRESS_EVERY = 2000;

export class Api {
  calls = 0;
  retried = 0;

  constructor(
    readonly conn: Connection,
    private readonly options: ApiOptions
  ) {
    // Count every HTTP request jsforce makes, REST and Bulk alike, and watch the allocation.
    const transport = (
      conn as unknown as { _transport: { httpRequest: (...a: unknown[]) => unknown } }
    )._transport;
    const original = transport.httpRequest.bind(transport);
    transport.httpRequest = (...args: unknown[]) => {
      this.checkBudget();
      this.calls++;
      return original(...args);
    };
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

  /** Number of rows a query returns. */
  async count(soqlFrom: string): Promise<number> {
    return this.retry('count', async () => {
      const r = await this.conn.query(`SELECT COUNT() ${soqlFrom}`);
      return r.totalSize;
    });
  }

  /**
   * Streams the rows of `SELECT <fields> <from>` to `onRow`. Below the bulk threshold it pages
   * through REST query (2,000 rows a call), above it runs one Bulk API 2.0 query job. A
   * transient failure restarts the query, so `onRow` must be idempotent (keyed by id).
   */
  async stream(
    fields: string,
    from: string,
    onRow: (row: Record<string, unknown>) => void
  ): Promise<number> {
    const phase = `extract ${from.split(/\s+/)[1]}`;
    const total = await this.count(from);
    const progress = this.options.progress;
    progress?.(phase, 0, total);
    if (total === 0) return 0;
    const soql = `SELECT ${fields} ${from}`;
    const row = (r: Record<string, unknown>, n: number) => {
      onRow(r);
      if (progress && n % PROGRESS_EVERY === 0) progress(phase, n, total);
    };
    if (total <= this.options.bulkThreshold) {
      return this.retry('query', async () => {
        let n = 0;
        let page = await this.conn.query<Record<string, unknown>>(soql);
        for (;;) {
          for (const r of page.records) row(r, ++n);
          if (page.done || !page.nextRecordsUrl) {
            progress?.(phase, n, total);
            return n;
          }
          page = await this.conn.queryMore<Record<string, unknown>>(page.nextRecordsUrl);
        }
      });
    }
    return this.retry('bulk query', async () => {
      let n = 0;
      const stream = await this.conn.bulk2.query(soql, { pollInterval: 200, pollTimeout: 600000 });
      await new Promise<void>((resolve, reject) => {
        stream.on('record', (r: Record<string, unknown>) => row(unflatten(r), ++n));
        stream.on('error', reject);
        stream.on('end', () => {
          progress?.(phase, n, total);
          resolve();
        });
      });
      return n;
    });
  }
}

/** Bulk CSV gives 'Contact.Title' columns and strings; rebuild the REST shape the code reads. */
function unflatten(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const value = v === '' ? null : v;
    if (!k.includes('.')) {
      out[k] = value;
      continue;
    }
    const parts = k.split('.');
    let target = out;
    for (const p of parts.slice(0, -1)) {
      target[p] = (target[p] as Record<string, unknown>) ?? {};
      target = target[p] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
  return out;
}
