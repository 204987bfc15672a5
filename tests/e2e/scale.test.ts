/**
 * The manager's and the sponsor's pages at scale, opened in Chromium after a real sync:
 * - `team:50x5000`: one manager with 50 reps sharing 5,000 open opportunities (two weeks synced);
 * - `team:500x5000x50`: 500 reps in 50 teams of 10 under a VP, eight weeks synced (snapshots
 *   and the stored Adoption_Rollup__c rows of every team and week).
 *
 * Each figure is the time from navigation to the page's data on screen, timed in the page (the
 * first animation frame showing it, on the document's clock), the median of 5 runs after one
 * visit that fetched and cached the components' script and SLDS (as a browser does once),
 * each visit begun once the one before has no request left in flight.
 * The target is 300 ms (the figure README compares with it). The assertion allows BUDGET_MS,
 * far above the target on purpose: the CI machine has 2 cores shared with other work, and this
 * process also runs the org and the preview server; under that load the medians measured on
 * main were up to 1.4 s. The budget catches a page that gets several times slower, not one
 * that misses the target by a little: that is read from the printed figures.
 */
import type { Locator, Page } from 'playwright-core';
import { recordTiming, useStack } from './stack';

const TARGET_MS = 300;
/** What a median may take before the test fails: the target with headroom for a loaded CI. */
const BUDGET_MS = 2000;
const RUNS = 5;

/** The median of `RUNS` timed runs (after one untimed warm-up run), and every run's figure. */
async function medianOf(run: () => Promise<number>): Promise<{ median: number; runs: number[] }> {
  await run();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run());
  const sorted = [...runs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(RUNS / 2)], runs };
}

function record(name: string, m: { median: number; runs: number[] }): void {
  recordTiming(
    `${name}: median ${m.median} ms of ${RUNS} (${m.runs.join(', ')}), target ≤ ${TARGET_MS} ms`
  );
}

/** What shows a page's data: `count` (default 1) visible elements matching `selector` whose text matches `text`. */
interface Shown {
  selector: string;
  text?: string;
  count?: number;
}

/**
 * Timed in the page itself: the `performance.now()` of the first frame in which every `Shown`
 * holds, that is milliseconds since the navigation started (the document's time origin). The
 * check runs each animation frame and looks through every shadow root.
 */
async function shownAt(page: Page, shown: Shown[]): Promise<number> {
  const at = await page.waitForFunction(
    (checks: Shown[]) => {
      const matching = (selector: string): Element[] => {
        const out: Element[] = [];
        const walk = (root: Document | ShadowRoot) => {
          for (const el of Array.from(root.querySelectorAll('*'))) {
            if (el.matches(selector)) out.push(el);
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
        return out;
      };
      const holds = checks.every(({ selector, text, count = 1 }) => {
        const pattern = text === undefined ? null : new RegExp(text);
        const hits = matching(selector).filter(
          (el) => el.checkVisibility() && (!pattern || pattern.test(el.textContent ?? ''))
        );
        return hits.length >= count;
      });
      return holds ? performance.now() : 0;
    },
    shown,
    { polling: 'raf', timeout: 15_000 }
  );
  return Math.round((await at.jsonValue()) as number);
}

/**
 * Waits until the page has had no request in flight for 500 ms (Playwright's `networkidle`), so
 * that the next timed visit starts with the server idle, as a user's next page would, and not
 * behind the reads this page makes once its data is shown (the pulse's programme cards).
 */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

/** Milliseconds from the navigation to `url` until `shown` holds, timed in the page. */
async function timedVisit(page: Page, url: string, shown: Shown[]): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const at = await shownAt(page, shown);
  await settle(page);
  return at;
}

/** Milliseconds from a click on `target` until `shown` holds, both timed in the page. */
async function timedClick(page: Page, target: Locator, shown: Shown[]): Promise<number> {
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      (e) => ((window as { clickedAt?: number }).clickedAt = e.timeStamp),
      {
        capture: true,
        once: true
      }
    );
  });
  await target.click();
  const at = await shownAt(page, shown);
  await settle(page);
  return (
    at - Math.round(await page.evaluate(() => (window as { clickedAt?: number }).clickedAt ?? NaN))
  );
}

/** On the team page at `url`: milliseconds from the click on Rep001 to the first deal of the agenda. */
async function openAgenda(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const rep = page.getByRole('button', { name: 'Rep001 Seller', exact: true }).first();
  await rep.waitFor();
  await settle(page);
  // The team page has no deal rows until a rep's agenda opens.
  return timedClick(page, rep, [{ selector: '[data-id="deal"]' }]);
}

describe('one manager, 50 reps and 5,000 open opportunities', () => {
  const stack = useStack('team:50x5000', {
    timings: 'Manager pages, 50 reps and 5,000 open opportunities:',
    timeout: 300_000
  });

  test('the team page shows all 50 reps, and a rep’s agenda its 100 open deals, within the budget', async () => {
    expect(stack.sync.insights).toBeGreaterThanOrEqual(5000);
    const manager = stack.preview.users.find((u) => u.role === 'manager')!;
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const url = `${stack.preview.url}/team?as=${manager.id}`;
    const rows = page.locator('[data-id="table"] tbody tr');
    // Data shown: the last rep's row (names sort Rep001…Rep050) and the team's tipping line.
    const team = await medianOf(() =>
      timedVisit(page, url, [
        { selector: 'button', text: '^\\s*Rep050 Seller\\s*$' },
        { selector: '[data-id="tipping"]' }
      ])
    );
    await expect(rows.count()).resolves.toBe(50);
    record('team coaching, 50 reps', team);

    // The agenda opens on the page already shown: from the click to the rep's deals.
    const agenda = await medianOf(() => openAgenda(page, url));
    record('1:1 agenda of a rep with 100 open deals', agenda);
    expect(team.median).toBeLessThanOrEqual(BUDGET_MS);
    expect(agenda.median).toBeLessThanOrEqual(BUDGET_MS);
  });
});

describe('500 reps in 50 teams over 8 weeks', () => {
  const stack = useStack('team:500x5000x50', {
    weeks: 8,
    timings: 'Manager and sponsor pages, 500 reps in 50 teams, 8 weeks of snapshots:',
    timeout: 600_000
  });

  test('the sponsor’s pulse, a manager’s team and a rep’s agenda show their data within the budget', async () => {
    // 550 users scored (500 reps, 50 managers); 52 rollups a week: 50 teams, the VP's team of
    // managers and the org.
    expect(stack.sync.snapshots).toBe(550);
    expect(stack.sync.rollups).toBe(52);
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const sponsor = stack.preview.users.find((u) => u.role === 'sponsor')!;
    const manager = stack.preview.users.find((u) => u.name === 'Max Moreau')!;

    // Pulse: the gauge, the week's counted active users (the second query) and all 51 teams'
    // gauges.
    const teams = page.locator('[data-id="team-gauges"] [data-id="gauge-item"]');
    const pulse = await medianOf(() =>
      timedVisit(page, `${stack.preview.url}/pulse?as=${sponsor.id}`, [
        { selector: '[data-id="overall"]' },
        { selector: '[data-id="period-line"]', text: '\\d+ active' },
        { selector: '[data-id="gauge-item"]', count: 51 }
      ])
    );
    await expect(teams.count()).resolves.toBe(51);
    record('adoption pulse, 51 teams × 8 weeks', pulse);

    // Team coaching: Max Moreau's 10 reps (Rep001…Rep010) and the team's tipping line.
    const teamUrl = `${stack.preview.url}/team?as=${manager.id}`;
    const team = await medianOf(() =>
      timedVisit(page, teamUrl, [
        { selector: 'button', text: '^\\s*Rep010 Seller\\s*$' },
        { selector: '[data-id="tipping"]' }
      ])
    );
    await expect(page.locator('[data-id="table"] tbody tr').count()).resolves.toBe(10);
    record('team coaching, a team of 10', team);

    const agenda = await medianOf(() => openAgenda(page, teamUrl));
    record('1:1 agenda of a rep with 10 open deals', agenda);

    expect(pulse.median).toBeLessThanOrEqual(BUDGET_MS);
    expect(team.median).toBeLessThanOrEqual(BUDGET_MS);
    expect(agenda.median).toBeLessThanOrEqual(BUDGET_MS);
  });
});
