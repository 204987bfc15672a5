/**
 * The whole product for the browser tests: a local org with a seed, one sync through jsforce,
 * the preview server and Debian's Chromium driven by playwright-core.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import jsforce from 'jsforce';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfigFile } from '../../scripts/build/load-config';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import type { SeedName } from '../../scripts/local-org/seeds';
import { PREVIEW_DIR } from '../../scripts/preview/paths';
import { OrgClient } from '../../scripts/preview/org-client';
import { startPreview, type PreviewServer } from '../../scripts/preview/server';
import { syncWithHistory } from '../../scripts/sync/history';
import type { SyncSummary } from '../../scripts/sync/sync';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(__dirname, '../..');

export interface Stack {
  org: LocalOrg;
  preview: PreviewServer;
  browser: Browser;
  sync: SyncSummary;
  close(): Promise<void>;
}

/**
 * `now`: the org's clock (default the machine's); a test that moves it forward sees what users
 * see later, with record times stamped by the org at that time. `weeks`: the earlier weeks the
 * first sync scores (default 2).
 */
export async function startStack(
  seed: SeedName,
  options: { now?: () => Date; weeks?: number } = {}
): Promise<Stack> {
  if (!existsSync(join(PREVIEW_DIR, 'app.js')))
    throw new Error('The preview is not built: run `npm run test:e2e` (it builds first).');
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const org = await startLocalOrg({ seed, now: options.now });
  const conn = new jsforce.Connection({
    instanceUrl: org.instanceUrl,
    accessToken: org.accessToken,
    version: '62.0'
  });
  // Two earlier weeks by default, so trends and rungs have a previous week, as after a few
  // nightly runs.
  const sync = await syncWithHistory(conn, {
    config: loadConfigFile(),
    asOf: (options.now ? options.now() : new Date()).toISOString().slice(0, 10),
    weeks: options.weeks ?? 2
  });
  const preview = await startPreview({ org });
  // Flags as on a machine without network: no background calls, no sandbox as root.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
  return {
    org,
    preview,
    browser,
    sync,
    async close() {
      await browser.close();
      await preview.close();
      await org.close();
    }
  };
}

/** Opens `url` and waits for `ready` (visible, or only attached for an element that may be empty); returns the milliseconds from navigation to ready. */
async function openTimed(
  page: Page,
  url: string,
  ready: string,
  state: 'visible' | 'attached' = 'visible'
): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  await page.locator(ready).first().waitFor({ state, timeout: 15000 });
  return Date.now() - started;
}

const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page, as `rule: target` lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  // Runs in the page; axe-core's global is `axe`.
  const results = (await page.evaluate('axe.run(document)')) as {
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  };
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/** Saves a full-page screenshot for README when ADOPTION_COACH_SCREENSHOTS names a folder. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.ADOPTION_COACH_SCREENSHOTS;
  if (folder) await page.screenshot({ path: resolve(ROOT, folder, `${name}.png`), fullPage: true });
}

const timings: string[] = [];

export function recordTiming(line: string): void {
  timings.push(line);
}

function printTimings(title: string): void {
  process.stdout.write(`\n${title}\n${timings.map((t) => `  ${t}`).join('\n')}\n`);
  timings.length = 0;
}

/**
 * Opens pages that fail their test on an uncaught error: each `newPage()` is a new browser
 * context of `stack()`'s browser; after each test, the errors its pages threw fail it. Call it
 * at the top level of a test file.
 */
function pagesFailingOnErrors(
  stack: () => Stack
): (viewport?: { width: number; height: number }) => Promise<Page> {
  const pageErrors: string[] = [];
  afterEach(() => {
    const errors = pageErrors.splice(0);
    if (errors.length > 0) throw new Error(`uncaught errors in the page:\n${errors.join('\n')}`);
  });
  return async (viewport = { width: 1280, height: 900 }) => {
    const context = await stack().browser.newContext({ viewport });
    const page = await context.newPage();
    // A throw inside the listener would be lost in playwright's event emitter, not fail the test.
    page.on('pageerror', (e) => pageErrors.push(`page error on ${page.url()}: ${e.message}`));
    return page;
  };
}

/** The stack of a test file or describe block (see useStack), with the steps its tests share. */
export interface StackInUse extends Omit<Stack, 'close'> {
  /** SOQL through the REST API as the org's administrator. */
  adminQuery(soql: string): Promise<Record<string, unknown>[]>;
  /** A page of a new browser context that fails its test on an uncaught error (pagesFailingOnErrors). */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /**
   * Opens the preview's `path` on `page` and waits for `ready` (openTimed); with `timing`,
   * records the milliseconds as "<timing>: <ms> ms". Returns the milliseconds.
   */
  open(
    page: Page,
    path: string,
    ready: string,
    options?: { state?: 'visible' | 'attached'; timing?: string }
  ): Promise<number>;
}

/**
 * Starts a stack of `seed` (startStack, with `now` and `weeks`) before the tests of the file or
 * describe block that calls it, within `timeout` ms (jest's own when not given), and closes it
 * after them, first printing the timings recorded under the title `timings` when given.
 */
export function useStack(
  seed: SeedName,
  options: { now?: () => Date; weeks?: number; timings?: string; timeout?: number } = {}
): StackInUse {
  let stack: Stack | undefined;
  let client: OrgClient | undefined;
  const started = (): Stack => {
    if (!stack) throw new Error('The stack is started before the tests: use it inside a test');
    return stack;
  };
  beforeAll(async () => {
    stack = await startStack(seed, { now: options.now, weeks: options.weeks });
    client = new OrgClient(stack.org);
  }, options.timeout);
  afterAll(async () => {
    if (options.timings) printTimings(options.timings);
    await stack?.close();
  });
  return {
    get org() {
      return started().org;
    },
    get preview() {
      return started().preview;
    },
    get browser() {
      return started().browser;
    },
    get sync() {
      return started().sync;
    },
    adminQuery: (soql) => client!.soql(started().org.adminUserId, soql),
    newPage: pagesFailingOnErrors(started),
    async open(page, path, ready, { state, timing } = {}) {
      const ms = await openTimed(page, `${started().preview.url}${path}`, ready, state);
      if (timing) recordTiming(`${timing}: ${ms} ms`);
      return ms;
    }
  };
}
