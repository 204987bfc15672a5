/**
 * Programme messages in Chromium on the demo org: the sponsor writes to one team; its reps see
 * the message on Home until they acknowledge it, and again 48 hours of the org's clock after an
 * unacknowledged showing, never before; a rep of another team never sees it; the sponsor's reach
 * figures are the receipts in the org. The org's clock and the browser's move together: the
 * local org stamps records at `orgNow()`, and each page's clock is fixed at the same instant.
 */
import jsforce from 'jsforce';
import type { Page } from 'playwright-core';
import { startStack, type Stack } from './stack';
import { loadConfigFile } from '../../scripts/build/load-config';
import { OrgClient } from '../../scripts/preview/org-client';
import { draftQuickWins } from '../../scripts/sync/quick-wins';
import { DEFAULT_AUDIENCE } from '../../scripts/sync/sync';

const HOUR = 3600 * 1000;
let offset = 0;
const orgNow = () => new Date(Date.now() + offset);

let stack: Stack;
let adminQuery: (soql: string) => Promise<Record<string, unknown>[]>;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startStack('demo', { now: orgNow });
  const client = new OrgClient(stack.org);
  adminQuery = (soql) => client.soql(stack.org.adminUserId, soql);
});

afterAll(async () => {
  await stack?.close();
});

afterEach(() => {
  const errors = pageErrors.splice(0);
  if (errors.length > 0) throw new Error(`uncaught errors in the page:\n${errors.join('\n')}`);
});

/** A fresh browser (own storage) whose clock reads the org's clock now. */
async function newPage(): Promise<Page> {
  const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(orgNow());
  page.on('pageerror', (e) => pageErrors.push(`page error on ${page.url()}: ${e.message}`));
  return page;
}

/** A REST connection with `userId`'s own session: what that user may do through the API. */
function connectionAs(userId: string) {
  return new jsforce.Connection({
    instanceUrl: stack.org.instanceUrl,
    accessToken: stack.org.tokenFor(userId),
    version: '62.0'
  });
}

const repsOf = () => stack.preview.users.filter((u) => u.role === 'rep');

/** Opens the rep's Home and says whether the message is on it once the page has loaded. */
async function homeShows(userId: string, messageId: string): Promise<boolean> {
  const page = await newPage();
  await page.goto(`${stack.preview.url}/home?as=${userId}`);
  await page.locator('[data-id="rung"], [data-id="no-snapshot"]').first().waitFor();
  // The banner and the rest of Home read in one page load; give the banner its own round trip.
  await page.waitForLoadState('networkidle');
  const shown = (await page.locator(`[data-message="${messageId}"]`).count()) === 1;
  await page.context().close();
  return shown;
}

async function receiptOf(messageId: string, userId: string) {
  const rows = await adminQuery(
    `SELECT First_Seen__c, Last_Shown__c, Times_Shown__c, Acknowledged__c, OwnerId FROM Message_Receipt__c WHERE Message__c = '${messageId}' AND User__c = '${userId}'`
  );
  return rows[0];
}

test('a team message: seen until acknowledged, back after 48 hours, never for another team; reach as in the org', async () => {
  // The team: a manager with at least two reps on the latest snapshots; a rep of another team.
  const snapshots = await adminQuery(
    'SELECT User__c, Manager__c, Manager__r.Name, Period_Start__c FROM Adoption_Snapshot__c ORDER BY Period_Start__c DESC, User__c'
  );
  const latest = String(snapshots[0].Period_Start__c);
  const teamOf = new Map<string, string>();
  for (const s of snapshots)
    if (s.Period_Start__c === latest && s.Manager__c)
      teamOf.set(String(s.User__c), String(s.Manager__c));
  const reps = stack.preview.users.filter((u) => u.role === 'rep' && teamOf.has(u.id));
  const byTeam = new Map<string, string[]>();
  for (const r of reps)
    byTeam.set(teamOf.get(r.id)!, [...(byTeam.get(teamOf.get(r.id)!) ?? []), r.id]);
  const [team, members] = [...byTeam.entries()].find(([, ids]) => ids.length >= 2)!;
  const [acknowledger, ignorer] = members;
  const outsider = reps.find((r) => teamOf.get(r.id) !== team)!.id;
  const [manager] = await adminQuery(`SELECT Name FROM User WHERE Id = '${team}'`);

  // The sponsor writes to that team.
  const sponsor = stack.preview.users.find((u) => u.role === 'sponsor')!;
  const page = await newPage();
  await page.goto(`${stack.preview.url}/pulse?as=${sponsor.id}`);
  const headline = `Next steps on every deal from Monday (${Date.now()})`;
  await page.getByLabel('Headline').fill(headline);
  await page
    .locator('[data-field="Body__c"] textarea')
    .fill('Your manager will ask about them in the 1:1.');
  await page.getByRole('combobox', { name: 'Audience' }).click();
  await page.getByRole('option', { name: 'A team' }).click();
  await page.getByRole('combobox', { name: 'Team' }).click();
  await page.getByRole('option', { name: String(manager.Name), exact: true }).click();
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.locator('[data-id="published"]').waitFor();
  const [message] = await adminQuery(
    `SELECT Id, Audience_Type__c, Audience_Value__c, Status__c, OwnerId FROM Adoption_Message__c WHERE Name = '${headline.replace(/'/g, "\\'")}'`
  );
  expect(message).toMatchObject({
    Audience_Type__c: 'Team',
    Audience_Value__c: team,
    Status__c: 'Published',
    OwnerId: sponsor.id
  });
  const id = String(message.Id);

  // A rep of the team sees it, acknowledges it, and does not see it again.
  const home = await newPage();
  await home.goto(`${stack.preview.url}/home?as=${acknowledger}`);
  const item = home.locator(`[data-message="${id}"]`);
  await item.waitFor();
  await expect(item.locator('[data-id="headline"]').textContent()).resolves.toContain(headline);
  await item.getByRole('button', { name: 'Got it' }).click();
  await item.waitFor({ state: 'detached' });
  const acked = await receiptOf(id, acknowledger);
  expect(acked).toMatchObject({ Times_Shown__c: 1, OwnerId: acknowledger });
  expect(acked.Acknowledged__c).not.toBeNull();
  await home.context().close();
  expect(await homeShows(acknowledger, id)).toBe(false);

  // The other rep of the team sees it once and leaves it; a rep of another team never sees it.
  const shownAt = orgNow().getTime();
  expect(await homeShows(ignorer, id)).toBe(true);
  expect(await receiptOf(id, ignorer)).toMatchObject({ Times_Shown__c: 1, Acknowledged__c: null });
  expect(await homeShows(outsider, id)).toBe(false);

  // 47 hours later: not yet. 48 hours (and a minute) later: back, a second showing.
  offset += shownAt + 47 * HOUR - orgNow().getTime();
  expect(await homeShows(ignorer, id)).toBe(false);
  expect(await homeShows(acknowledger, id)).toBe(false);
  offset += HOUR + 60 * 1000;
  expect(await homeShows(ignorer, id)).toBe(true);
  expect(await receiptOf(id, ignorer)).toMatchObject({ Times_Shown__c: 2, Acknowledged__c: null });
  expect(await homeShows(outsider, id)).toBe(false);
  expect(await receiptOf(id, outsider)).toBeUndefined();

  // The sponsor's reach: the team's reps on the latest snapshots, and the receipts in the org.
  const receipts = await adminQuery(
    `SELECT User__c, First_Seen__c, Acknowledged__c FROM Message_Receipt__c WHERE Message__c = '${id}'`
  );
  const audience = [...teamOf.values()].filter((m) => m === team).length;
  const seen = receipts.filter((r) => r.First_Seen__c !== null).length;
  const acknowledged = receipts.filter((r) => r.Acknowledged__c !== null).length;
  expect([seen, acknowledged]).toEqual([2, 1]);
  const pct = (n: number) => Math.round((n / audience) * 100);
  const pulse = await newPage();
  await pulse.goto(`${stack.preview.url}/pulse?as=${sponsor.id}`);
  const reach = pulse.locator(`[data-message-reach="${id}"]`);
  await reach.waitFor();
  await expect(reach.locator('[data-id="audience"]').textContent()).resolves.toBe(
    `Audience: ${audience} ${audience === 1 ? 'person' : 'people'}`
  );
  await expect(reach.locator('[data-id="seen"]').textContent()).resolves.toBe(
    `Seen: ${seen} (${pct(seen)} %)`
  );
  await expect(reach.locator('[data-id="acknowledged"]').textContent()).resolves.toBe(
    `Acknowledged: ${acknowledged} (${pct(acknowledged)} %)`
  );
});

test(
  'reps’ feedback is totalled per rule for the admin; a reply reaches exactly those who gave it',
  async () => {
    offset += 24 * HOUR;
    const [a, b, c] = repsOf().slice(-3);
    // Two reps dismiss the next-step tip with a reason, as the nudge's dismiss form saves it; a
    // third dismisses another tip.
    const dismiss = async (userId: string, key: string, reason: string, comment: string | null) => {
      const [deal] = await adminQuery(
        `SELECT Id FROM Opportunity WHERE OwnerId = '${userId}' AND IsClosed = false LIMIT 1`
      );
      const r = await connectionAs(userId)
        .sobject('Nudge_Response__c')
        .create({
          Nudge_Key__c: `${key}:${deal.Id}`,
          Record_Id__c: deal.Id,
          Action__c: 'Dismissed',
          Reason__c: reason,
          Comment__c: comment
        });
      expect(r.success).toBe(true);
    };
    await dismiss(
      a.id,
      'Opp_CloseDate',
      "Doesn't fit my deals",
      'Framework deals have no close date'
    );
    await dismiss(b.id, 'Opp_CloseDate', "I don't know how", null);
    await dismiss(c.id, 'Opp_Amount', 'Already done elsewhere', null);

    // The admin view's totals for the rule are the org's.
    const rows = await adminQuery(
      "SELECT OwnerId, Reason__c FROM Nudge_Response__c WHERE Action__c = 'Dismissed' AND Reason__c != null AND Nudge_Key__c LIKE 'Opp_CloseDate:%'"
    );
    const givers = new Set(rows.map((r) => String(r.OwnerId)));
    const sponsor = stack.preview.users.find((u) => u.role === 'sponsor')!;
    const page = await newPage();
    await page.goto(`${stack.preview.url}/pulse?as=${sponsor.id}`);
    const rule = page.locator('[data-rule-feedback="Opp_CloseDate"]');
    await rule.waitFor();
    await expect(rule.locator('[data-id="total"]').textContent()).resolves.toBe(
      `${rows.length} answers · from ${givers.size} reps`
    );
    const count = (reason: string) => rows.filter((r) => r.Reason__c === reason).length;
    await expect(rule.locator('[data-reason="Doesn\'t fit my deals"]').textContent()).resolves.toBe(
      `Doesn't fit my deals: ${count("Doesn't fit my deals")}`
    );
    await expect(rule.locator('[data-id="comments"]').textContent()).resolves.toContain(
      'Framework deals have no close date'
    );

    // The reply goes to the reps who gave feedback on that rule, and to no one else.
    await rule.getByRole('button', { name: 'Reply to these reps' }).click();
    await rule.getByLabel('Headline of your reply').fill('Framework deals now skip the close date');
    await rule
      .locator('[data-field="Body__c"] textarea')
      .fill('You told us; the tip no longer asks for it on framework deals.');
    await rule.getByRole('button', { name: 'Send reply' }).click();
    await rule.locator('[data-id="sent"]').waitFor();
    const [reply] = await adminQuery(
      "SELECT Id, Audience_Type__c, Audience_Value__c FROM Adoption_Message__c WHERE Name = 'Framework deals now skip the close date'"
    );
    expect(reply).toMatchObject({
      Audience_Type__c: 'Feedback_Givers',
      Audience_Value__c: 'Opp_CloseDate'
    });
    const id = String(reply.Id);
    const everyone = repsOf().map((r) => r.id);
    for (const rep of everyone)
      expect([rep, await homeShows(rep, id)]).toEqual([rep, givers.has(rep)]);
  },
  // One Home page load for every rep of the demo, on a shared machine: more than the default.
  300_000
);

test('an approved quick win reaches its audience, and its rep hears their win is shared', async () => {
  offset += 24 * HOUR;
  const asOf = orgNow().toISOString().slice(0, 10);
  // The sync drafts the week's proposals (as it does after scoring).
  const result = await draftQuickWins(
    new jsforce.Connection({
      instanceUrl: stack.org.instanceUrl,
      accessToken: stack.org.accessToken,
      version: '62.0'
    }),
    loadConfigFile(),
    { asOf, audience: DEFAULT_AUDIENCE }
  );
  expect(result.failures).toEqual([]);
  const proposals = await adminQuery(
    'SELECT Id, Name, Rep__c, Opportunity__c FROM Quick_Win__c ORDER BY Name'
  );
  expect(proposals.length).toBe(result.proposals.length);
  expect(proposals.length).toBeGreaterThan(0);
  // Nothing is broadcast before approval.
  const winner = String(proposals[0].Rep__c);
  const other = repsOf().find((r) => r.id !== winner)!.id;
  const sponsor = stack.preview.users.find((u) => u.role === 'sponsor')!;
  const page = await newPage();
  await page.goto(`${stack.preview.url}/pulse?as=${sponsor.id}`);
  const item = page.locator(`[data-proposal="${proposals[0].Id}"]`);
  await item.waitFor();
  await item.getByRole('button', { name: 'Share with everyone' }).click();
  await page.locator('[data-id="approved"]').waitFor();
  await item.waitFor({ state: 'detached' });
  const [shared] = await adminQuery(
    `SELECT Id, Status__c, Audience_Type__c, Win_Rep__c FROM Adoption_Message__c WHERE Status__c = 'Published' AND Win_Opportunity__c = '${proposals[0].Opportunity__c}'`
  );
  expect(shared).toMatchObject({ Audience_Type__c: 'Everyone', Win_Rep__c: winner });
  const id = String(shared.Id);
  expect(await homeShows(other, id)).toBe(true);
  const home = await newPage();
  await home.goto(`${stack.preview.url}/home?as=${winner}`);
  const mine = home.locator(`[data-message="${id}"]`);
  await mine.waitFor();
  await expect(mine.locator('[data-id="your-win"]').textContent()).resolves.toBe(
    'Your win is being shared with the team. Well done!'
  );
});
