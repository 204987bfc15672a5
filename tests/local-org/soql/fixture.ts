/**
 * A small hand-made org for the SOQL conformance suite, loaded into the real store (as rows, no
 * derivation), with a fixed "now": Wednesday 2024-05-15 12:00 UTC. Every expected result in
 * soql.test.ts is computed by hand from these tables.
 *
 * Date literal ranges on that day (weeks start on Sunday, en_US; UTC):
 *   TODAY 05-15, YESTERDAY 05-14, TOMORROW 05-16
 *   THIS_WEEK 05-12..05-18, LAST_WEEK 05-05..05-11, NEXT_WEEK 05-19..05-25
 *   THIS_MONTH May, LAST_MONTH April, NEXT_MONTH June
 *   THIS_QUARTER 04-01..06-30, LAST_QUARTER 01-01..03-31, NEXT_QUARTER 07-01..09-30
 *   LAST_90_DAYS 2024-02-15..05-15 (today included), NEXT_90_DAYS 05-16..08-13
 */
import { makeId } from '../../../scripts/local-org/ids';
import { Store } from '../../../scripts/local-org/store';
import type { Row } from '../../../scripts/local-org/types';

export const NOW = new Date('2024-05-15T12:00:00Z');

const PREFIX: Record<string, [string, string]> = {
  U: ['User', '005'],
  A: ['Account', '001'],
  C: ['Contact', '003'],
  O: ['Opportunity', '006'],
  R: ['OpportunityContactRole', '00K'],
  H: ['OpportunityHistory', '008'],
  T: ['Task', '00T'],
  D: ['Deal_Insight__c', 'a0C']
};

/** Symbolic name (O1, A3 ...) to record id, and back. */
export const ID: Record<string, string> = {};
export const NAME: Record<string, string> = {};
for (const [letter, [, prefix]] of Object.entries(PREFIX)) {
  for (let n = 1; n <= 20; n++) {
    const id = makeId(prefix, 100 + n);
    ID[`${letter}${n}`] = id;
    NAME[id] = `${letter}${n}`;
  }
}
const id = (name: string | null) => (name === null ? null : ID[name]);

const USERS: [string, string, string, string | null, boolean, string | null][] = [
  // key, FirstName, LastName, Manager, IsActive, Title
  ['U1', 'Mara', 'Manager', null, true, 'VP Sales'],
  ['U2', 'Rick', 'Rep', 'U1', true, 'Account Executive'],
  ['U3', 'Sue', 'Seller', 'U1', false, null]
];

const ACCOUNTS: [
  string,
  string,
  string | null,
  string | null,
  string | null,
  number | null,
  number | null,
  string,
  string | null
][] = [
  // key, Name, Industry, Type, BillingCountry, NumberOfEmployees, AnnualRevenue, Owner, Parent
  ['A1', 'Acme Corp', 'Technology', 'Customer - Direct', 'USA', 500, 1000000, 'U2', null],
  ['A2', 'Globex', 'Manufacturing', 'Prospect', 'Germany', 120, 250000.5, 'U3', 'A1'],
  ['A3', 'Initech', null, 'Customer - Direct', 'USA', null, null, 'U2', null],
  ['A4', "O'Brien & Sons", 'Technology', null, 'Ireland', 15, 50000, 'U1', 'A1'],
  ['A5', '100% Natural_Foods', 'Retail', 'Prospect', null, 42, null, 'U3', null]
];

const CONTACTS: [string, string, string, string | null, string | null, string, string | null][] = [
  // key, FirstName, LastName, Account, Title, Owner, Email
  ['C1', 'Alice', 'Archer', 'A1', 'CEO', 'U2', 'alice@acme.test'],
  ['C2', 'Bob', 'Baker', 'A1', 'CFO', 'U2', null],
  ['C3', 'Carol', 'Chen', 'A2', 'Buyer', 'U3', 'carol@globex.test'],
  ['C4', 'Dan', 'Dunn', 'A3', null, 'U2', null],
  ['C5', 'Erin', 'Ellis', null, 'Consultant', 'U1', 'erin@example.test'],
  ['C6', 'Frank', 'Fox', 'A4', 'ceo', 'U1', null]
];

type Opp = [
  string, // key
  string, // Name
  string | null, // Account
  string, // Owner
  string, // StageName
  number | null, // Amount
  number, // Probability
  string | null, // CloseDate
  string | null, // Type
  string | null, // NextStep
  string, // CreatedDate
  string | null, // LeadSource
  string | null // LastActivityDate
];
const EXISTING = 'Existing Customer - Upgrade';
const NEW = 'New Customer';
export const OPPORTUNITIES: Opp[] = [
  [
    'O1',
    'Acme - Platform',
    'A1',
    'U2',
    'Prospecting',
    10000,
    10,
    '2024-05-15',
    NEW,
    'Call CFO',
    '2024-01-10T09:00:00.000+0000',
    'Web',
    '2024-05-10'
  ],
  [
    'O2',
    'Acme - Renewal',
    'A1',
    'U2',
    'Closed Won',
    25000,
    100,
    '2024-05-14',
    EXISTING,
    null,
    '2023-11-01T00:00:00.000+0000',
    'Partner Referral',
    '2024-05-14'
  ],
  [
    'O3',
    'Globex - Pilot',
    'A2',
    'U3',
    'Negotiation/Review',
    7500.5,
    90,
    '2024-05-16',
    NEW,
    'Send contract',
    '2024-05-15T08:30:00.000+0000',
    'Web',
    null
  ],
  [
    'O4',
    'Globex - Expansion',
    'A2',
    'U3',
    'Closed Lost',
    40000,
    0,
    '2024-05-08',
    EXISTING,
    null,
    '2024-05-14T23:59:59.000+0000',
    null,
    null
  ],
  [
    'O5',
    'Initech - Services',
    'A3',
    'U2',
    'Qualification',
    null,
    10,
    '2024-05-20',
    null,
    null,
    '2024-04-01T00:00:00.000+0000',
    'Phone Inquiry',
    null
  ],
  [
    'O6',
    'Initech - Hardware',
    'A3',
    'U2',
    'Value Proposition',
    12000,
    50,
    '2024-04-30',
    NEW,
    'Demo',
    '2024-02-15T00:00:00.000+0000',
    'Web',
    '2024-04-29'
  ],
  [
    'O7',
    "O'Brien - Consulting",
    'A4',
    'U1',
    'Closed Won',
    5000,
    100,
    '2024-03-31',
    NEW,
    null,
    '2023-12-31T23:00:00.000+0000',
    'Partner Referral',
    null
  ],
  [
    'O8',
    'Natural - Trial',
    'A5',
    'U3',
    'Prospecting',
    0,
    10,
    '2024-06-01',
    null,
    'Email',
    '2024-05-01T00:00:00.000+0000',
    null,
    null
  ],
  [
    'O9',
    'Orphan deal',
    null,
    'U2',
    'Needs Analysis',
    3000,
    20,
    null,
    null,
    null,
    '2024-05-10T10:00:00.000+0000',
    'Web',
    null
  ],
  [
    'O10',
    'Acme - Support',
    'A1',
    'U1',
    'Closed Won',
    15000,
    100,
    '2023-12-15',
    EXISTING,
    null,
    '2023-06-01T00:00:00.000+0000',
    null,
    null
  ],
  [
    'O11',
    'Globex - Training',
    'A2',
    'U2',
    'Closed Lost',
    2500,
    0,
    '2023-05-15',
    NEW,
    null,
    '2023-01-15T00:00:00.000+0000',
    'Web',
    null
  ],
  [
    'O12',
    'Initech - Cloud',
    'A3',
    'U3',
    'Proposal/Price Quote',
    60000,
    75,
    '2024-08-13',
    NEW,
    'Pricing',
    '2024-02-14T00:00:00.000+0000',
    'Partner Referral',
    null
  ],
  [
    'O13',
    'Acme - Analytics',
    'A1',
    'U2',
    'Id. Decision Makers',
    18000,
    60,
    '2025-01-15',
    NEW,
    'Workshop',
    '2024-05-12T00:00:00.000+0000',
    null,
    null
  ],
  [
    'O14',
    'Natural - Bulk',
    'A5',
    'U1',
    'Perception Analysis',
    9000,
    70,
    '2024-07-01',
    null,
    null,
    '2024-05-11T23:59:59.999+0000',
    'Web',
    null
  ],
  [
    'O15',
    'Globex_Legacy 50%',
    'A2',
    'U1',
    'Closed Lost',
    1000,
    0,
    '2022-12-31',
    null,
    null,
    '2022-06-30T00:00:00.000+0000',
    null,
    null
  ]
];

const ROLES: [string, string, string, string, boolean][] = [
  // key, Opportunity, Contact, Role, IsPrimary
  ['R1', 'O1', 'C1', 'Decision Maker', true],
  ['R2', 'O1', 'C2', 'Economic Buyer', false],
  ['R3', 'O3', 'C3', 'Decision Maker', true],
  ['R4', 'O6', 'C4', 'Technical Buyer', true],
  ['R5', 'O2', 'C2', 'Evaluator', false],
  ['R6', 'O13', 'C1', 'Executive Sponsor', false]
];

const TASKS: [
  string,
  string,
  string | null,
  string | null,
  string | null,
  string,
  string,
  string
][] = [
  // key, Subject, What, Who, ActivityDate, Status, Owner, Priority
  ['T1', 'Call', 'O1', 'C1', '2024-05-10', 'Completed', 'U2', 'Normal'],
  ['T2', 'Email', 'O1', null, '2024-05-16', 'Not Started', 'U2', 'High'],
  ['T3', 'Meeting prep', 'A1', 'C2', '2024-05-01', 'Completed', 'U2', 'Normal'],
  ['T4', 'Follow up', 'O3', 'C3', null, 'In Progress', 'U3', 'Normal'],
  ['T5', 'Quote', 'O6', null, '2024-04-29', 'Completed', 'U2', 'Low'],
  ['T6', 'Intro', null, 'C5', '2024-05-15', 'Not Started', 'U1', 'Normal']
];

const HISTORY: [string, string, string, number, string, string][] = [
  // key, Opportunity, StageName, Amount, CloseDate, CreatedDate
  ['H1', 'O1', 'Prospecting', 10000, '2024-05-31', '2024-01-10T09:00:00.000+0000'],
  ['H2', 'O1', 'Prospecting', 10000, '2024-05-15', '2024-03-01T00:00:00.000+0000'],
  ['H3', 'O2', 'Negotiation/Review', 25000, '2024-05-14', '2023-11-01T00:00:00.000+0000'],
  ['H4', 'O2', 'Closed Won', 25000, '2024-05-14', '2024-05-14T15:00:00.000+0000'],
  ['H5', 'O4', 'Closed Lost', 40000, '2024-05-08', '2024-05-08T10:00:00.000+0000']
];

const INSIGHTS: [string, string, string | null, string | null, number, number][] = [
  // key, Name, Opportunity, Risk_Flags__c, Completeness_Score__c, Push_Count__c
  ['D1', 'DI-1', 'O1', 'STALE;PUSHED', 80, 2],
  ['D2', 'DI-2', 'O3', 'NO_NEXT_STEP', 55, 0],
  ['D3', 'DI-3', 'O6', 'STALE', 40, 1],
  ['D4', 'DI-4', 'O9', null, 100, 0],
  ['D5', 'DI-5', null, 'PUSHED;PAST_DUE;STALE', 20, 3]
];

const STAGE_FLAGS: Record<string, [boolean, boolean, string]> = {
  'Closed Won': [true, true, 'Closed'],
  'Closed Lost': [true, false, 'Omitted']
};

/** The store with every fixture row loaded; A6 is a deleted account (queryAll sees it). */
export function fixtureStore(): Store {
  const store = new Store();
  const load = (object: string, row: Record<string, unknown>) =>
    store.load(object, { IsDeleted: false, ...row } as unknown as Row);
  for (const [k, first, last, manager, active, title] of USERS) {
    load('User', {
      Id: id(k),
      FirstName: first,
      LastName: last,
      Name: `${first} ${last}`,
      Username: `${first.toLowerCase()}@fixture.test`,
      Email: `${first.toLowerCase()}@fixture.test`,
      ManagerId: id(manager),
      IsActive: active,
      Title: title
    });
  }
  for (const [k, name, industry, type, country, employees, revenue, owner, parent] of ACCOUNTS) {
    load('Account', {
      Id: id(k),
      Name: name,
      Industry: industry,
      Type: type,
      BillingCountry: country,
      NumberOfEmployees: employees,
      AnnualRevenue: revenue,
      OwnerId: id(owner),
      ParentId: id(parent),
      CreatedDate: '2023-01-01T00:00:00.000+0000'
    });
  }
  load('Account', {
    Id: id('A6'),
    Name: 'Deleted Co',
    OwnerId: id('U1'),
    IsDeleted: true,
    CreatedDate: '2023-01-01T00:00:00.000+0000'
  });
  for (const [k, first, last, account, title, owner, email] of CONTACTS) {
    load('Contact', {
      Id: id(k),
      FirstName: first,
      LastName: last,
      Name: `${first} ${last}`,
      AccountId: id(account),
      Title: title,
      OwnerId: id(owner),
      Email: email
    });
  }
  for (const o of OPPORTUNITIES) {
    const [k, name, account, owner, stage, amount, probability, close, type, next, created] = o;
    const [closed, won, forecast] = STAGE_FLAGS[stage] ?? [false, false, 'Pipeline'];
    load('Opportunity', {
      Id: id(k),
      Name: name,
      AccountId: id(account),
      OwnerId: id(owner),
      StageName: stage,
      Amount: amount,
      Probability: probability,
      CloseDate: close,
      Type: type,
      NextStep: next,
      CreatedDate: created,
      LeadSource: o[11],
      LastActivityDate: o[12],
      IsClosed: closed,
      IsWon: won,
      ForecastCategoryName: forecast
    });
  }
  for (const [k, opp, contact, role, primary] of ROLES) {
    load('OpportunityContactRole', {
      Id: id(k),
      OpportunityId: id(opp),
      ContactId: id(contact),
      Role: role,
      IsPrimary: primary
    });
  }
  for (const [k, subject, what, who, date, status, owner, priority] of TASKS) {
    load('Task', {
      Id: id(k),
      Subject: subject,
      WhatId: id(what),
      WhoId: id(who),
      ActivityDate: date,
      Status: status,
      OwnerId: id(owner),
      Priority: priority,
      IsClosed: status === 'Completed'
    });
  }
  for (const [k, opp, stage, amount, close, created] of HISTORY) {
    load('OpportunityHistory', {
      Id: id(k),
      OpportunityId: id(opp),
      StageName: stage,
      Amount: amount,
      CloseDate: close,
      CreatedDate: created
    });
  }
  for (const [k, name, opp, flags, score, pushes] of INSIGHTS) {
    load('Deal_Insight__c', {
      Id: id(k),
      Name: name,
      Opportunity__c: id(opp),
      Risk_Flags__c: flags,
      Completeness_Score__c: score,
      Push_Count__c: pushes
    });
  }
  return store;
}
