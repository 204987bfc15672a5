/**
 * Local org benchmark: query throughput through jsforce on loopback, and a Bulk API 2.0 query of
 * 1,000,000 rows with the server's memory measured apart from the client's.
 *
 * Usage: npm run bench:local-org [-- --rows 1000000 --rest 200000 --jsforce-bulk 100000 --page 100000]
 *
 * The server runs in a child process (this file with --serve), seeded through the store without
 * HTTP, so its peak RSS is its own: the rows it holds plus what answering costs. The query
 * results are streamed (CSV pages written with backpressure), so answering a 1,000,000-row bulk
 * query must not raise the server's RSS by anything near the size of the result.
 */
import { fork } from 'node:child_process';
import jsforce from 'jsforce';
import { startLocalOrg } from '../../scripts/local-org';
import { benchArgs } from './args';
import { MB, ask } from './child';

const { values: OPTIONS, positionals: ROLE } = benchArgs(
  'usage: npm run bench:local-org [-- --rows <n> --rest <n> --jsforce-bulk <n> --page <n>]\n' +
    '  --rows <n>          rows in the org and in the Bulk API 2.0 query (default 1,000,000)\n' +
    '  --rest <n>          rows read through jsforce query (default 200,000)\n' +
    '  --jsforce-bulk <n>  rows read through jsforce bulk2 (default 100,000)\n' +
    '  --page <n>          maxRecords of each bulk result page (default 100,000)',
  { rows: 1000000, rest: 200000, 'jsforce-bulk': 100000, page: 100000 }
);
const TITLES = ['CFO', 'VP Sales', 'Head of Procurement', 'IT Director', null];

interface Ready {
  url: string;
  token: string;
  seedSeconds: number;
  rssAfterSeed: number;
  peakAfterSeed: number;
}

async function serve(rows: number): Promise<void> {
  const org = await startLocalOrg({ dailyApiLimit: 1e9 });
  const ctx = { userId: org.adminUserId, now: new Date('2026-11-20T10:00:00Z'), system: true };
  const t = performance.now();
  for (let i = 0; i < rows; i++) {
    org.store.insert(
      'Contact',
      {
        FirstName: `First${i % 997}`,
        LastName: `Contact ${i}`,
        Title: TITLES[i % TITLES.length],
        Email: `contact${i}@example.com`
      },
      ctx
    );
  }
  global.gc?.();
  const ready: Ready = {
    url: org.instanceUrl,
    token: org.adminToken,
    seedSeconds: (performance.now() - t) / 1000,
    rssAfterSeed: process.memoryUsage().rss,
    peakAfterSeed: process.resourceUsage().maxRSS * 1024
  };
  process.send!({ ready });
  process.on('message', (m: string) => {
    if (m === 'rss') process.send!({ maxRss: process.resourceUsage().maxRSS * 1024 });
    if (m === 'stop') void org.close().then(() => process.exit(0));
  });
}

async function main(): Promise<void> {
  const rows = OPTIONS.rows;
  const restRows = Math.min(OPTIONS.rest, rows);
  const child = fork(process.argv[1], ['serve', String(rows)], { stdio: 'inherit' });
  const ready = await ask<Ready>(child, 'ready');
  console.log(
    `server: ${rows.toLocaleString('en')} contacts seeded in ${ready.seedSeconds.toFixed(1)} s, RSS ${MB(ready.rssAfterSeed)} (peak ${MB(ready.peakAfterSeed)})`
  );
  const conn = new jsforce.Connection({
    instanceUrl: ready.url,
    accessToken: ready.token,
    version: '62.0'
  });

  // REST query with autoFetch: 2,000-record pages by nextRecordsUrl.
  let t = performance.now();
  const rest = await conn
    .query('SELECT Id, FirstName, LastName, Title, Email FROM Contact')
    .run({ autoFetch: true, maxFetch: restRows });
  let s = (performance.now() - t) / 1000;
  if (rest.records.length !== restRows) throw new Error(`REST query read ${rest.records.length}`);
  console.log(
    `jsforce query autoFetch: ${restRows.toLocaleString('en')} records in ${s.toFixed(2)} s = ${Math.round(restRows / s).toLocaleString('en')} records/s`
  );

  // Bulk API 2.0 through jsforce: it gathers every result page in memory before it streams
  // records (and stalls on a single page of about a million rows), so it reads a LIMIT here.
  const jsforceRows = Math.min(OPTIONS['jsforce-bulk'], rows);
  t = performance.now();
  const stream = (await conn.bulk2.query(
    `SELECT Id, FirstName, LastName, Title, Email FROM Contact LIMIT ${jsforceRows}`,
    { pollInterval: 50 }
  )) as unknown as { on: (e: string, f: (...a: unknown[]) => void) => void };
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    stream.on('record', () => count++);
    stream.on('error', reject);
    stream.on('end', () => resolve());
  });
  s = (performance.now() - t) / 1000;
  if (count !== jsforceRows) throw new Error(`bulk2.query read ${count}, expected ${jsforceRows}`);
  console.log(
    `jsforce bulk2.query: ${count.toLocaleString('en')} rows in ${s.toFixed(1)} s = ${Math.round(count / s).toLocaleString('en')} rows/s`
  );

  // The whole table through Bulk API 2.0 over plain HTTP, streamed page by page (Sforce-Locator,
  // maxRecords), counting rows as they arrive: nothing is kept on either side.
  const pageSize = OPTIONS.page;
  const api = `${ready.url}/services/data/v62.0/jobs/query`;
  const auth = { Authorization: `Bearer ${ready.token}` };
  t = performance.now();
  const job = (await (
    await fetch(api, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        operation: 'query',
        query: 'SELECT Id, FirstName, LastName, Title, Email FROM Contact'
      })
    })
  ).json()) as { id: string };
  while (
    ((await (await fetch(`${api}/${job.id}`, { headers: auth })).json()) as { state: string })
      .state !== 'JobComplete'
  ) {
    await new Promise((r) => setTimeout(r, 50));
  }
  let locator: string | null = '';
  let lines = 0;
  let pages = 0;
  let streamRss = 0;
  while (locator !== 'null') {
    const res: Response = await fetch(
      `${api}/${job.id}/results?maxRecords=${pageSize}${locator ? `&locator=${locator}` : ''}`,
      { headers: auth }
    );
    locator = res.headers.get('sforce-locator');
    pages++;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      for (const byte of chunk) if (byte === 10) lines++;
      streamRss = Math.max(streamRss, process.memoryUsage().rss);
    }
  }
  const streamed = lines - pages; // one header line a page
  s = (performance.now() - t) / 1000;
  if (streamed !== rows) throw new Error(`bulk query streamed ${streamed} rows, expected ${rows}`);
  console.log(
    `Bulk API 2.0 query over HTTP: ${streamed.toLocaleString('en')} rows in ${pages} pages in ${s.toFixed(1)} s = ${Math.round(streamed / s).toLocaleString('en')} rows/s; client RSS while streaming at most ${MB(streamRss)}`
  );
  const serverPeak = await ask<number>(child, 'maxRss', 'rss');
  console.log(
    `server peak RSS ${MB(serverPeak)} after the queries (${MB(serverPeak - ready.rssAfterSeed)} above its RSS after seeding)`
  );
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
}

if (ROLE[0] === 'serve') {
  void serve(Number(ROLE[1]));
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
