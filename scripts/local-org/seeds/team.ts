/**
 * `team:<reps>x<open deals>[x<teams>]`: reps under one VP, for measuring the manager's and the
 * sponsor's pages at scale. `team:50x5000`: one manager with 50 reps sharing 5,000 open
 * opportunities; `team:500x5000x50`: 500 reps in 50 teams of 10, each team with its own manager
 * (the first is Max Moreau, as in the one-team shape). Each rep also has 20 closed deals, so win
 * rates and WIIFM figures have data; habits vary by rep so the team table has something to sort.
 */
import { addRole, addUser } from '../setup';
import type { Store, WriteContext } from '../store';
import { seededRandom } from '../../common/random';
import { addDays } from '../../engine/dates';
import { at, seedWriter } from './time';

const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote'];

export function seedTeam(store: Store, shape: string, ctx: WriteContext): string[] {
  const match = /^(\d+)x(\d+)(?:x(\d+))?$/.exec(shape);
  const teams = Number(match?.[3] ?? 1);
  if (!match || Number(match[1]) < 1 || teams < 1 || teams > Number(match[1]))
    throw new Error(
      `Seed 'team:${shape}': expected team:<reps>x<open deals>[x<teams>] with 1 ≤ teams ≤ reps, e.g. team:50x5000 or team:500x5000x50`
    );
  const reps = Number(match[1]);
  const openDeals = Number(match[2]);
  const rnd = seededRandom(50_5000);
  const today = ctx.now.toISOString().slice(0, 10);
  const start = addDays(today, -400);
  const w = seedWriter(ctx);
  store.setSharingModel('Opportunity', 'Private');
  store.setSharingModel('Account', 'Private');
  const vpRole = addRole(store, 'VP Sales', null, w(start));
  const managerRole = addRole(store, 'Sales Manager', vpRole.Id, w(start));
  const repRole = addRole(store, 'Account Executive', managerRole.Id, w(start));
  const PERSONAS: Record<string, [string, string]> = {
    'VP Sales': [vpRole.Id, 'Adoption_Coach_Sponsor'],
    'Sales Manager': [managerRole.Id, 'Adoption_Coach_Manager'],
    'Account Executive': [repRole.Id, 'Adoption_Coach_Rep']
  };
  const user = (first: string, last: string, title: string, managerId?: string) =>
    addUser(
      store,
      {
        FirstName: first,
        LastName: last,
        Username: `${first}.${last}@team.adoption-coach.local`.toLowerCase(),
        Email: `${first}.${last}@team.adoption-coach.local`.toLowerCase(),
        Title: title,
        ...(managerId ? { ManagerId: managerId } : {}),
        CreatedDate: at(start, 8)
      },
      {
        profile: 'Standard User',
        roleId: PERSONAS[title][0],
        permissionSets: [PERSONAS[title][1]]
      },
      w(start)
    );
  const vp = user('Vera', 'Stone', 'VP Sales');
  const managers = [user('Max', 'Moreau', 'Sales Manager', vp.Id)];
  for (let t = 1; t < teams; t++)
    managers.push(user(`Mgr${String(t + 1).padStart(2, '0')}`, 'Lead', 'Sales Manager', vp.Id));
  const account = store.insert(
    'Account',
    { Name: 'Northwind Traders', OwnerId: managers[0].Id, CreatedDate: at(start) },
    w(start, managers[0].Id)
  );
  let opportunities = 0;
  for (let r = 0; r < reps; r++) {
    const rep = user(
      `Rep${String(r + 1).padStart(3, '0')}`,
      'Seller',
      'Account Executive',
      // Teams of consecutive reps, as even as the numbers allow.
      managers[Math.floor((r * teams) / reps)].Id
    );
    const fillRate = 0.3 + 0.65 * (r / Math.max(1, reps - 1));
    const fill = () => rnd.chance(fillRate);
    const open = Math.floor(openDeals / reps) + (r < openDeals % reps ? 1 : 0);
    for (let d = 0; d < open + 20; d++) {
      const closed = d >= open;
      const created = addDays(today, -rnd.int(closed ? 120 : 5, closed ? 380 : 120));
      const close = closed ? addDays(created, rnd.int(20, 100)) : addDays(today, rnd.int(-20, 90));
      const opp = store.insert(
        'Opportunity',
        {
          Name: `Deal ${r + 1}-${d + 1}`,
          AccountId: account.Id,
          StageName: closed ? (rnd.chance(0.3) ? 'Closed Won' : 'Closed Lost') : rnd.pick(STAGES),
          CloseDate: close,
          Amount: fill() ? rnd.int(5, 200) * 1000 : null,
          NextStep: fill() ? 'Call back with pricing' : null,
          LeadSource: fill() ? 'Web' : null,
          OwnerId: rep.Id,
          CreatedDate: at(created, 9)
        },
        w(created, rep.Id)
      );
      opportunities++;
      if (fill()) {
        const day = addDays(today, -rnd.int(0, 30));
        store.insert(
          'Task',
          {
            Subject: 'Follow-up call',
            ActivityDate: day,
            Status: 'Completed',
            WhatId: opp.Id,
            OwnerId: rep.Id,
            CreatedDate: at(day, 14)
          },
          w(day, rep.Id)
        );
      }
    }
  }
  return [
    `team seed: ${teams} manager${teams === 1 ? '' : 's'}, ${reps} reps, ${opportunities} opportunities (${openDeals} open)`
  ];
}
