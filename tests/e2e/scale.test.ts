/**
 * The manager's page at scale: a team of 50 reps with 5,000 open opportunities (the
 * `team:50x5000` seed), synced, then opened in Chromium. Prints the render times.
 */
import { openTimed, printTimings, recordTiming, startStack, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack('team:50x5000');
});

afterAll(async () => {
  printTimings('Manager pages, 50 reps and 5,000 open opportunities:');
  await stack?.close();
});

test('the team page renders all 50 reps in under 1 s, and a rep’s agenda opens', async () => {
  expect(stack.sync.insights).toBeGreaterThanOrEqual(5000);
  const manager = stack.preview.users.find((u) => u.role === 'manager')!;
  const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = `${stack.preview.url}/team?as=${manager.id}`;
  // A first visit fetches and caches the components' script, as a browser does once.
  await openTimed(page, url, '[data-id="table"] tbody tr');
  const rows = page.locator('[data-id="table"] tbody tr');
  const started = Date.now();
  await page.goto(url);
  await page.getByRole('button', { name: 'Rep050 Seller', exact: true }).first().waitFor();
  const ms = Date.now() - started;
  await expect(rows.count()).resolves.toBe(50);
  recordTiming(`team coaching, 50 reps: ${ms} ms`);
  expect(ms).toBeLessThan(1000);

  const agendaStarted = Date.now();
  await page.getByRole('button', { name: 'Rep001 Seller', exact: true }).first().click();
  await page.locator('[data-id="agenda-section"] [data-id="deal"]').first().waitFor();
  recordTiming(`1:1 agenda of a rep with 100 open deals: ${Date.now() - agendaStarted} ms`);
});
