/**
 * Governance as people use it: the sponsor's governance page in Chromium on the demo org after a
 * sync, a rep raising a roadblock the sponsor then closes, each manager's 1:1 cadence against
 * the org's Coaching_Session__c rows, and the governance report's figures against the page's.
 */
import jsforce from 'jsforce';
import type { Page } from 'playwright-core';
import { loadConfigFile } from '../../scripts/build/load-config';
import { readGovernance } from '../../scripts/sync/governance';
import { addDays } from '../../scripts/engine/dates';
import { stageIndex } from '../../scripts/engine/constants';
import { screenshot, seriousViolations, useStack } from './stack';

const stack = useStack('demo', { timings: 'Governance page, demo org:' });
/** newPage: pages whose uncaught errors fail the test that opened them. */
const { adminQuery, newPage } = stack;
const asOf = new Date().toISOString().slice(0, 10);

const sponsor = () => stack.preview.users.find((u) => u.role === 'sponsor')!;
const governancePath = () => `/governance?as=${sponsor().id}`;
const READY = '[data-id="roadblocks"]';
const ROADBLOCKS = 'c-roadblock-register tbody tr';
const MANAGERS = 'c-manager-coaching tbody tr';
const MEASURES = 'c-objective-map tbody tr';

/** The rows of the table under `selector`, each as its cells' text. */
async function rows(page: Page, selector: string): Promise<string[][]> {
  return page
    .locator(selector)
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.children].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())
      )
    );
}

test('the sponsor sees members and the gap, the cadence, the roadblocks and the map', async () => {
  const page = await newPage();
  await stack.open(page, governancePath(), READY, {
    timing: `governance page (${sponsor().name})`
  });
  const members = await page.locator('[data-id="member"]').allTextContents();
  expect(members.map((m) => m.replace(/\s+/g, ' ').trim())).toEqual([
    'Valerie Grant · Executive sponsor',
    'Omar Haddad · Programme lead',
    'Sofia Lind · People expert',
    'Org Administrator · Technology expert'
  ]);
  await expect(page.locator('[data-id="gap"]').allTextContents()).resolves.toEqual([
    'No process expert'
  ]);
  // The demo's last meeting was held 100 days ago: more than a quarter.
  await expect(page.locator('[data-id="last-meeting"]').textContent()).resolves.toContain(
    '100 days ago'
  );
  await expect(page.locator('[data-id="cadence-warning"]').textContent()).resolves.toContain(
    'More than 91 days'
  );
  const open = await rows(page, ROADBLOCKS);
  expect(open.map((r) => [r[0], r[1]])).toEqual([
    ['The weekly forecast call still runs from a spreadsheet', 'Sofia Lind'],
    ['Quotes are built outside the CRM, so the amount is typed twice', expect.any(String)]
  ]);
  await expect(page.locator(MEASURES).count()).resolves.toBe(5);
  await screenshot(page, 'governance');
  expect(await seriousViolations(page)).toEqual([]);
});

test("each manager's 1:1 count matches the org's Coaching_Session__c rows of the last 30 days", async () => {
  const page = await newPage();
  await stack.open(page, governancePath(), MANAGERS);
  const shown = await page
    .locator(MANAGERS)
    .evaluateAll((trs) =>
      trs.map((tr) => [
        (tr as HTMLElement).dataset.key ?? '',
        tr.querySelector('[data-field="sessions"]')?.textContent?.trim() ?? ''
      ])
    );
  expect(shown.length).toBeGreaterThan(0);
  const from = addDays(asOf, -29);
  for (const [managerId, sessions] of shown) {
    const [{ n }] = await adminQuery(
      `SELECT COUNT(Id) n FROM Coaching_Session__c WHERE Manager__c = '${managerId}' AND Session_Date__c >= ${from} AND Session_Date__c <= ${asOf}`
    );
    expect([managerId, Number(sessions)]).toEqual([managerId, Number(n)]);
  }
});

test("the report's governance figures equal the page's for the same week", async () => {
  const page = await newPage();
  await stack.open(page, governancePath(), MANAGERS);
  const conn = new jsforce.Connection({
    instanceUrl: stack.org.instanceUrl,
    accessToken: stack.org.accessToken,
    version: '62.0'
  });
  const read = await readGovernance(conn, loadConfigFile(), asOf, stack.sync.periodStart);
  if (!read.view) throw new Error(read.reason);
  const view = read.view;
  const managers = await rows(page, MANAGERS);
  expect(managers).toEqual(
    view.managers.map((m) => [
      m.name,
      String(m.sessions),
      `${m.covered} of ${m.reps} (${m.coveredPct ?? 'No value'} %)`,
      m.tippingPointPct === null ? 'No value' : `${m.tippingPointPct} %`,
      m.climb === null ? 'No value' : `${m.climb > 0 ? '+' : ''}${m.climb} points`
    ])
  );
  const figures = await page.locator(`${MEASURES} [data-field="figure"]`).allTextContents();
  const measures = view.objectives.flatMap((o) => o.behaviours.flatMap((b) => b.measures));
  expect(figures.map((f) => f.replace(/\s+/g, ' ').trim())).toEqual(
    measures.map((m) =>
      m.pct === null
        ? 'No figure this week'
        : `${m.pct} % (${m.met} of ${m.counted} deals)${m.reached ? 'Reached' : ''}`
    )
  );
  const open = await rows(page, ROADBLOCKS);
  expect(open.map((r) => r[0])).toEqual(view.openRoadblocks.map((r) => r.Subject__c));
});

test('a rep raises a roadblock; the sponsor sees it with its owner and closes it', async () => {
  const rep = stack.preview.users.find((u) => u.role === 'rep')!;
  const subject = `The CPQ sync drops discounts (${Date.now()})`;
  const repPage = await newPage();
  await stack.open(repPage, `/home?as=${rep.id}`, '[data-id="open-form"]');
  // The form opens on demand, with focus in its first field.
  await repPage.getByRole('button', { name: 'Describe a roadblock' }).click();
  await expect(
    repPage.getByLabel('What is in the way?').evaluate((input) => input.matches(':focus'))
  ).resolves.toBe(true);
  await repPage.getByLabel('What is in the way?').fill(subject);
  await repPage.getByRole('button', { name: 'Raise the roadblock' }).click();
  await repPage
    .locator('[data-id="my-roadblock"]', { hasText: subject })
    .waitFor({ state: 'visible' });
  const [row] = await adminQuery(
    `SELECT Id, OwnerId, Status__c, Raised_On__c FROM Roadblock__c WHERE Subject__c = '${subject}'`
  );
  expect([row.OwnerId, row.Status__c, row.Raised_On__c]).toEqual([rep.id, 'Open', asOf]);

  const page = await newPage();
  await stack.open(page, governancePath(), READY);
  const raised = page.locator(ROADBLOCKS, { hasText: subject });
  await expect(raised.locator('[data-field="owner"]').textContent()).resolves.toBe(rep.name);
  await page.getByRole('button', { name: `Close the roadblock ${subject}` }).click();
  await raised.waitFor({ state: 'detached' });
  const [closed] = await adminQuery(
    `SELECT Status__c, Closed_On__c FROM Roadblock__c WHERE Id = '${String(row.Id)}'`
  );
  expect([closed.Status__c, closed.Closed_On__c]).toEqual(['Closed', asOf]);
  // The rep sees where it stands.
  await repPage.reload();
  await expect(
    repPage.locator('[data-id="my-roadblock"]', { hasText: subject }).textContent()
  ).resolves.toContain('Closed');
});

/** The reps whose latest snapshot stands a rung below the one before, as [name, from, to]. */
async function droppedReps(): Promise<{ id: string; name: string; from: string; to: string }[]> {
  const rows = await adminQuery(
    `SELECT User__c, User__r.Name, Period_Start__c, Adoption_Stage__c FROM Adoption_Snapshot__c ORDER BY User__c, Period_Start__c DESC`
  );
  const byRep = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) byRep.set(String(r.User__c), [...(byRep.get(String(r.User__c)) ?? []), r]);
  const dropped = [];
  for (const [id, [latest, previous]] of byRep) {
    if (!previous) continue;
    const to = String(latest.Adoption_Stage__c);
    const from = String(previous.Adoption_Stage__c);
    if (stageIndex(to) < stageIndex(from)) {
      const name = String((latest.User__r as { Name: string }).Name);
      dropped.push({ id, name, from, to });
    }
  }
  return dropped;
}

/** Opens the 1:1 agenda of `repName` on the team page of their manager. */
async function openAgenda(repId: string, repName: string): Promise<Page> {
  const [{ ManagerId: managerId }] = await adminQuery(
    `SELECT ManagerId FROM User WHERE Id = '${repId}'`
  );
  const page = await newPage();
  await stack.open(page, `/team?as=${String(managerId)}`, '[data-id="table"] tbody tr');
  await page.getByRole('button', { name: repName, exact: true }).first().click();
  await page.locator('[data-id="deals"]').waitFor({ state: 'visible' });
  return page;
}

test('a rep the sync dropped a rung sees the remedial path on Home and marks it done', async () => {
  // The demo's story: from the Monday of last week Rosa Hansen logs no activity and answers no
  // tip. The stack scores two earlier weeks, then this one: two weeks ago her evidence meets
  // Involvement; last week and this week she logs fewer than the 3 activities Acceptance asks,
  // so she is below her rung twice and ladder.dropAfterPeriods (2) takes him one rung down.
  const dropped = await droppedReps();
  const rep = dropped.find((d) => d.name === 'Rosa Hansen');
  expect(rep).toEqual({
    id: expect.any(String),
    name: 'Rosa Hansen',
    from: 'Involvement',
    to: 'Acceptance'
  });
  const repId = rep!.id;
  const page = await newPage();
  await stack.open(page, `/home?as=${repId}`, '[data-id="training-path"]');
  // remedial.Involvement in the config: Activity_Habits.
  const path = page.locator('[data-id="training-path"][data-path="Activity_Habits"]');
  await expect(path.textContent()).resolves.toContain('To win back the Involvement rung');
  await expect(path.locator('a').getAttribute('href')).resolves.toBe(
    'https://trailhead.salesforce.com/search?keywords=log%20activities'
  );
  await path
    .getByRole('button', { name: 'Mark as done: Logging calls, meetings and e-mails' })
    .click();
  await path.locator('[data-id="training-done"]').waitFor({ state: 'visible' });
  const done = await adminQuery(
    `SELECT Engagement_Key__c, OwnerId FROM Coach_Engagement__c WHERE User__c = '${repId}' AND Kind__c = 'Training_Done' AND Subject__c = 'Activity_Habits'`
  );
  expect(done.map((d) => [d.Engagement_Key__c, d.OwnerId])).toEqual([
    [`${repId}:Training_Done:Activity_Habits:${asOf}`, repId]
  ]);
  expect(await seriousViolations(page)).toEqual([]);
  // His manager sees it in her 1:1 agenda.
  const agenda = await openAgenda(repId, 'Rosa Hansen');
  await expect(
    agenda.locator('[data-id="engagement-item"][data-kind="Training_Done"]').textContent()
  ).resolves.toBe(`Training done: Logging calls, meetings and e-mails (${asOf})`);
});

test("a rep prepares the next 1:1 on Home: the agenda's deals, and the manager sees it prepared", async () => {
  const rep = stack.preview.users.find((u) => u.role === 'rep')!;
  const page = await newPage({ width: 390, height: 844 });
  await stack.open(page, `/home?as=${rep.id}`, '[data-id="prep-toggle"]');
  await page.getByRole('button', { name: 'Prepare my next 1:1' }).click();
  await page.locator('[data-id="prepared"]').waitFor({ state: 'visible' });
  const repDeals = await page.locator('[data-id="prep-deal-name"]').allTextContents();
  const rows = await adminQuery(
    `SELECT Engagement_Key__c, OwnerId FROM Coach_Engagement__c WHERE User__c = '${rep.id}' AND Kind__c = 'Prepared_Agenda'`
  );
  expect(rows.map((r) => [r.Engagement_Key__c, r.OwnerId])).toEqual([
    [`${rep.id}:Prepared_Agenda:-:${asOf}`, rep.id]
  ]);
  const [scroll, width] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth
  ]);
  expect(scroll).toBeLessThanOrEqual(width);
  expect(await seriousViolations(page)).toEqual([]);
  // Opening it again the same day records nothing more.
  await page.reload();
  await page.getByRole('button', { name: 'Prepare my next 1:1' }).click();
  await page.locator('[data-id="prep"]').waitFor({ state: 'visible' });
  await expect(
    adminQuery(
      `SELECT COUNT(Id) n FROM Coach_Engagement__c WHERE User__c = '${rep.id}' AND Kind__c = 'Prepared_Agenda'`
    )
  ).resolves.toEqual([expect.objectContaining({ n: 1 })]);

  // The manager's agenda holds the same deals in the same order, and shows the rep prepared.
  const agenda = await openAgenda(rep.id, rep.name);
  const managerDeals = await agenda.locator('[data-id="deal-name"]').allTextContents();
  expect(repDeals.length).toBeGreaterThan(0);
  expect(repDeals).toEqual(managerDeals);
  await expect(
    agenda.locator('[data-id="engagement-item"][data-kind="Prepared_Agenda"]').textContent()
  ).resolves.toBe(`Prepared the 1:1 agenda (${asOf})`);
});

test('on a phone the governance page has no sideways scroll', async () => {
  const page = await newPage({ width: 390, height: 844 });
  await stack.open(page, governancePath(), READY);
  const [scroll, width] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth
  ]);
  expect(scroll).toBeLessThanOrEqual(width);
  await screenshot(page, 'governance-phone');
  expect(await seriousViolations(page)).toEqual([]);
});
