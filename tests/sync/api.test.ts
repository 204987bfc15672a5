/**
 * The sync's side of the API on its own: which calls are which, which failures are transient,
 * and, against a local org, counted calls, query pages, the budget of the daily allocation,
 * retries, the org's clock and /composite's limits (25 subrequests, 5 of them queries).
 */
import type { Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import {
  Api,
  callKind,
  isTransient,
  type ApiOptions,
  type Query,
  type RowSource
} from '../../scripts/sync/api';
import { API_DEFAULTS } from '../../scripts/sync/sync';
import { connect } from './org';

const NOW = new Date('2026-11-20T18:00:00Z');
const V = '/services/data/v62.0';

describe('callKind', () => {
  it('tells the extract’s calls apart by method and path', () => {
    const kinds = [
      ['POST', `${V}/composite`],
      ['POST', `${V}/composite/sobjects`],
      ['GET', `${V}/query/01gA-2000`],
      ['GET', `${V}/queryAll/01gA-2000`],
      // A first page asked for on its own is no REST page of a query opened by /composite.
      ['GET', `${V}/query?q=SELECT+Id+FROM+User`],
      ['GET', `${V}/query/`],
      ['GET', `${V}/subquery/01gA-2000`],
      ['POST', `${V}/jobs/query`],
      ['GET', `${V}/jobs/query`],
      ['GET', `${V}/jobs/query/750A/results?locator=abc`],
      ['GET', `${V}/jobs/query/750A/x/results`],
      ['GET', `${V}/jobs/query/750A`],
      ['DELETE', `${V}/jobs/query/750A`],
      ['GET', `${V}/jobs/query/750A/x`],
      ['GET', `/other${V}/composite`]
    ].map(([m, p]) => callKind(m, p));
    expect(kinds).toEqual([
      'composite',
      'other',
      'REST page',
      'REST page',
      'other',
      'other',
      'other',
      'bulk job',
      'other',
      'bulk results',
      'other',
      'bulk status',
      'other',
      'other',
      'other'
    ]);
  });
});

describe('isTransient', () => {
  it('retries what passes, never the daily allocation or a budget stop', () => {
    const cases: [unknown, boolean][] = [
      [{ errorCode: 'SERVER_UNAVAILABLE' }, true],
      [{ errorCode: 'UNABLE_TO_LOCK_ROW' }, true],
      // A burst of long transactions passes; the day's allocation does not.
      [
        { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' },
        true
      ],
      [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }, false],
      [{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }, true],
      [{ code: 'ECONNRESET' }, true],
      [{ code: 'EPIPE' }, true],
      [{ name: 'ETIMEDOUT' }, true],
      [{ name: 'BudgetError', errorCode: 'SERVER_UNAVAILABLE' }, false],
      [{ message: 'request to x failed: socket hang up' }, true],
      [{ message: 'SERVICE UNAVAILABLE' }, true],
      [{ message: 'fetch failed' }, true],
      [{ message: 'the other side closed' }, true],
      [{ message: 'terminated' }, true],
      [{ message: 'read ECONNRESET' }, true],
      [{ errorCode: 'INVALID_FIELD', message: 'No such column' }, false],
      [{ errorCode: 'ECONNREFUSED' }, true],
      [{}, false],
      [null, false],
      [undefined, false]
    ];
    expect(cases.map(([e]) => isTransient(e))).toEqual(cases.map(([, t]) => t));
  });
});

describe('the API client, against a local org', () => {
  let org: LocalOrg;
  let conn: Connection;
  let lines: string[];
  const apiOf = (c: Connection, options: Partial<ApiOptions> = {}) =>
    new Api(c, { ...API_DEFAULTS, log: (l) => lines.push(l), ...options });
  const faults = (o: LocalOrg, value: unknown) => {
    (o.server as unknown as { options: { faults?: unknown } }).options.faults = value;
  };

  beforeAll(async () => {
    org = await startLocalOrg({ seed: 'none', now: () => NOW });
    conn = connect(org);
    const ctx = { userId: org.integrationUserId, now: NOW };
    for (let i = 0; i < 2001; i++)
      org.store.insert(
        'Governance_Measure__c',
        { Measure_Key__c: `Q${String(i).padStart(4, '0')}`, Met__c: i, Counted__c: 1 },
        ctx
      );
  });
  afterAll(() => org.close());
  beforeEach(() => {
    lines = [];
    faults(org, undefined);
  });

  it('reads a query page by page, counting each call by kind, rows without attributes', async () => {
    const api = apiOf(conn);
    // 2,001 rows: the first page (2,000) by its query, the second by its nextRecordsUrl.
    const rows = await api.query(
      'measures',
      "SELECT Measure_Key__c, Owner.Name FROM Governance_Measure__c WHERE Measure_Key__c LIKE 'Q%' ORDER BY Measure_Key__c"
    );
    expect(rows.length).toBe(2001);
    // attributes dropped, a parent's too.
    expect(rows[2000]).toEqual({
      Measure_Key__c: 'Q2000',
      Owner: { Name: 'Adoption Coach Integration' }
    });
    expect([api.calls, api.callsBy, api.retried]).toEqual([2, { other: 1, 'REST page': 1 }, 0]);
  });

  it('retries a transient failure with its reason, not a lasting one', async () => {
    // Every call fails with UNABLE_TO_LOCK_ROW until the first retry is logged.
    faults(org, { rate: 1, seed: 1, kinds: ['UNABLE_TO_LOCK_ROW'] });
    const api = apiOf(conn, {
      retryBaseMs: 1,
      log: (l) => {
        lines.push(l);
        faults(org, undefined);
      }
    });
    const rows = await api.query(
      'one',
      "SELECT Met__c FROM Governance_Measure__c WHERE Measure_Key__c = 'Q0007'"
    );
    expect(rows).toEqual([{ Met__c: 7 }]);
    expect(lines).toEqual([
      'retrying one after unable to obtain exclusive access to this record (attempt 2)'
    ]);
    expect([api.calls, api.retried]).toEqual([2, 1]);

    // Always failing: the first try and `retries` more, then the failure itself.
    faults(org, { rate: 1, seed: 1, kinds: ['UNABLE_TO_LOCK_ROW'] });
    lines = [];
    const stubborn = apiOf(conn, { retries: 2, retryBaseMs: 1 });
    await expect(stubborn.request('lock', 'GET', `${V}/limits`)).rejects.toMatchObject({
      errorCode: 'UNABLE_TO_LOCK_ROW'
    });
    expect(lines).toEqual([
      'retrying lock after unable to obtain exclusive access to this record (attempt 2)',
      'retrying lock after unable to obtain exclusive access to this record (attempt 3)'
    ]);
    expect([stubborn.calls, stubborn.retried]).toEqual([3, 2]);

    // A lasting failure is not retried.
    faults(org, undefined);
    lines = [];
    const once = apiOf(conn, { retryBaseMs: 1 });
    await expect(
      once.query('bad', 'SELECT Nope__c FROM Governance_Measure__c')
    ).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect([once.calls, once.retried, lines]).toEqual([1, 0, []]);
  });

  it('stops before passing its share of the daily allocation, through jsforce and fetch alike', async () => {
    // An allocation of 10 calls and a share of 0.5: a call is refused when the calls used so far
    // plus itself pass 5. The first call knows no usage yet; after the fifth, 5 are used and a
    // sixth would make 6.
    const small = await startLocalOrg({ seed: 'none', now: () => NOW, dailyApiLimit: 10 });
    try {
      const api = apiOf(connect(small), { maxApiShare: 0.5 });
      for (let i = 0; i < 5; i++) await api.request('limits', 'GET', `${V}/limits`);
      const stop =
        "stopped before exceeding 50 % of the org's daily API allocation (5 of 10 used); rerun later or raise --max-api-share";
      await expect(api.request('limits', 'GET', `${V}/limits`)).rejects.toMatchObject({
        name: 'BudgetError',
        message: stop
      });
      // Not retried, and not counted: it was never made.
      expect([api.calls, api.retried]).toEqual([5, 0]);
      await expect(api.fetch('GET', `${V}/limits`)).rejects.toThrow(stop);

      // A fresh connection learns the usage from fetch's answer too (its Sforce-Limit-Info):
      // 5 used → the next call (6 of 10 once made) is refused.
      const viaFetch = apiOf(connect(small), { maxApiShare: 0.6 });
      await viaFetch.fetch('GET', `${V}/limits`);
      await expect(viaFetch.json('GET', `${V}/limits`)).rejects.toThrow(
        "stopped before exceeding 60 % of the org's daily API allocation (6 of 10 used)"
      );
      expect(viaFetch.calls).toBe(1);
    } finally {
      await small.close();
    }
  });

  it('keeps the org’s clock of its first answer, sends and reads JSON, and throws a failed call’s error', async () => {
    const api = apiOf(conn);
    const res = await api.fetch('GET', `${V}/limits`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(api.serverTime).toBe(new Date(res.headers.get('date')!).toISOString());
    api.serverTime = '2000-01-01T00:00:00.000Z';
    await api.fetch('GET', `${V}/limits`);
    expect(api.serverTime).toBe('2000-01-01T00:00:00.000Z');

    // A JSON body is sent as JSON; a 204 answer is undefined.
    const created = await api.json<{ id: string }>('POST', `${V}/sobjects/Governance_Measure__c`, {
      Measure_Key__c: 'J1',
      Met__c: 1
    });
    expect(
      await api.json('PATCH', `${V}/sobjects/Governance_Measure__c/${created.id}`, { Met__c: 2 })
    ).toBeUndefined();
    const row = await conn.sobject('Governance_Measure__c').retrieve(created.id);
    expect((row as { Met__c: number }).Met__c).toBe(2);

    // A failed call: the answer's error (a field the object lacks), not retried.
    await expect(
      api.json('GET', `${V}/sobjects/Governance_Measure__c/${created.id}?fields=Nope__c`)
    ).rejects.toMatchObject({ statusCode: 400, errorCode: 'INVALID_FIELD' });
    expect(api.retried).toBe(0);
  });

  it('sends 25 subrequests a /composite call, 5 of them queries, each answer under its id', async () => {
    const api = apiOf(conn);
    const q = (id: string, key: string) => ({
      id,
      url: `/query?q=${encodeURIComponent(`SELECT Met__c FROM Governance_Measure__c WHERE Measure_Key__c = '${key}'`)}`
    });
    const d = (id: string) => ({ id, url: '/sobjects/Governance_Measure__c/describe' });
    // Six queries and two describes: the sixth query starts a second call, which takes the rest.
    const answers = await api.composite([
      q('a', 'Q0001'),
      q('b', 'Q0002'),
      q('c', 'Q0003'),
      d('d1'),
      q('e', 'Q0004'),
      { id: 'f', url: '/queryAll?q=SELECT+Id+FROM+Governance_Measure__c+LIMIT+1' },
      q('g', 'Q0005'),
      d('d2')
    ]);
    expect(api.callsBy).toEqual({ composite: 2 });
    expect(Object.keys(answers).sort()).toEqual(['a', 'b', 'c', 'd1', 'd2', 'e', 'f', 'g']);
    const met = (id: string) =>
      (answers[id].body as { records: { Met__c: number }[] }).records[0].Met__c;
    expect(['a', 'b', 'c', 'e', 'g'].map(met)).toEqual([1, 2, 3, 4, 5]);
    expect([answers.d2.status, (answers.d2.body as { name: string }).name]).toEqual([
      200,
      'Governance_Measure__c'
    ]);

    // 27 describes: 25 and 2. A subrequest that fails for good comes back as its answer.
    const many = apiOf(conn);
    const out = await many.composite([
      ...Array.from({ length: 26 }, (_, i) => d(`d${i}`)),
      { id: 'bad', url: '/sobjects/Nope__c/describe' }
    ]);
    expect(many.callsBy).toEqual({ composite: 2 });
    expect(Object.keys(out).length).toBe(27);
    expect(out.bad.status).toBe(404);
    expect(await many.composite([])).toEqual({});
    expect(many.calls).toBe(2);
  });

  /** Every row of a source, and the sizes of the batches it gave them in. */
  async function drain(
    source: RowSource
  ): Promise<{ rows: Record<string, unknown>[]; sizes: number[] }> {
    const rows: Record<string, unknown>[] = [];
    const sizes: number[] = [];
    for await (const batch of source.rows()) {
      sizes.push(batch.length);
      rows.push(...batch);
    }
    return { rows, sizes };
  }
  const Q_ROWS =
    "SELECT Measure_Key__c, Measure__c, Met__c, Owner.Name FROM Governance_Measure__c WHERE Measure_Key__c LIKE 'Q%' ORDER BY Measure_Key__c";
  const TYPES: Query['types'] = { Met__c: 'number', IsDeleted: 'boolean' };

  it('opens queries together: a one-page query, one paged on through REST, describes alongside', async () => {
    const progress: [string, number, number][] = [];
    const api = apiOf(conn, { progress: (p, d, t) => progress.push([p, d, t]) });
    const seen: string[] = [];
    const sources = await api.openQueries(
      [
        {
          name: 'one',
          soql: "SELECT Measure_Key__c, Met__c FROM Governance_Measure__c WHERE Measure_Key__c = 'Q0003'",
          types: TYPES
        },
        // 2,001 rows, under the bulk threshold (20,000): two REST pages.
        { name: 'paged', soql: Q_ROWS, types: TYPES }
      ],
      [{ id: 'describe', url: '/sobjects/Governance_Measure__c/describe' }],
      (answers) => seen.push(...Object.keys(answers).sort())
    );
    // The check sees every first answer before any row is read.
    expect(seen).toEqual(['describe', 'one', 'paged']);
    // First pages (and the describe) in one /composite call, the paged query's second page in
    // another; nothing more to read.
    expect(api.callsBy).toEqual({ composite: 2 });
    expect([sources.get('one')!.total, sources.get('paged')!.total]).toEqual([1, 2001]);
    expect(await drain(sources.get('one')!)).toEqual({
      rows: [{ Measure_Key__c: 'Q0003', Met__c: 3 }],
      sizes: [1]
    });
    const paged = await drain(sources.get('paged')!);
    expect(paged.sizes).toEqual([2000, 1]);
    expect(paged.rows[2000]).toEqual({
      Measure_Key__c: 'Q2000',
      Measure__c: null,
      Met__c: 2000,
      Owner: { Name: 'Adoption Coach Integration' }
    });
    expect(api.calls).toBe(2);
    expect(progress).toEqual([
      ['extract one', 1, 1],
      ['extract paged', 2000, 2001],
      ['extract paged', 2001, 2001]
    ]);

    // A query the org refuses stops the run, named.
    await expect(
      apiOf(conn).openQueries([
        { name: 'broken', soql: 'SELECT Nope__c FROM Governance_Measure__c', types: {} }
      ])
    ).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringMatching(/^broken: /)
    });
  });

  it('runs a query above the bulk threshold as a Bulk API 2.0 job, typing the CSV as REST would', async () => {
    const api = apiOf(conn, { bulkThreshold: 100 });
    const sources = await api.openQueries([
      {
        name: 'bulk',
        soql: Q_ROWS.replace('Owner.Name', 'Owner.Name, IsDeleted'),
        all: true,
        types: TYPES
      }
    ]);
    expect(sources.get('bulk')!.total).toBe(2001);
    const { rows } = await drain(sources.get('bulk')!);
    expect(rows.length).toBe(2001);
    // Numbers and booleans typed, a blank cell null, Owner.Name nested as REST nests it.
    expect(rows[7]).toEqual({
      Measure_Key__c: 'Q0007',
      Measure__c: null,
      Met__c: 7,
      Owner: { Name: 'Adoption Coach Integration' },
      IsDeleted: false
    });
    // The first page (composite), the job, its results at once (complete at creation here).
    expect(api.callsBy).toEqual({ composite: 1, 'bulk job': 1, 'bulk results': 1 });
  });

  it('waits for a bulk job that is not complete, and gives up at its deadline', async () => {
    // Query jobs take 300 ms here: the first results call is refused (JOB_NOT_COMPLETE), the
    // job is polled until complete, and its results read again.
    const slow = await startLocalOrg({ seed: 'none', now: () => NOW, queryJobMs: 300 });
    const slower = await startLocalOrg({ seed: 'none', now: () => NOW, queryJobMs: 60_000 });
    try {
      const ctx = { userId: slow.integrationUserId, now: NOW };
      for (let i = 0; i < 2001; i++)
        slow.store.insert('Governance_Measure__c', { Measure_Key__c: `W${i}`, Met__c: i }, ctx);
      const bulk = apiOf(connect(slow), { bulkThreshold: 100, bulkJobTimeoutMs: 60_000 });
      const waited = await bulk.openQueries([
        { name: 'waited', soql: 'SELECT Met__c FROM Governance_Measure__c', types: TYPES }
      ]);
      const { rows } = await drain(waited.get('waited')!);
      expect(rows.map((r) => r.Met__c as number).reduce((a, b) => a + b, 0)).toBe(
        (2000 * 2001) / 2
      );
      // The results asked for twice (refused, then read), the job's state at least once.
      expect(bulk.callsBy['bulk results']).toBe(2);
      expect(bulk.callsBy['bulk status']).toBeGreaterThanOrEqual(1);

      for (let i = 0; i < 2001; i++)
        slower.store.insert(
          'Governance_Measure__c',
          { Measure_Key__c: `X${i}`, Met__c: i },
          { userId: slower.integrationUserId, now: NOW }
        );
      const impatient = apiOf(connect(slower), { bulkThreshold: 100, bulkJobTimeoutMs: 1000 });
      const never = await impatient.openQueries([
        { name: 'never', soql: 'SELECT Met__c FROM Governance_Measure__c', types: TYPES }
      ]);
      await expect(drain(never.get('never')!)).rejects.toThrow(
        /^bulk query job \S+ not complete after 1 s; the org may be busy: run again later$/
      );
    } finally {
      await Promise.all([slow.close(), slower.close()]);
    }
  });
});
