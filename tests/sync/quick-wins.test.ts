/**
 * Quick-win proposals on the demo org, checked against the org itself: the test works out from
 * plain queries (as an administrator) which deals of the rollout's audience won in the week
 * before the day met the standard — a next step, a contact role that is a decision maker by role
 * or by title, no push of the close date in the history (a move into a later month, unless the
 * date moved had already passed: a re-forecast) — and expects exactly those, ranked, as
 * Quick_Win__c proposals that the rep's manager and the sponsor read and no rep does.
 */
import type { Connection } from 'jsforce';
import { loadConfigFile } from '../../scripts/build/load-config';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { draftQuickWins } from '../../scripts/sync/quick-wins';
import { DEFAULT_AUDIENCE } from '../../scripts/sync/sync';
import { connect as connectWith } from '../support/connect';
import { connect, connectAsAdmin, queryAll } from './org';

const config = loadConfigFile();
const ASOF = new Date().toISOString().slice(0, 10);
let org: LocalOrg;
let sync: Connection;
let admin: Connection;

beforeAll(async () => {
  org = await startLocalOrg({ seed: 'demo' });
  sync = connect(org);
  admin = connectAsAdmin(org);
});
afterAll(() => org.close());

const all = <T>(soql: string) => queryAll<T>(admin, soql);

interface Opp {
  Id: string;
  OwnerId: string;
  Amount: number | null;
  CloseDate: string;
  NextStep: string | null;
}

/** The standard, from the records: written here from the product rules, not the engine. */
async function expectedWins(): Promise<string[]> {
  const from = new Date(Date.parse(`${ASOF}T00:00:00Z`) - 7 * 86400000).toISOString().slice(0, 10);
  const won = await all<Opp>(
    `SELECT Id, OwnerId, Amount, CloseDate, NextStep FROM Opportunity WHERE IsWon = true AND CloseDate >= ${from} AND CloseDate < ${ASOF}`
  );
  // The audience: active holders of the Rep or Manager permission set.
  const holders = await all<{ AssigneeId: string; Assignee: { IsActive: boolean } }>(
    "SELECT AssigneeId, Assignee.IsActive FROM PermissionSetAssignment WHERE PermissionSet.Name IN ('Adoption_Coach_Rep', 'Adoption_Coach_Manager')"
  );
  const audience = new Set(holders.filter((h) => h.Assignee.IsActive).map((h) => h.AssigneeId));
  const seniority = config.titles.seniorities
    .filter((s) => config.risk.decisionMakerSeniorities.includes(s.value))
    .flatMap((s) => s.patterns.map((p) => new RegExp(p, 'i')));
  const good: Opp[] = [];
  for (const o of won) {
    if (!audience.has(o.OwnerId)) continue;
    if (!o.NextStep || o.NextStep.trim() === '') continue;
    const roles = await all<{ Role: string | null; Contact: { Title: string | null } | null }>(
      `SELECT Role, Contact.Title FROM OpportunityContactRole WHERE OpportunityId = '${o.Id}'`
    );
    const decider = roles.some(
      (r) =>
        config.risk.decisionMakerRoles.includes(r.Role ?? '') ||
        seniority.some((re) => re.test(r.Contact?.Title ?? ''))
    );
    if (!decider) continue;
    const history = await all<{ CloseDate: string | null; CreatedDate: string }>(
      `SELECT CloseDate, CreatedDate FROM OpportunityHistory WHERE OpportunityId = '${o.Id}' ORDER BY CreatedDate`
    );
    let slipped = false;
    for (let i = 1; i < history.length; i++) {
      const [a, b] = [history[i - 1].CloseDate, history[i].CloseDate];
      const changedOn = history[i].CreatedDate.slice(0, 10);
      // 'YYYY-MM' compares as months; a date already past on the day it moved is a re-forecast.
      if (a && b && b.slice(0, 7) > a.slice(0, 7) && a >= changedOn) slipped = true;
    }
    if (!slipped) good.push(o);
  }
  // Largest first (then latest close, then id), one per rep, five at most.
  good.sort(
    (a, b) =>
      (b.Amount ?? -Infinity) - (a.Amount ?? -Infinity) ||
      b.CloseDate.localeCompare(a.CloseDate) ||
      a.Id.localeCompare(b.Id)
  );
  const reps = new Set<string>();
  return good
    .filter((o) => !reps.has(o.OwnerId) && reps.add(o.OwnerId))
    .slice(0, 5)
    .map((o) => o.Id);
}

test('the week’s proposals are the won deals that met the standard, readable by the managers and the sponsor only', async () => {
  const expected = await expectedWins();
  // The demo has recent wins of careful reps; without any the test would prove nothing.
  expect(expected.length).toBeGreaterThan(0);
  const options = { asOf: ASOF, audience: DEFAULT_AUDIENCE };
  const result = await draftQuickWins(sync, config, options);
  expect(result.failures).toEqual([]);
  expect(result.proposals.map((p) => p.opportunityId)).toEqual(expected);

  const rows = await all<Record<string, unknown>>(
    'SELECT Id, Proposal_Key__c, Name, Body__c, Opportunity__c, Rep__c, Rep__r.Name, Rep__r.ManagerId, Opportunity__r.Name, Opportunity__r.OwnerId, OwnerId FROM Quick_Win__c ORDER BY Proposal_Key__c'
  );
  expect(rows.map((r) => r.Opportunity__c).sort()).toEqual([...expected].sort());
  for (const r of rows) {
    const rep = r.Rep__r as { Name: string; ManagerId: string | null };
    const deal = r.Opportunity__r as { Name: string; OwnerId: string };
    expect(r).toMatchObject({
      Proposal_Key__c: `win:${r.Opportunity__c}`,
      Rep__c: deal.OwnerId,
      OwnerId: org.integrationUserId
    });
    expect(r.Body__c).toBe(
      `${rep.Name} won ${deal.Name} last week. What helped: a next step agreed at every stage; the decision maker known early; a close date that never slipped.`
    );
  }

  // Who reads them: each rep's manager theirs (shared by the sync), the sponsor all, reps none.
  const [sponsor] = await all<{ AssigneeId: string }>(
    "SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name = 'Adoption_Coach_Sponsor'"
  );
  const as = async (userId: string) =>
    (
      await connectWith(org, org.tokenFor(userId)).query<{ Id: string }>(
        'SELECT Id FROM Quick_Win__c'
      )
    ).records.map((r) => r.Id);
  const managers = new Set(rows.map((r) => (r.Rep__r as { ManagerId: string }).ManagerId));
  for (const m of managers) {
    const theirs = rows.filter((r) => (r.Rep__r as { ManagerId: string }).ManagerId === m);
    expect((await as(m)).sort()).toEqual(theirs.map((r) => r.Id).sort());
  }
  const winner = String(rows[0].Rep__c);
  await expect(as(winner)).rejects.toThrow(/Quick_Win__c/);
  expect(await as(sponsor.AssigneeId)).toHaveLength(rows.length);

  // A second run upserts the same proposals and grants no second share: no duplicates.
  const again = await draftQuickWins(sync, config, options);
  expect(again.failures).toEqual([]);
  expect(await all<{ Id: string }>('SELECT Id FROM Quick_Win__c')).toHaveLength(expected.length);
  const shares = await all<{ ParentId: string }>(
    "SELECT ParentId FROM Quick_Win__Share WHERE RowCause = 'Manual'"
  );
  expect(shares).toHaveLength(
    rows.filter((r) => (r.Rep__r as { ManagerId: string }).ManagerId).length
  );
});
