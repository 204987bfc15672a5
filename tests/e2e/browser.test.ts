/**
 * The product as people use it: Chromium on the preview's pages, against the demo org after a
 * sync. Each flow checks what the page shows and what landed in the org.
 */
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, useStack } from './stack';
import { OrgClient } from '../../scripts/preview/org-client';

const SCORE = '[data-id="score-text"]';
/** The record coach once its nudges are chosen: before that the score shows alone. */
const COACHED = '[data-id="nudge-area"][aria-busy="false"]';
const NEXT_STEP_TEXT = 'Add the next step you agreed with the customer.';
/** The team page's table of reps, a row each. */
const TEAM_ROWS = '[data-id="table"] tbody tr';

const stack = useStack('demo', {
  timings: 'Preview pages, demo org (navigation to the component showing its data):'
});
/** newPage: pages whose uncaught errors fail the test that opened them. */
const { adminQuery, newPage } = stack;

function usersByRole(role: 'rep' | 'manager' | 'sponsor') {
  return stack.preview.users.filter((u) => u.role === role);
}

const scoreOf = async (page: Page) =>
  Number(/(\d+)/.exec((await page.locator(SCORE).textContent()) ?? '')?.[1]);

/** An open deal of a rep whose record page shows the next-step nudge, with the rep. */
async function dealWithNextStepNudge(page: Page) {
  const rows = await adminQuery(
    'SELECT Id, OwnerId FROM Opportunity WHERE IsClosed = false AND NextStep = null ORDER BY Amount DESC LIMIT 20'
  );
  for (const row of rows) {
    const path = `/record/${row.Id}?as=${row.OwnerId}`;
    await stack.open(page, path, COACHED, { state: 'attached' });
    const item = page.locator('li[data-nudge]', { hasText: NEXT_STEP_TEXT });
    if ((await item.count()) && (await page.locator('li[data-nudge]').count()) >= 2)
      return { id: String(row.Id), owner: String(row.OwnerId), path };
  }
  throw new Error('No open deal in the demo org shows the next-step nudge');
}

test('a rep fixes a missing next step from the nudge: the score rises and the fix is in the org', async () => {
  const page = await newPage();
  const deal = await dealWithNextStepNudge(page);
  const before = await scoreOf(page);
  const item = page.locator('li[data-nudge]', { hasText: NEXT_STEP_TEXT });
  await item.getByRole('button', { name: 'Fix now' }).click();
  const input = item.getByLabel('Next Step');
  await input.fill('Demo for the buying committee on Friday');
  await item.getByRole('button', { name: 'Save' }).click();
  // Lightning Data Service refreshes the record after the save; the score follows.
  const deadline = Date.now() + 10000;
  while ((await scoreOf(page)) === before && Date.now() < deadline) await page.waitForTimeout(100);
  const after = await scoreOf(page);
  expect(after).toBeGreaterThan(before);
  await expect(page.locator('li[data-nudge]', { hasText: NEXT_STEP_TEXT }).count()).resolves.toBe(
    0
  );

  const [opp] = await adminQuery(`SELECT NextStep FROM Opportunity WHERE Id = '${deal.id}'`);
  expect(opp.NextStep).toBe('Demo for the buying committee on Friday');
  const responses = await adminQuery(
    `SELECT Action__c, OwnerId FROM Nudge_Response__c WHERE Record_Id__c = '${deal.id}' AND Action__c = 'Fixed'`
  );
  expect(responses).toHaveLength(1);
  expect(responses[0].OwnerId).toBe(deal.owner);

  // A fresh load reads it all back from the org: same score, no next-step nudge.
  await stack.open(page, deal.path, COACHED, { state: 'attached' });
  expect(await scoreOf(page)).toBe(after);
  await expect(page.locator('li[data-nudge]', { hasText: NEXT_STEP_TEXT }).count()).resolves.toBe(
    0
  );
});

test('a snoozed nudge is hidden until its day and then comes back', async () => {
  const page = await newPage();
  const rows = await adminQuery(
    'SELECT Id, OwnerId FROM Opportunity WHERE IsClosed = false ORDER BY Amount ASC LIMIT 1'
  );
  const path = `/record/${rows[0].Id}?as=${rows[0].OwnerId}`;
  await stack.open(page, path, 'li[data-nudge]');
  const first = page.locator('li[data-nudge]').first();
  const key = await first.getAttribute('data-nudge');
  const text = (await first.locator('p').first().textContent())?.trim() ?? '';
  await first.getByRole('button', { name: 'Snooze' }).click();
  await page.getByRole('menuitem', { name: 'Until tomorrow' }).click();
  await page.locator(`li[data-nudge="${key}"]`).waitFor({ state: 'detached' });

  const [snooze] = await adminQuery(
    `SELECT Snooze_Until__c FROM Nudge_Response__c WHERE Record_Id__c = '${rows[0].Id}' AND Action__c = 'Snoozed'`
  );
  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  expect(snooze.Snooze_Until__c).toBe(tomorrow);

  // Reloaded the same day: still hidden.
  await stack.open(page, path, COACHED, { state: 'attached' });
  await expect(page.locator(`li[data-nudge="${key}"]`).count()).resolves.toBe(0);

  // The day after tomorrow in the browser: the nudge is back.
  const later = await newPage();
  await later.clock.setFixedTime(new Date(Date.now() + 2 * 86400000));
  await stack.open(later, path, COACHED, { state: 'attached' });
  await expect(later.locator('li[data-nudge]', { hasText: text }).count()).resolves.toBe(1);
});

/** Counts of 1 worded in the plural, and criteria or figures at 0, as the rep's texts could word them. */
const WRONG_PLURAL = /\b1 (activities|tips|times|days|deals|weeks|messages|steps|nudges)\b/g;
const ZERO_FIGURE = /\b0 (%|tips?|times?|activities|days?|deals?)(?=\W)/g;

/** The visible text of the main component, with the problems above. */
async function wordingProblems(page: Page, component: string) {
  const text = await page.locator(component).innerText();
  return [...text.matchAll(WRONG_PLURAL), ...text.matchAll(ZERO_FIGURE)].map((m) => m[0]);
}

test("a rep's deal and Home as the rep sees them: every nudge says why, no figure at 0, no wrong plural", async () => {
  const rep = usersByRole('rep')[0];
  const deals = await adminQuery(
    `SELECT Id FROM Opportunity WHERE OwnerId = '${rep.id}' AND IsClosed = false AND NextStep = null ORDER BY Amount DESC LIMIT 10`
  );
  // The WIIFM line with the org's figures: whose deals, the two win rates, the two sample sizes.
  const FIGURES =
    /^Your (team’s |team's )?deals: .* won \d+ % of the time, against \d+ % .*\(\d+ and \d+ closed deals\)\.$/;
  // Each deal in a browser of its own: nothing was shown today, so the daily budget is whole.
  let page: Page | undefined;
  for (const deal of deals) {
    const candidate = await newPage();
    await stack.open(candidate, `/record/${deal.Id}?as=${rep.id}`, COACHED, { state: 'attached' });
    const lines = await candidate.locator('li[data-nudge] [data-id="wiifm"]').allInnerTexts();
    if (lines.some((line) => FIGURES.test(line))) {
      page = candidate;
      break;
    }
    await candidate.context().close();
  }
  if (!page) throw new Error(`No open deal of ${rep.name} shows a nudge with the org's figures`);
  // No nudge without its reason: the figures, or the plain benefit where none are at hand.
  await expect(page.locator('li[data-nudge] [data-id="wiifm"]').count()).resolves.toBe(
    await page.locator('li[data-nudge]').count()
  );
  expect(await wordingProblems(page, 'c-record-coach')).toEqual([]);
  await screenshot(page, 'opportunity');

  await stack.open(page, `/home?as=${rep.id}`, '[data-id="rung"]');
  const next = await page.locator('[data-id="next-rung"]').innerText();
  expect(next).not.toMatch(/\b0\b/);
  expect(await wordingProblems(page, 'c-my-adoption')).toEqual([]);
  await screenshot(page, 'rep-home');
});

test('on a phone the rep’s Home shows every rung of the ladder with no sideways scroll', async () => {
  const page = await newPage({ width: 390, height: 844 });
  const rep = usersByRole('rep')[0];
  await stack.open(page, `/home?as=${rep.id}`, '[data-id="rung"]');
  const rungs = page.locator('[data-id="ladder"] .slds-path__title');
  await expect(rungs.allInnerTexts()).resolves.toEqual([
    'Awareness',
    'Understanding',
    'Acceptance',
    'Involvement',
    'Commitment'
  ]);
  // Each name whole on screen: visible and not cut off by an ellipsis.
  const cut = await rungs.evaluateAll((titles) =>
    titles
      .filter((t) => t.scrollWidth > t.clientWidth || t.getBoundingClientRect().width === 0)
      .map((t) => t.textContent)
  );
  expect(cut).toEqual([]);
  const [scrollWidth, viewport] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth
  ]);
  expect(scrollWidth).toBeLessThanOrEqual(viewport);
  await screenshot(page, 'rep-home-phone');
  expect(await seriousViolations(page)).toEqual([]);
});

test('a manager opens a rep’s agenda from the team page and saves a coaching session', async () => {
  const page = await newPage();
  const manager = usersByRole('manager')[0];
  await stack.open(page, `/team?as=${manager.id}`, TEAM_ROWS, {
    timing: `team coaching (${manager.name})`
  });
  const [rep] = await adminQuery(
    `SELECT Id, Name FROM User WHERE ManagerId = '${manager.id}' ORDER BY Name LIMIT 1`
  );
  await page
    .getByRole('button', { name: String(rep.Name), exact: true })
    .first()
    .click();
  const agenda = page.locator('[data-id="agenda-section"]');
  await agenda.locator('[data-id="deals"]').waitFor();
  // Deal names link to the deal's record page, as the navigation service builds it.
  await expect(
    agenda.locator('[data-id="deal-name"]').first().getAttribute('href')
  ).resolves.toMatch(new RegExp(`^/record/006\\w+\\?as=${manager.id}$`));
  await screenshot(page, 'coaching-agenda');
  await agenda.getByLabel('Notes').fill('Agreed: next steps on the three largest deals by Friday.');
  await agenda.getByRole('button', { name: 'Save session' }).click();
  await page.locator('#toasts', { hasText: 'Coaching session saved' }).waitFor();

  // The demo holds earlier 1:1s of this rep: the new one is the session saved today.
  const sessions = await adminQuery(
    `SELECT Manager__c, Rep__c, Notes__c, OwnerId FROM Coaching_Session__c WHERE Rep__c = '${rep.Id}' AND CreatedDate = TODAY`
  );
  expect(sessions).toHaveLength(1);
  expect(sessions[0]).toMatchObject({
    Manager__c: manager.id,
    Notes__c: 'Agreed: next steps on the three largest deals by Friday.',
    OwnerId: manager.id
  });
});

test('the sponsor sees the tipping-point gauge with the rollup the sync stored, reading no row finer than a team and week', async () => {
  const page = await newPage();
  const sponsor = usersByRole('sponsor')[0];
  // Every GraphQL answer the page receives: the rows of each connection, by object.
  const answers: { query: string; data: unknown }[] = [];
  page.on('response', (res) => {
    if (!res.url().includes('/graphql') || res.request().method() !== 'POST') return;
    const query = String((res.request().postDataJSON() as { query?: string })?.query ?? '');
    answers.push({ query, data: null });
    const entry = answers[answers.length - 1];
    res
      .json()
      .then((body: { data?: unknown }) => (entry.data = body.data ?? null))
      .catch(() => undefined);
  });
  await stack.open(page, `/pulse?as=${sponsor.id}`, '[data-id="overall"]', {
    timing: `adoption pulse (${sponsor.name})`
  });
  // The org's row of the latest week the sync stored, read as the admin.
  const [org] = await adminQuery(
    "SELECT Period_Start__c, Adopters__c, Audience_Size__c, Active_Users__c, Tipping_Point__c, Target__c FROM Adoption_Rollup__c WHERE Scope__c = 'Org' ORDER BY Period_Start__c DESC LIMIT 1"
  );
  expect(org).toBeDefined();
  await expect(page.locator('[data-id="overall"]').textContent()).resolves.toContain(
    `(${org.Adopters__c} of ${org.Audience_Size__c}); the tipping point is ${org.Target__c} %`
  );
  await expect(page.locator('[data-id="period-line"]').textContent()).resolves.toContain(
    `Week starting ${org.Period_Start__c}: ${org.Audience_Size__c} users, ${org.Active_Users__c} active.`
  );

  // The pulse's own query: rows of Adoption_Rollup__c only, one per team (or the org) and
  // week; no snapshot is read or counted.
  await page.waitForTimeout(200);
  const mine = answers.filter((a) => /query pulse/.test(a.query));
  expect(mine.map((a) => /query (\w+)/.exec(a.query)![1])).toEqual(['pulseRollups']);
  const keys: string[] = [];
  const rowsElsewhere: string[] = [];
  for (const a of mine) {
    const connections = (a.data as { uiapi: { query: Record<string, unknown> } }).uiapi.query;
    for (const [alias, conn] of Object.entries(connections)) {
      const edges = (conn as { edges?: { node: Record<string, { value?: unknown }> }[] }).edges;
      if (alias !== 'Adoption_Rollup__c') {
        if (edges !== undefined) rowsElsewhere.push(alias);
        continue;
      }
      for (const e of edges ?? [])
        keys.push(`${e.node.Manager__c?.value ?? 'ORG'}:${e.node.Period_Start__c?.value}`);
    }
  }
  expect(rowsElsewhere).toEqual([]);
  expect(keys.length).toBeGreaterThan(1);
  expect(new Set(keys).size).toBe(keys.length);
  await screenshot(page, 'adoption-pulse');
});

test('every page is interactive within 2 s and has no serious or critical axe violation', async () => {
  const page = await newPage();
  const rep = usersByRole('rep')[0];
  const manager = usersByRole('manager')[0];
  const sponsor = usersByRole('sponsor')[0];
  const [deal] = await adminQuery(
    `SELECT Id FROM Opportunity WHERE OwnerId = '${rep.id}' AND IsClosed = false ORDER BY Id LIMIT 1`
  );
  const pages: [string, string, string][] = [
    ['choose a user', '/', 'h1'],
    ['rep home', `/home?as=${rep.id}`, '[data-id="rung"]'],
    ['opportunity', `/record/${deal.Id}?as=${rep.id}`, SCORE],
    ['team coaching', `/team?as=${manager.id}`, TEAM_ROWS],
    ['adoption pulse', `/pulse?as=${sponsor.id}`, '[data-id="overall"]']
  ];
  const problems: string[] = [];
  for (const [name, path, ready] of pages) {
    const ms = await stack.open(page, path, ready, { timing: name });
    if (ms > 2000) problems.push(`${name} took ${ms} ms`);
    // The rep's pages and the pulse are pictured where their content is checked.
    if (name === 'choose a user' || name === 'team coaching')
      await screenshot(page, name.replace(/\s+/g, '-'));
    for (const v of await seriousViolations(page)) problems.push(`${name}: ${v}`);
  }
  expect(problems).toEqual([]);
});

test('on a phone the team page shows each rep as a card, with a sort choice, accessibly', async () => {
  const page = await newPage({ width: 390, height: 844 });
  const manager = usersByRole('manager')[0];
  await stack.open(page, `/team?as=${manager.id}`, '[data-id="cards"] li');
  const [{ n }] = await adminQuery(
    `SELECT COUNT(Id) n FROM User WHERE ManagerId = '${manager.id}' AND IsActive = true`
  );
  await expect(page.locator('[data-id="cards"] [data-id="card"]').count()).resolves.toBe(Number(n));
  await expect(page.getByRole('combobox', { name: 'Sort by' }).isVisible()).resolves.toBe(true);
  await expect(page.locator('[data-id="table"]').count()).resolves.toBe(0);
  await screenshot(page, 'team-coaching-phone');
  expect(await seriousViolations(page)).toEqual([]);
});

// ------------------------------------------------------------------------------------------
// Personas: each sees what its access allows, in the page and through the API as that user.

/** Where each page is ready: its component's content, or its error panel. */
const READY: Record<string, string> = {
  home: '[data-id="rung"], [data-id="no-snapshot"]',
  record: `${SCORE}, [data-id="not-scored"]`,
  team: '[data-id="table"] tbody tr, [data-id="cards"] li, [data-id="empty"]',
  pulse: '[data-id="overall"], [data-id="empty"]',
  governance: '[data-id="roadblocks"]'
};

/** SOQL through the REST API with the session of `userId`: what that user's access returns. */
async function queryAs(userId: string, soql: string) {
  return new OrgClient(stack.org).soql(userId, soql);
}

/** The preview's GraphQL endpoint as `userId`, as the components call it. */
async function graphqlAs(userId: string, query: string) {
  const res = await fetch(`${stack.preview.url}/api/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Preview-User': userId },
    body: JSON.stringify({ query, variables: {} })
  });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    data: { uiapi: { query: Record<string, { edges: { node: Record<string, unknown> }[] }> } };
    errors: { message: string }[];
  };
}

const nodes = (res: Awaited<ReturnType<typeof graphqlAs>>, object: string) =>
  res.data.uiapi.query[object].edges.map((e) => e.node);

test('every page a rep, a manager and the sponsor are offered loads with no error, its icons drawn', async () => {
  const page = await newPage();
  const personas = [usersByRole('rep')[0], usersByRole('manager')[0], usersByRole('sponsor')[0]];
  const problems: string[] = [];
  const visited: string[] = [];
  // The preview builds only the icons its sources name (scripts/preview/icons.ts): any other
  // would be drawn blank (an <svg> with an empty <use>) and its library warns in the console.
  page.on('console', (m) => {
    if (/holds only the icons/.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
  });
  const icons = new Set<string>();
  for (const persona of personas) {
    await page.goto(`${stack.preview.url}/start?as=${persona.id}`);
    const links = await page
      .locator('nav[aria-label="Pages"] a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
    for (const href of links) {
      await page.goto(`${stack.preview.url}${href}`);
      const name = await page.locator('meta[name="preview-page"]').getAttribute('content');
      await page
        .locator(`${READY[name ?? '']}, c-error-panel`)
        .first()
        .waitFor({ state: 'visible', timeout: 15000 });
      visited.push(`${persona.role} ${name}`);
      const errors = await page.locator('c-error-panel').allTextContents();
      if (errors.length) problems.push(`${persona.role} on ${href}: ${errors.join(' | ')}`);
      // An icon is drawn once its category's library has loaded: then it holds the icon's paths.
      const blank = 'lightning-primitive-icon svg:has(> use)';
      await page.waitForFunction((css) => !document.querySelector(css), blank).catch(() => {});
      for (const key of await page.locator(blank).evaluateAll((s) => s.map((e) => e.dataset.key)))
        problems.push(`${persona.role} on ${href}: icon ${key} drawn blank`);
      for (const key of await page
        .locator('lightning-primitive-icon svg[data-key]')
        .evaluateAll((s) => s.map((e) => (e as SVGElement).dataset.key)))
        icons.add(key ?? '');
    }
  }
  // The cards' icons, read from the pages' templates (data-key is the name after the colon):
  // standard:goals (My Adoption), standard:coaching (1:1 prep), standard:incident (Raise a
  // roadblock) on Home, standard:team_member on the team page, standard:dashboard on the pulse.
  expect([...icons]).toEqual(
    expect.arrayContaining(['goals', 'coaching', 'incident', 'team_member', 'dashboard'])
  );
  // The tabs of each persona's permission set, plus the Opportunity page for deal owners.
  expect(visited).toEqual([
    'rep home',
    'rep record',
    'manager home',
    'manager record',
    'manager team',
    'sponsor pulse',
    'sponsor governance'
  ]);
  expect(problems).toEqual([]);
});

test("a rep sees no other rep's snapshot, deal insight or coaching session", async () => {
  const [rep, peer] = usersByRole('rep');
  const manager = (await adminQuery(`SELECT ManagerId FROM User WHERE Id = '${peer.id}'`))[0]
    .ManagerId as string;
  // A 1:1 of the peer with their manager, saved as the manager (as the team page does).
  const client = new OrgClient(stack.org);
  await client.createRecord(manager, 'Coaching_Session__c', {
    Rep__c: peer.id,
    Manager__c: manager,
    Session_Date__c: new Date().toISOString().slice(0, 10),
    Notes__c: 'Private: pipeline review before the QBR.'
  });

  // Through the API as the rep, with no filter: only the rep's own rows come back.
  const snapshots = nodes(
    await graphqlAs(
      rep.id,
      '{ uiapi { query { Adoption_Snapshot__c(first: 2000) { edges { node { Id User__c { value } } } } } } }'
    ),
    'Adoption_Snapshot__c'
  );
  expect(snapshots.length).toBeGreaterThan(0);
  expect(new Set(snapshots.map((n) => (n.User__c as { value: string }).value))).toEqual(
    new Set([rep.id])
  );
  const insights = await queryAs(rep.id, 'SELECT Id, Opportunity__r.OwnerId FROM Deal_Insight__c');
  expect(insights.length).toBeGreaterThan(0);
  expect(new Set(insights.map((r) => (r.Opportunity__r as { OwnerId: string }).OwnerId))).toEqual(
    new Set([rep.id])
  );
  // Coaching sessions: either the rep cannot read the object at all, or only their own.
  const sessions = await queryAs(rep.id, 'SELECT Id, Rep__c FROM Coaching_Session__c').then(
    (rows) => ({ refused: null as string | null, rows }),
    (e: { errorCode?: string }) => ({ refused: e.errorCode ?? String(e), rows: [] })
  );
  expect([null, 'INVALID_TYPE']).toContain(sessions.refused);
  expect(sessions.rows.filter((s) => s.Rep__c !== rep.id)).toEqual([]);

  // In the page: the peer's deal opened by the rep shows no deal health and no score.
  const [peerDeal] = await adminQuery(
    `SELECT Id FROM Opportunity WHERE OwnerId = '${peer.id}' AND IsClosed = false ORDER BY Id LIMIT 1`
  );
  const [peerInsight] = await adminQuery(
    `SELECT Risk_Flags__c FROM Deal_Insight__c WHERE Opportunity__c = '${peerDeal.Id}'`
  );
  expect(peerInsight).toBeDefined();
  const page = await newPage();
  await page.goto(`${stack.preview.url}/record/${peerDeal.Id}?as=${rep.id}`);
  await page.locator('c-error-panel').first().waitFor({ state: 'visible', timeout: 15000 });
  await expect(page.locator('[data-id="deal-health"]').count()).resolves.toBe(0);
  await expect(page.locator(SCORE).count()).resolves.toBe(0);
  // And the rep's Home shows the rep's own trend, as many weeks as the rep's own snapshots.
  await stack.open(page, `/home?as=${rep.id}`, '[data-id="rung"]');
  const own = await adminQuery(
    `SELECT Id FROM Adoption_Snapshot__c WHERE User__c = '${rep.id}' AND Completeness_Score__c != null`
  );
  await expect(page.locator('[data-id="trend-table"] tbody tr').count()).resolves.toBe(
    Math.min(own.length, 8)
  );
});

test("a manager sees every direct report's snapshots, and no other team's", async () => {
  const manager = usersByRole('manager')[0];
  const reports = (
    await adminQuery(`SELECT Id FROM User WHERE ManagerId = '${manager.id}' AND IsActive = true`)
  ).map((r) => String(r.Id));
  const others = (
    await adminQuery(
      `SELECT Id FROM User WHERE ManagerId != '${manager.id}' AND ManagerId != null AND Manager.ManagerId != null`
    )
  ).map((r) => String(r.Id));
  expect(reports.length).toBeGreaterThan(0);
  expect(others.length).toBeGreaterThan(0);

  // Through the API as the manager.
  const seen = new Set(
    (await queryAs(manager.id, 'SELECT User__c FROM Adoption_Snapshot__c')).map((r) =>
      String(r.User__c)
    )
  );
  for (const id of reports) expect(seen.has(id)).toBe(true);
  for (const id of others) expect(seen.has(id)).toBe(false);

  // In the page: one row per direct report.
  const page = await newPage();
  await stack.open(page, `/team?as=${manager.id}`, TEAM_ROWS);
  const rows = await page
    .locator(TEAM_ROWS)
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-rep') ?? ''));
  expect(rows.sort()).toEqual([...reports].sort());
});

test('a manager still sees a direct report whose role sits under another team', async () => {
  // Roles no longer mirror the line for one rep: the rep moves to another team's role; the
  // reporting line (ManagerId) and the sync's shares stay.
  const manager = usersByRole('manager')[0];
  const [moved] = await adminQuery(
    `SELECT Id FROM User WHERE ManagerId = '${manager.id}' AND IsActive = true ORDER BY Name LIMIT 1`
  );
  const [elsewhere] = await adminQuery(
    `SELECT UserRoleId FROM User WHERE ManagerId != '${manager.id}' AND ManagerId != null AND Manager.ManagerId != null LIMIT 1`
  );
  const client = new OrgClient(stack.org);
  await client.updateRecord(stack.org.adminUserId, {
    Id: moved.Id,
    UserRoleId: elsewhere.UserRoleId
  });
  const [role] = await adminQuery(`SELECT UserRoleId FROM User WHERE Id = '${moved.Id}'`);
  expect(role.UserRoleId).toBe(elsewhere.UserRoleId);

  const seen = await queryAs(
    manager.id,
    `SELECT Id FROM Adoption_Snapshot__c WHERE User__c = '${moved.Id}'`
  );
  expect(seen.length).toBeGreaterThan(0);
  const page = await newPage();
  await stack.open(page, `/team?as=${manager.id}`, TEAM_ROWS);
  await expect(
    page.locator(`[data-id="table"] tbody tr[data-rep="${moved.Id}"]`).count()
  ).resolves.toBe(1);
});
