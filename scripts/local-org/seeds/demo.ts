/**
 * The demo company: a deterministic generated sales org (seeded random numbers) of a VP, three
 * managers and 24 reps whose habits span the five rungs of the adoption ladder, with ~3,000
 * opportunities over the 18 months before the start date, stage histories, activities,
 * contacts with real-looking titles and contact roles. Dates are relative to `ctx.now`, so the
 * demo always looks current; the same day gives the same org.
 *
 * Its adoption story over the last eight weeks (README, "The demo org"):
 * - Marco Bianchi's team climbs: its reps log more, open their adoption view and act on more
 *   tips week after week, from little eight weeks ago to most of it now.
 * - Sofia Lind's team holds steady: each rep works as their habit says, week after week; its
 *   last champion keeps good records but never answers a tip.
 * - In Omar Haddad's team, the reps who never cared (silent, occasional) ignore the tool: no
 *   login since the rollout for the silent ones, no view of their adoption, no answer to a tip.
 *   And one careful rep lapses: from the Monday of last week on, Rosa Hansen logs no activity
 *   and answers no tip (she still logs in and moves her deals), so her last two weeks fall below
 *   her rung and the sync drops her one rung this week (ladder.dropAfterPeriods is 2).
 * - Tips are answered as people do: the careful fix most of what they are shown, others snooze
 *   or dismiss, each dismissal with a reason.
 */
import { addRole, addUser } from '../setup';
import { OPPORTUNITY_STAGES } from '../schema';
import type { Store, WriteContext } from '../store';
import { seededRandom } from '../../common/random';
import { addDays } from '../../engine/dates';
import { at } from './time';
import { seedGovernance } from './governance';

/** How a rep works, from never touching the CRM to keeping everything complete. */
type Habit = 'silent' | 'occasional' | 'pusher' | 'steady' | 'champion';
const HABITS: Habit[] = ['silent', 'occasional', 'pusher', 'steady', 'champion'];

const FIRST = [
  'Ava',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kira',
  'Liam',
  'Maya',
  'Noah',
  'Olga',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Uma',
  'Victor',
  'Wen',
  'Yusuf',
  'Zoe',
  'Aaron',
  'Bea',
  'Carlos'
];
const LAST = [
  'Adams',
  'Berg',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hansen',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Meyer',
  'Nakamura',
  'Olsen',
  'Patel',
  'Quist',
  'Rossi',
  'Silva',
  'Tanaka',
  'Ueda',
  'Varga',
  'Weber',
  'Young',
  'Zhang',
  'Abbott',
  'Brandt',
  'Cruz'
];
const COMPANIES = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Wonka',
  'Acme',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Aperture',
  'Gringotts',
  'Oceanic',
  'Monarch',
  'Prestige'
];
const SUFFIX = ['Industries', 'Group', 'Labs', 'Systems', 'Holdings'];
const INDUSTRIES = [
  'Banking',
  'Technology',
  'Manufacturing',
  'Healthcare',
  'Retail',
  'Energy',
  'Media'
];
const COUNTRIES = ['United States', 'Germany', 'France', 'United Kingdom', 'Japan', 'Brazil'];
const TITLES = [
  'CEO',
  'CFO',
  'CTO',
  'Chief Revenue Officer',
  'VP Sales',
  'Sr. VP, Sales Ops',
  'VP of Engineering',
  'Director of IT',
  'Head of Procurement',
  'IT Manager',
  'Procurement Manager',
  'Finance Manager',
  'Business Analyst',
  'Solutions Engineer',
  'Office Manager',
  'Marketing Director'
];
/** The org's open stages in their order: a deal walks them from Prospecting on. */
const OPEN_STAGES = OPPORTUNITY_STAGES.filter((s) => !s.closed).map((s) => s.name);
const NEXT_STEPS = [
  'Send proposal',
  'Demo for the IT team',
  'Call the CFO',
  'Agree the pilot scope',
  'Security review',
  'Contract redlines'
];

/** Per habit: chance to fill fields, activities per deal, pushes, contact roles, win rate and
 * nudges acted on per week. */
const PROFILE: Record<
  Habit,
  {
    fill: number;
    activities: [number, number];
    /** Activities fall within this many days before today. */
    recentDays: number;
    pushes: [number, number];
    roles: number;
    win: number;
    nudgesPerWeek: number;
  }
> = {
  silent: {
    fill: 0.15,
    activities: [0, 0],
    recentDays: 150,
    pushes: [0, 1],
    roles: 0,
    win: 0.18,
    nudgesPerWeek: 0
  },
  occasional: {
    fill: 0.45,
    activities: [0, 1],
    recentDays: 150,
    pushes: [0, 1],
    roles: 0.3,
    win: 0.24,
    nudgesPerWeek: 0
  },
  pusher: {
    fill: 0.6,
    activities: [1, 3],
    recentDays: 60,
    pushes: [2, 5],
    roles: 0.5,
    win: 0.22,
    nudgesPerWeek: 1
  },
  steady: {
    fill: 0.85,
    activities: [3, 6],
    recentDays: 56,
    pushes: [0, 1],
    roles: 0.7,
    win: 0.32,
    nudgesPerWeek: 2
  },
  champion: {
    fill: 0.97,
    activities: [5, 9],
    recentDays: 70,
    pushes: [0, 0],
    roles: 0.95,
    win: 0.4,
    nudgesPerWeek: 3
  }
};

export function seedDemo(store: Store, ctx: WriteContext): string[] {
  const rnd = seededRandom(20261122);
  const today = ctx.now.toISOString().slice(0, 10);
  const start = addDays(today, -548);
  const w = (day: string, userId = ctx.userId): WriteContext => ({
    userId,
    now: new Date(at(day)),
    setAuditFields: true,
    system: true
  });
  const email = (first: string, last: string) =>
    `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@demo.adoption-coach.local';

  // Sharing as a sales org sets it: deals and accounts private, roles that mirror the line.
  store.setSharingModel('Opportunity', 'Private');
  store.setSharingModel('Account', 'Private');
  const vpRole = addRole(store, 'VP Sales', null, w(start));
  const vp = addUser(
    store,
    {
      FirstName: 'Valerie',
      LastName: 'Grant',
      Username: email('Valerie', 'Grant'),
      Email: email('Valerie', 'Grant'),
      Title: 'VP Sales',
      CreatedDate: at(start, 8)
    },
    { profile: 'Standard User', roleId: vpRole.Id, permissionSets: ['Adoption_Coach_Sponsor'] },
    w(start)
  );
  const reps: { id: string; habit: Habit; team: number }[] = [];
  const managers: string[] = [];
  const teams: { managerId: string; repIds: string[] }[] = [];
  const managerNames = [
    ['Marco', 'Bianchi'],
    ['Sofia', 'Lind'],
    ['Omar', 'Haddad']
  ];
  let n = 0;
  for (const [first, last] of managerNames) {
    const managerRole = addRole(store, `Sales Manager ${last}`, vpRole.Id, w(start));
    const teamRole = addRole(store, `Account Executive ${last}`, managerRole.Id, w(start));
    const manager = addUser(
      store,
      {
        FirstName: first,
        LastName: last,
        Username: email(first, last),
        Email: email(first, last),
        Title: 'Sales Manager',
        ManagerId: vp.Id,
        CreatedDate: at(start, 8)
      },
      {
        profile: 'Standard User',
        roleId: managerRole.Id,
        permissionSets: ['Adoption_Coach_Manager']
      },
      w(start)
    );
    managers.push(manager.Id);
    teams.push({ managerId: manager.Id, repIds: [] });
    for (let i = 0; i < 8; i++) {
      const f = FIRST[n % FIRST.length];
      const l = LAST[(n * 7) % LAST.length];
      const habit = HABITS[(n + Math.floor(n / 8)) % HABITS.length];
      const rep = addUser(
        store,
        {
          FirstName: f,
          LastName: l,
          Username: email(f, l),
          Email: email(f, l),
          Title: 'Account Executive',
          ManagerId: manager.Id,
          CreatedDate: at(start, 8)
        },
        { profile: 'Standard User', roleId: teamRole.Id, permissionSets: ['Adoption_Coach_Rep'] },
        w(start)
      );
      reps.push({ id: rep.Id, habit, team: managers.length - 1 });
      teams[teams.length - 1].repIds.push(rep.Id);
      n++;
    }
  }

  const accounts: { id: string; contacts: { id: string; title: string }[] }[] = [];
  for (let i = 0; i < 80; i++) {
    const owner = rnd.pick(reps);
    const name = `${COMPANIES[i % COMPANIES.length]} ${SUFFIX[Math.floor(i / COMPANIES.length) % SUFFIX.length]}`;
    const acc = store.insert(
      'Account',
      {
        Name: name,
        Industry: rnd.pick(INDUSTRIES),
        BillingCountry: rnd.pick(COUNTRIES),
        NumberOfEmployees: rnd.int(20, 20000),
        Phone: `+1 555 ${String(1000 + i)}`,
        Website: `https://www.${name.split(' ')[0].toLowerCase()}.example`,
        OwnerId: owner.id,
        CreatedDate: at(start)
      },
      w(start, owner.id)
    );
    const contacts: { id: string; title: string }[] = [];
    for (let c = 0; c < 4; c++) {
      const title = rnd.pick(TITLES);
      const f = rnd.pick(FIRST);
      const l = rnd.pick(LAST);
      const con = store.insert(
        'Contact',
        {
          FirstName: f,
          LastName: l,
          AccountId: acc.Id,
          Title: rnd.chance(0.85) ? title : null,
          Email: rnd.chance(0.8)
            ? `${f}.${l}@${name.split(' ')[0].toLowerCase()}.example`.toLowerCase()
            : null,
          OwnerId: owner.id,
          CreatedDate: at(start)
        },
        w(start, owner.id)
      );
      contacts.push({ id: con.Id, title });
    }
    accounts.push({ id: acc.Id, contacts });
  }

  // The rep who lapses (the first champion of the ignoring team) and the first day she logs
  // nothing: the Monday of last week, so the whole of last week and this week are quiet. Her
  // dates are drawn as everyone's and only left unwritten, so the random numbers of everyone
  // else, and the rest of the story, stay as they are.
  const lapsed = reps.find((r) => r.team === IGNORING && r.habit === 'champion')!.id;
  const quietFrom = addDays(mondayOf(today), -7);
  const lapses = (userId: string, day: string) => userId === lapsed && day >= quietFrom;
  let opportunities = 0;
  let activities = 0;
  const openDeals = new Map<string, string[]>();
  for (const rep of reps) {
    const p = PROFILE[rep.habit];
    const mine: string[] = [];
    openDeals.set(rep.id, mine);
    const deals = rnd.int(110, 140);
    for (let d = 0; d < deals; d++) {
      const account = rnd.pick(accounts);
      const created = addDays(start, rnd.int(0, 540));
      const age = Math.round((Date.parse(today) - Date.parse(created)) / 86400000);
      const closed = age > 150 || (age > 60 && rnd.chance(0.6));
      let close = addDays(created, rnd.int(30, 120));
      // Careful reps keep the close date of an open deal in the future.
      if (!closed && p.nudgesPerWeek >= 2 && close < today) close = addDays(today, rnd.int(7, 60));
      const fill = () => rnd.chance(p.fill);
      const opp = store.insert(
        'Opportunity',
        {
          Name: `${COMPANIES[d % COMPANIES.length]} ${rnd.pick(['renewal', 'expansion', 'pilot', 'platform', 'upgrade'])} ${d + 1}`,
          AccountId: account.id,
          StageName: 'Prospecting',
          CloseDate: close,
          Amount: fill() ? rnd.int(5, 250) * 1000 : null,
          LeadSource: fill()
            ? rnd.pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Other'])
            : null,
          Type: fill() ? rnd.pick(['New Customer', 'Existing Customer - Upgrade']) : null,
          Description: fill() ? 'Qualified in discovery call.' : null,
          OwnerId: rep.id,
          CreatedDate: at(created, 9)
        },
        w(created, rep.id)
      );
      opportunities++;
      // Walk the stages; pushes move the close date later as the platform records it.
      const lastStage = closed ? rnd.int(2, 7) : rnd.int(0, Math.min(7, Math.floor(age / 20)));
      let day = created;
      for (let s = 1; s <= lastStage; s++) {
        day = addDays(day, rnd.int(3, 14));
        if (day >= today) break;
        store.update(
          'Opportunity',
          opp.Id,
          {
            StageName: OPEN_STAGES[s],
            NextStep: fill() ? rnd.pick(NEXT_STEPS) : null,
            LastModifiedDate: at(day, 11)
          },
          w(day, rep.id)
        );
      }
      // Careful reps keep open deals moving: a stage step within the last three weeks.
      const careful = p.nudgesPerWeek >= 2;
      if (
        careful &&
        !closed &&
        lastStage < 7 &&
        Date.parse(today) - Date.parse(day) > 21 * 86400000
      ) {
        day = addDays(today, -rnd.int(2, 20));
        store.update(
          'Opportunity',
          opp.Id,
          { StageName: OPEN_STAGES[lastStage + 1], LastModifiedDate: at(day, 11) },
          w(day, rep.id)
        );
      }
      const pushes = rnd.int(p.pushes[0], p.pushes[1]);
      for (let k = 0; k < pushes; k++) {
        day = addDays(day, rnd.int(2, 10));
        if (day >= today) break;
        close = addDays(close, rnd.int(14, 45));
        store.update(
          'Opportunity',
          opp.Id,
          { CloseDate: close, LastModifiedDate: at(day, 12) },
          w(day, rep.id)
        );
      }
      if (closed) {
        // Closed on its close date, or a few days after the last change when that came later.
        let closeDay = close < today ? close : addDays(today, -1);
        if (closeDay <= day) closeDay = day < today ? addDays(day, 1) : day;
        if (closeDay >= today) closeDay = addDays(today, -1);
        store.update(
          'Opportunity',
          opp.Id,
          {
            StageName: rnd.chance(p.win) ? 'Closed Won' : 'Closed Lost',
            CloseDate: closeDay,
            LastModifiedDate: at(closeDay, 15)
          },
          w(closeDay, rep.id)
        );
      }
      if (!closed) mine.push(opp.Id);
      // Activities, contact roles with a decision maker for careful reps, who also touch each
      // open deal within the week.
      if (careful && !closed) {
        const touch = addDays(today, -rnd.int(0, 6));
        if (!lapses(rep.id, touch)) {
          store.insert('Task', activityFields(true, touch, opp.Id, rep.id), w(touch, rep.id));
          activities++;
        }
      }
      const count = rnd.int(p.activities[0], p.activities[1]);
      for (let a = 0; a < count; a++) {
        const span = Math.max(1, Math.min(age, p.recentDays));
        // The climbing team logs more lately: its activities lean towards the recent weeks.
        const back = rnd.int(0, span);
        const actDay = addDays(
          today,
          -(rep.team === CLIMBING ? Math.floor((back * back) / span) : back)
        );
        if (actDay < created) continue;
        const isTask = rnd.chance(0.75);
        if (lapses(rep.id, actDay)) continue;
        store.insert(
          isTask ? 'Task' : 'Event',
          activityFields(isTask, actDay, opp.Id, rep.id),
          w(actDay, rep.id)
        );
        activities++;
      }
      if (rnd.chance(p.roles)) {
        const contact = rnd.pick(account.contacts);
        store.insert(
          'OpportunityContactRole',
          {
            OpportunityId: opp.Id,
            ContactId: contact.id,
            Role: rnd.chance(0.6) ? 'Decision Maker' : 'Evaluator',
            IsPrimary: true,
            CreatedDate: at(created, 10)
          },
          w(created, rep.id)
        );
      }
    }
  }
  const people = seedPeople(store, w, today, reps, managers, [vp.Id], openDeals, lapses);
  const governance = seedGovernance(
    store,
    { today, sponsorId: vp.Id, adminId: ctx.userId, teams },
    (day, userId) => w(day, userId)
  );
  return [
    `demo: 1 VP, 3 managers, ${reps.length} reps, ${accounts.length} accounts, ${opportunities} opportunities, ${activities} activities`,
    `demo: ${people.logins} logins, ${people.engagements} coaching engagements, nudge answers ${people.answers.Fixed} fixed, ${people.answers.Snoozed} snoozed, ${people.answers.Dismissed} dismissed`,
    governance
  ];
}

/** Monday of the week (UTC) that holds `day` ('YYYY-MM-DD'). */
function mondayOf(day: string): string {
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/** The team (index in the order of the managers) that climbs the ladder over the eight weeks. */
const CLIMBING = 0;
/** The team that holds steady. */
const STEADY = 1;
/** The team whose reps who never cared ignore the tool. */
const IGNORING = 2;
const WEEKS = 8;
/** Per habit: chance to log in in a week, to look at the coaching once in, and the shares of
 * the answers to tips (fixed, snoozed; the rest dismissed with a reason). */
const PEOPLE: Record<Habit, { login: number; engage: number; fixed: number; snoozed: number }> = {
  silent: { login: 0.1, engage: 0.1, fixed: 0.1, snoozed: 0.3 },
  occasional: { login: 0.5, engage: 0.3, fixed: 0.2, snoozed: 0.35 },
  pusher: { login: 0.8, engage: 0.5, fixed: 0.3, snoozed: 0.4 },
  steady: { login: 1, engage: 0.8, fixed: 0.55, snoozed: 0.25 },
  champion: { login: 1, engage: 0.95, fixed: 0.65, snoozed: 0.2 }
};
const ANSWERED_PER_WEEK: Record<Habit, number> = {
  silent: 0,
  occasional: 1,
  pusher: 2,
  steady: 3,
  champion: 3
};
const REASONS = ["Doesn't fit my deals", "I don't know how", 'Already done elsewhere'];
const NUDGE_KEYS = [
  'Opp_NextStep',
  'Opp_CloseDate',
  'Opp_Activity',
  'Opp_ContactRole',
  'Opp_Amount'
];

/**
 * The people side of the last eight weeks: logins (LoginHistory and User.LastLoginDate), views
 * of their adoption and WIIFM lines read (Coach_Engagement__c), 1:1 agendas prepared, and
 * answers to tips (Nudge_Response__c) on their own open deals. Its own random numbers, so the
 * deals above stay as they were. `lapses`: a rep's answer on that day is left unwritten.
 */
function seedPeople(
  store: Store,
  w: (day: string, userId?: string) => WriteContext,
  today: string,
  reps: { id: string; habit: Habit; team: number }[],
  managers: string[],
  others: string[],
  openDeals: Map<string, string[]>,
  lapses: (userId: string, day: string) => boolean
) {
  const rnd = seededRandom(20261201);
  const answers: Record<string, number> = { Fixed: 0, Snoozed: 0, Dismissed: 0 };
  let logins = 0;
  let engagements = 0;
  const lastLogin = new Map<string, string>();
  const login = (userId: string, day: string) => {
    const time = at(day, 8);
    store.insert(
      'LoginHistory',
      { UserId: userId, LoginTime: time, LoginType: 'Application', Status: 'Success' },
      w(day, userId)
    );
    logins++;
    if ((lastLogin.get(userId) ?? '') < time) lastLogin.set(userId, time);
  };
  const engage = (userId: string, kind: string, subject: string | null, day: string) => {
    store.insert(
      'Coach_Engagement__c',
      {
        Engagement_Key__c: `${userId}:${kind}:${subject ?? '-'}:${day}`,
        User__c: userId,
        Kind__c: kind,
        Subject__c: subject,
        Occurred_At__c: at(day, 9),
        OwnerId: userId
      },
      w(day, userId)
    );
    engagements++;
  };
  const quiet = [...reps].reverse().find((r) => r.team === STEADY && r.habit === 'champion')?.id;
  for (let week = WEEKS - 1; week >= 0; week--) {
    const day = () => addDays(today, -(week * 7 + rnd.int(0, 6)));
    for (const userId of [...managers, ...others]) {
      login(userId, day());
      if (managers.includes(userId)) engage(userId, 'Viewed_Adoption', null, day());
    }
    for (const rep of reps) {
      const p = PEOPLE[rep.habit];
      const ignores =
        rep.team === IGNORING && (rep.habit === 'silent' || rep.habit === 'occasional');
      if (ignores) continue;
      // The climbing team starts low eight weeks ago and reaches its habit's level this week.
      const lift = rep.team === CLIMBING ? (WEEKS - week) / WEEKS : 1;
      if (!rnd.chance(p.login * lift)) continue;
      login(rep.id, day());
      if (rnd.chance(p.engage * lift)) engage(rep.id, 'Viewed_Adoption', null, day());
      if (rnd.chance(p.engage * lift * 0.5))
        engage(rep.id, 'Read_Wiifm', rnd.pick(NUDGE_KEYS), day());
      const deals = openDeals.get(rep.id) ?? [];
      // In the steady team, one careful rep keeps good records but never answers a tip.
      const tips = rep.id === quiet ? 0 : ANSWERED_PER_WEEK[rep.habit];
      const count = Math.round(tips * lift);
      for (let k = 0; k < count && deals.length > 0; k++) {
        const r = rnd.next();
        const action = r < p.fixed ? 'Fixed' : r < p.fixed + p.snoozed ? 'Snoozed' : 'Dismissed';
        const when = day();
        const dealId = rnd.pick(deals);
        const key = rnd.pick(NUDGE_KEYS);
        if (lapses(rep.id, when)) continue;
        store.insert(
          'Nudge_Response__c',
          {
            Nudge_Key__c: `${key}:${dealId}`,
            Record_Id__c: dealId,
            Action__c: action,
            Reason__c: action === 'Dismissed' ? rnd.pick(REASONS) : null,
            Snooze_Until__c: action === 'Snoozed' ? addDays(when, 3) : null,
            OwnerId: rep.id,
            CreatedDate: at(when, 16)
          },
          w(when, rep.id)
        );
        answers[action]++;
      }
    }
  }
  for (const [userId, time] of lastLogin) {
    store.update('User', userId, { LastLoginDate: time }, { ...w(today), system: true });
  }
  return { logins, engagements, answers };
}

function activityFields(task: boolean, day: string, whatId: string, ownerId: string) {
  return task
    ? {
        Subject: 'Follow-up call',
        ActivityDate: day,
        Status: 'Completed',
        WhatId: whatId,
        OwnerId: ownerId,
        CreatedDate: at(day, 14)
      }
    : {
        Subject: 'Meeting',
        ActivityDate: day,
        StartDateTime: at(day, 14),
        EndDateTime: at(day, 15),
        DurationInMinutes: 60,
        WhatId: whatId,
        OwnerId: ownerId,
        CreatedDate: at(day, 14)
      };
}
