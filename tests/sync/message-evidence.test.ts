/**
 * The ladder reads what the programme messages and the reps' feedback leave in the org through
 * the sync's evidence model (Message_Receipt__c and Nudge_Response__c read with the week's other
 * evidence), not through a path of their own.
 *
 * The org (built below): Mia manages three reps, each with one open deal created on Monday
 * 2026-11-16 (closing 2027-06-30, amount, next step, lead source and type set, no description:
 * not 100 % complete, so "nothing left to fix" is no coaching act) and one call on it on Tuesday
 * 11-17 (an activity logged in the week shows a login; the deal was one day old, not quiet for
 * more than risk.staleAfterDays, so the call is no fix either). Then:
 * - Ada saw a programme message on Wednesday 11-18 (her receipt's First_Seen__c, as the banner
 *   writes it): 1 engagement, so Understanding (a login and 1 engagement); 0 coaching acts;
 * - Ben saw one the week before (first seen 11-10, last shown 11-12, outside the week): 0
 *   engagements, so he stays on Awareness;
 * - Cy dismissed a tip on Wednesday with the reason "Doesn't fit my deals": an answer to a tip is
 *   an engagement (1, so Understanding) and a dismissal with a reason is feedback on the rule, a
 *   coaching act (1). Involvement would need Acceptance first (3 activities in the week), so he
 *   stays on Understanding.
 */
import { loadConfigFile } from '../../scripts/build/load-config';
import { startLocalOrg, type LocalOrg } from '../../scripts/local-org';
import { addRole } from '../../scripts/local-org/setup';
import type { WriteContext } from '../../scripts/local-org/store';
import { addPerson, loadAt } from '../support/people';
import { runSync } from '../../scripts/sync/sync';
import { connect } from './org';

const AS_OF = '2026-11-20';
const config = loadConfigFile();
let org: LocalOrg;
const users: Record<string, string> = {};

beforeAll(async () => {
  org = await startLocalOrg({ now: () => new Date(`${AS_OF}T18:00:00Z`) });
  const store = org.store;
  const at = (instant: string, userId = org.adminUserId): WriteContext => loadAt(instant, userId);
  const setup = at('2026-01-05T09:00:00Z');
  const mRole = addRole(store, 'Manager', null, setup);
  const rRole = addRole(store, 'Rep', mRole.Id, setup);
  const person = (first: string, permissionSet: string, roleId: string, managerId?: string) =>
    addPerson(
      store,
      'evidence',
      { first, last: 'Evidence', permissionSet, roleId, managerId },
      setup
    );
  users.mia = person('Mia', 'Adoption_Coach_Manager', mRole.Id);
  for (const name of ['ada', 'ben', 'cy'])
    users[name] = person(name, 'Adoption_Coach_Rep', rRole.Id, users.mia);
  const deals: Record<string, string> = {};
  for (const name of ['ada', 'ben', 'cy']) {
    deals[name] = store.insert(
      'Opportunity',
      {
        Name: `${name} deal`,
        OwnerId: users[name],
        StageName: 'Qualification',
        CloseDate: '2027-06-30',
        Amount: 10000,
        NextStep: 'Proposal',
        LeadSource: 'Web',
        Type: 'New Customer'
      },
      at('2026-11-16T09:00:00Z', users[name])
    ).Id;
    store.insert(
      'Task',
      {
        Subject: 'Call',
        Status: 'Completed',
        ActivityDate: '2026-11-17',
        WhatId: deals[name],
        OwnerId: users[name]
      },
      at('2026-11-17T14:00:00Z', users[name])
    );
  }
  const message = store.insert(
    'Adoption_Message__c',
    {
      Name: 'Next steps on every deal',
      Kind__c: 'What_Changes',
      Status__c: 'Published',
      Audience_Type__c: 'Everyone',
      Start_Date__c: '2026-11-09'
    },
    at('2026-11-09T08:00:00Z')
  ).Id;
  const receipt = (name: string, firstSeen: string, lastShown: string, times: number) =>
    store.insert(
      'Message_Receipt__c',
      {
        Receipt_Key__c: `${message}:${users[name]}`,
        Message__c: message,
        User__c: users[name],
        First_Seen__c: firstSeen,
        Last_Shown__c: lastShown,
        Times_Shown__c: times
      },
      at(firstSeen, users[name])
    );
  receipt('ada', '2026-11-18T09:00:00.000Z', '2026-11-18T09:00:00.000Z', 1);
  receipt('ben', '2026-11-10T09:00:00.000Z', '2026-11-12T09:00:00.000Z', 2);
  store.insert(
    'Nudge_Response__c',
    {
      Nudge_Key__c: `Opp_Details:${deals.cy}`,
      Record_Id__c: deals.cy,
      Action__c: 'Dismissed',
      Reason__c: "Doesn't fit my deals",
      Comment__c: 'Renewals have no lead source'
    },
    at('2026-11-18T16:00:00Z', users.cy)
  );
  store.commit();
}, 120_000);
afterAll(() => org?.close());

test('a message seen this week and feedback given this week are the ladder’s evidence', async () => {
  const summary = await runSync(connect(org), {
    config,
    asOf: AS_OF,
    backfillPeriods: 0
  });
  expect(summary.failed).toBe(0);
  const rows = (
    await connect(org).query<{
      User__c: string;
      Adoption_Stage__c: string;
      Engagements__c: number;
      Coaching_Acts__c: number;
    }>(
      'SELECT User__c, Adoption_Stage__c, Engagements__c, Coaching_Acts__c FROM Adoption_Snapshot__c WHERE Period_Start__c = 2026-11-16'
    )
  ).records;
  const of = (name: string) => {
    const r = rows.find((s) => s.User__c === users[name])!;
    return [r.Adoption_Stage__c, r.Engagements__c, r.Coaching_Acts__c];
  };
  expect(of('ada')).toEqual(['Understanding', 1, 0]);
  expect(of('ben')).toEqual(['Awareness', 0, 0]);
  expect(of('cy')).toEqual(['Understanding', 1, 1]);
});
