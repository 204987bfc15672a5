/**
 * SOQL conformance suite for the local org. Each row is a query with its expected result,
 * computed by hand from the fixture (tests/local-org/soql/fixture.ts) and the Salesforce SOQL and
 * SOSL Reference: comparison operators (string comparisons are case-insensitive; LIKE with % and
 * _ and \-escapes), "null in WHERE" (a missing parent matches `Parent.Field = null`; on a checkbox
 * null means false), date formats and date literals (LAST_N_DAYS:1 is yesterday and today;
 * LAST_90_DAYS includes today), ORDER BY (case-insensitive; picklists sort in their defined
 * order; nulls first by default), aggregate functions (nulls ignored except by COUNT() and
 * COUNT(Id); MIN/MAX of a picklist follow its order), aliases (expr0, expr1 ... count only the
 * unaliased aggregate expressions), relationship queries and the condition expression syntax
 * (AND and OR cannot be mixed without parentheses).
 *
 * ORDER BY puts nulls first in either direction unless NULLS LAST says otherwise: "By default,
 * null values are sorted first" (SOQL and SOSL Reference, ORDER BY,
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_orderby.htm).
 *
 * One behaviour is the local org's reading where the reference is silent: `!=` and NOT IN match
 * rows whose field is null (SOQL has no three-valued logic).
 */
import { ApiError } from '../../scripts/local-org/errors';
import { prepareSoql } from '../../scripts/local-org/soql';
import type { Row, SoqlDataSource } from '../../scripts/local-org/types';
import { fixtureStore, ID, NAME, NOW } from './soql/fixture';

interface Case {
  q: string;
  /** Expected record ids as fixture names; in order when the outer query has ORDER BY. */
  names?: string[];
  /** Expected records, exactly (REST JSON shape). */
  records?: Record<string, unknown>[];
  totalSize?: number;
  columns?: string[];
  /** Expected error: code and a part of the message. */
  error?: [string, string];
  /** queryAll (deleted rows included). */
  all?: boolean;
}

const URL = '/services/data/v62.0/sobjects';
const rec = (type: string, name: string, fields: Record<string, unknown> = {}) => ({
  attributes: { type, url: `${URL}/${type}/${ID[name]}` },
  ...fields
});
const agg = (fields: Record<string, unknown>) => ({
  attributes: { type: 'AggregateResult' },
  ...fields
});
const refused = (what: string): [string, string] => [
  'MALFORMED_QUERY',
  `Unsupported in the local org: ${what}`
];
const opp = (...names: string[]) => names.map((n) => `O${n}`);

const CASES: Case[] = [
  // ------------------------------------------------------------ SELECT, FROM, result shape
  { q: 'SELECT Id FROM Account', names: ['A1', 'A2', 'A3', 'A4', 'A5'] },
  {
    q: "select id, name from account where name = 'acme corp'",
    records: [rec('Account', 'A1', { Id: ID.A1, Name: 'Acme Corp' })]
  },
  {
    q: `SELECT Name, NumberOfEmployees, AnnualRevenue, Industry FROM Account WHERE Id = '${ID.A3}'`,
    records: [
      rec('Account', 'A3', {
        Name: 'Initech',
        NumberOfEmployees: null,
        AnnualRevenue: null,
        Industry: null
      })
    ]
  },
  {
    q: "SELECT Name, Amount, CloseDate, CreatedDate, IsWon, IsClosed FROM Opportunity WHERE Name = 'Globex - Pilot'",
    records: [
      rec('Opportunity', 'O3', {
        Name: 'Globex - Pilot',
        Amount: 7500.5,
        CloseDate: '2024-05-16',
        CreatedDate: '2024-05-15T08:30:00.000+0000',
        IsWon: false,
        IsClosed: false
      })
    ]
  },
  {
    q: `SELECT Name FROM Account WHERE Id = '${ID.A2.slice(0, 15)}'`,
    records: [rec('Account', 'A2', { Name: 'Globex' })]
  },
  { q: `SELECT Id FROM Account WHERE Id IN ('${ID.A1}', '${ID.A4}')`, names: ['A1', 'A4'] },
  { q: "SELECT Id FROM Account WHERE Name = 'Deleted Co'", names: [] },
  { q: "SELECT Id FROM Account WHERE Name = 'Deleted Co'", all: true, names: ['A6'] },
  { q: "SELECT ID FROM OPPORTUNITY WHERE STAGENAME = 'closed won'", names: opp('2', '7', '10') },
  {
    q: 'SELECT Opportunity.Name FROM Opportunity WHERE Opportunity.Amount = 0',
    records: [rec('Opportunity', 'O8', { Name: 'Natural - Trial' })]
  },
  {
    q: "SELECT a.Name FROM Account a WHERE a.BillingCountry = 'Ireland'",
    records: [rec('Account', 'A4', { Name: "O'Brien & Sons" })]
  },
  {
    // Field names in any case come back as the schema spells them. O1 is Acme Corp's (A1), owned
    // by Rick Rep (U2), whose manager is Mara Manager (U1).
    q: `SELECT Id, name, account.name, Owner.Manager.Name FROM Opportunity WHERE Id = '${ID.O1}'`,
    columns: ['Id', 'Name', 'Account.Name', 'Owner.Manager.Name'],
    records: [
      rec('Opportunity', 'O1', {
        Id: ID.O1,
        Name: 'Acme - Platform',
        Account: rec('Account', 'A1', { Name: 'Acme Corp' }),
        Owner: rec('User', 'U2', { Manager: rec('User', 'U1', { Name: 'Mara Manager' }) })
      })
    ]
  },
  {
    // A child subquery is a field of the row, not a column; O1 has the contact roles R1 and R2.
    q: `SELECT Id, (SELECT Id FROM OpportunityContactRoles ORDER BY Id) FROM Opportunity WHERE Id = '${ID.O1}'`,
    columns: ['Id'],
    records: [
      rec('Opportunity', 'O1', {
        Id: ID.O1,
        OpportunityContactRoles: {
          totalSize: 2,
          done: true,
          records: [
            rec('OpportunityContactRole', 'R1', { Id: ID.R1 }),
            rec('OpportunityContactRole', 'R2', { Id: ID.R2 })
          ]
        }
      })
    ]
  },

  // ------------------------------------------------------------ comparison operators
  {
    q: "SELECT Id FROM Opportunity WHERE LeadSource = 'Web'",
    names: opp('1', '3', '6', '9', '11', '14')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE LeadSource != 'Web'",
    names: opp('2', '4', '5', '7', '8', '10', '12', '13', '15')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE LeadSource <> 'Web'",
    names: opp('2', '4', '5', '7', '8', '10', '12', '13', '15')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE Amount > 10000',
    names: opp('2', '4', '6', '10', '12', '13')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE Amount >= 10000',
    names: opp('1', '2', '4', '6', '10', '12', '13')
  },
  { q: 'SELECT Id FROM Opportunity WHERE Amount < 3000', names: opp('8', '11', '15') },
  { q: 'SELECT Id FROM Opportunity WHERE Amount <= 3000', names: opp('8', '9', '11', '15') },
  { q: 'SELECT Id FROM Opportunity WHERE Amount = null', names: opp('5') },
  {
    q: 'SELECT Id FROM Opportunity WHERE Amount != null',
    names: opp('1', '2', '3', '4', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15')
  },
  { q: 'SELECT Id FROM Opportunity WHERE Amount = 7500.5', names: opp('3') },
  {
    q: 'SELECT Id FROM Opportunity WHERE Amount > -1',
    names: opp('1', '2', '3', '4', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15')
  },
  { q: 'SELECT Id FROM Opportunity WHERE Probability = 100', names: opp('2', '7', '10') },
  { q: 'SELECT Id FROM Opportunity WHERE IsWon = true', names: opp('2', '7', '10') },
  {
    q: 'SELECT Id FROM Opportunity WHERE IsWon = false',
    names: opp('1', '3', '4', '5', '6', '8', '9', '11', '12', '13', '14', '15')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE IsWon = null',
    names: opp('1', '3', '4', '5', '6', '8', '9', '11', '12', '13', '14', '15')
  },
  { q: 'SELECT Id FROM Opportunity WHERE IsWon != null', names: opp('2', '7', '10') },
  {
    q: 'SELECT Id FROM Opportunity WHERE IsClosed = false AND Amount > 9000',
    names: opp('1', '6', '12', '13')
  },
  { q: "SELECT Id FROM Opportunity WHERE Name = 'ACME - PLATFORM'", names: opp('1') },
  { q: "SELECT Id FROM Account WHERE Name < 'B'", names: ['A1', 'A5'] },
  { q: "SELECT Id FROM Account WHERE Name > 'Initech'", names: ['A4'] },
  { q: "SELECT Id FROM Account WHERE Name = 'O\\'Brien & Sons'", names: ['A4'] },
  { q: "SELECT Id FROM Contact WHERE Title = 'ceo'", names: ['C1', 'C6'] },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = 2024-05-15', names: opp('1') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate > 2024-05-15',
    names: opp('3', '5', '8', '12', '13', '14')
  },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate < 2024-01-01', names: opp('10', '11', '15') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = null', names: opp('9') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CreatedDate > 2024-05-14T00:00:00Z',
    names: opp('3', '4')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CreatedDate >= 2024-05-11T23:59:59Z',
    names: opp('3', '4', '13', '14')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CreatedDate < 2024-01-01T00:00:00+01:00',
    names: opp('2', '10', '11', '15')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CreatedDate = 2023-12-31T18:00:00-05:00',
    names: opp('7')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE CloseDate = '2024-05-15'",
    error: ['INVALID_FIELD', "field 'CloseDate' must be of type date and should not be enclosed"]
  },
  {
    q: "SELECT Id FROM Opportunity WHERE Amount = '100'",
    error: ['INVALID_FIELD', "value of filter criterion for field 'Amount' must be of type"]
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE Name = 5',
    error: ['INVALID_FIELD', 'must be of type string and should be enclosed in quotes']
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CreatedDate = 2024-05-15',
    error: ['INVALID_FIELD', "field 'CreatedDate' must be of type dateTime"]
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate > 2024-05-15T00:00:00Z',
    error: ['INVALID_FIELD', "field 'CloseDate' must be of type date"]
  },
  {
    q: "SELECT Id FROM Opportunity WHERE IsWon = 'true'",
    error: ['INVALID_FIELD', "field 'IsWon' must be of type boolean"]
  },
  {
    q: "SELECT Id FROM Opportunity WHERE AccountId = 'nope'",
    error: ['INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: nope']
  },

  // ------------------------------------------------------------ AND, OR, NOT, parentheses
  {
    q: "SELECT Id FROM Opportunity WHERE StageName = 'Prospecting' OR StageName = 'Qualification'",
    names: opp('1', '5', '8')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE LeadSource = 'Web' AND Amount > 5000",
    names: opp('1', '3', '6', '14')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE LeadSource = 'Web' AND (Amount < 5000 OR StageName = 'Prospecting')",
    names: opp('1', '9', '11')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE (LeadSource = 'Web' AND Amount < 5000) OR StageName = 'Prospecting'",
    names: opp('1', '8', '9', '11')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE NOT StageName LIKE 'Closed%'",
    names: opp('1', '3', '5', '6', '8', '9', '12', '13', '14')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE NOT (IsClosed = true OR Amount = null)',
    names: opp('1', '3', '6', '8', '9', '12', '13', '14')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE IsClosed = true AND (NOT StageName = 'Closed Won')",
    names: opp('4', '11', '15')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE IsClosed = false AND (NOT Amount > 10000)',
    names: opp('1', '3', '5', '8', '9', '14')
  },
  { q: 'SELECT Id FROM Opportunity WHERE ((Amount > 20000))', names: opp('2', '4', '12') },
  {
    q: "SELECT Id FROM Opportunity WHERE Amount > 1 AND Amount < 5000 AND LeadSource = 'Web'",
    names: opp('9', '11')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE Name = 'a' AND Name = 'b' OR Name = 'c'",
    error: ['MALFORMED_QUERY', 'unexpected token: OR']
  },

  // ------------------------------------------------------------ LIKE
  { q: "SELECT Id FROM Account WHERE Name LIKE 'acme%'", names: ['A1'] },
  { q: "SELECT Id FROM Account WHERE Name LIKE '%o%'", names: ['A1', 'A2', 'A4', 'A5'] },
  { q: "SELECT Id FROM Account WHERE Name LIKE 'Glob_x'", names: ['A2'] },
  { q: "SELECT Id FROM Account WHERE Name LIKE '_lobex'", names: ['A2'] },
  { q: "SELECT Id FROM Account WHERE Name LIKE '100\\% %'", names: ['A5'] },
  { q: "SELECT Id FROM Opportunity WHERE Name LIKE 'Globex\\_%'", names: opp('15') },
  { q: "SELECT Id FROM Opportunity WHERE Name LIKE 'Globex_%'", names: opp('3', '4', '11', '15') },
  { q: "SELECT Id FROM Opportunity WHERE Name LIKE '%50\\%'", names: opp('15') },
  { q: "SELECT Id FROM Opportunity WHERE Name LIKE 'INITECH%'", names: opp('5', '6', '12') },
  {
    q: "SELECT Id FROM Opportunity WHERE StageName LIKE 'Closed%'",
    names: opp('2', '4', '7', '10', '11', '15')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE NextStep LIKE '%'",
    names: opp('1', '3', '6', '8', '12', '13')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE Amount LIKE '1%'",
    error: ['INVALID_FIELD', 'LIKE can only be used with text fields']
  },

  // ------------------------------------------------------------ IN, NOT IN, semi- and anti-joins
  {
    q: "SELECT Id FROM Opportunity WHERE StageName IN ('Closed Won', 'Closed Lost')",
    names: opp('2', '4', '7', '10', '11', '15')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE LeadSource NOT IN ('Web', 'Partner Referral')",
    names: opp('4', '5', '8', '10', '13', '15')
  },
  { q: 'SELECT Id FROM Opportunity WHERE Amount IN (0, 1000, 7500.5)', names: opp('3', '8', '15') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate IN (2024-05-15, 2024-05-16)',
    names: opp('1', '3')
  },
  { q: "SELECT Id FROM Account WHERE Industry IN ('technology', null)", names: ['A1', 'A3', 'A4'] },
  {
    q: `SELECT Id FROM Opportunity WHERE OwnerId IN ('${ID.U1}')`,
    names: opp('7', '10', '14', '15')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole)',
    names: opp('1', '2', '3', '6', '13')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole WHERE IsPrimary = true)',
    names: opp('1', '3', '6')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE Id NOT IN (SELECT OpportunityId FROM OpportunityContactRole)',
    names: opp('4', '5', '7', '8', '9', '10', '11', '12', '14', '15')
  },
  {
    q: 'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE IsWon = true)',
    names: ['A1', 'A4']
  },
  { q: 'SELECT Id FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact)', names: ['A5'] },
  {
    q: "SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Industry = 'Technology')",
    names: ['C1', 'C2', 'C6']
  },
  {
    q: 'SELECT Id FROM Task WHERE WhatId IN (SELECT Id FROM Opportunity WHERE IsClosed = false)',
    names: ['T1', 'T2', 'T4', 'T5']
  },
  {
    q: 'SELECT Id FROM Contact WHERE Id NOT IN (SELECT ContactId FROM OpportunityContactRole)',
    names: ['C5', 'C6']
  },
  {
    q: "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Closed Lost') AND Id IN (SELECT AccountId FROM Contact)",
    names: ['A2']
  },
  {
    q: 'SELECT Id FROM Account WHERE Id IN (SELECT Name FROM Account)',
    error: ['MALFORMED_QUERY', 'semi-join subquery must select exactly one Id or reference field']
  },

  // ------------------------------------------------------------ semi-join restrictions
  // "Considerations for Semi-Join and Anti-Join Queries", SOQL and SOSL Reference, Comparison
  // Operators:
  // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_comparisonoperators.htm
  {
    // "You can't use subqueries with OR."
    q: "SELECT Id FROM Account WHERE Name = 'Globex' OR Id IN (SELECT AccountId FROM Contact)",
    error: ['MALFORMED_QUERY', "Semi join sub-selects are not allowed with the 'OR' operator"]
  },
  {
    q: "SELECT Id FROM Account WHERE Industry = 'Retail' AND (Name = 'Globex' OR Id IN (SELECT AccountId FROM Contact))",
    error: ['MALFORMED_QUERY', "Semi join sub-selects are not allowed with the 'OR' operator"]
  },
  {
    // OR elsewhere in the WHERE clause, away from the semi-join, is fine: Acme Corp (A1) and
    // O'Brien & Sons (A4) are Technology accounts with contacts; Initech (A3) has a contact (C4)
    // and no industry.
    q: "SELECT Id FROM Account WHERE (Industry = 'Technology' OR Industry = null) AND Id IN (SELECT AccountId FROM Contact)",
    names: ['A1', 'A3', 'A4']
  },
  {
    // "You can't use the NOT operator as a conjunction with semi-joins and anti-joins."
    q: 'SELECT Id FROM Account WHERE NOT Id IN (SELECT AccountId FROM Contact)',
    error: ['MALFORMED_QUERY', 'The NOT operator cannot be used with semi join or anti join']
  },
  {
    q: "SELECT Id FROM Account WHERE NOT (Name = 'Globex' AND Id IN (SELECT AccountId FROM Contact))",
    error: ['MALFORMED_QUERY', 'The NOT operator cannot be used with semi join or anti join']
  },
  {
    // "You can't query on the same object in a subquery as in the main query" (the reference's
    // own example: accounts whose parent is named 'myaccount').
    q: "SELECT Id FROM Account WHERE Id IN (SELECT ParentId FROM Account WHERE Name = 'Acme Corp')",
    error: [
      'INVALID_QUERY_FILTER_OPERATOR',
      'The inner and outer selects should not be on the same object type'
    ]
  },
  {
    // "COUNT, FOR UPDATE, ORDER BY, and LIMIT aren't supported in subqueries."
    q: 'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact ORDER BY LastName)',
    error: ['MALFORMED_QUERY', 'ORDER BY is not supported in a semi join sub-select']
  },
  {
    q: 'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact LIMIT 1)',
    error: ['MALFORMED_QUERY', 'LIMIT is not supported in a semi join sub-select']
  },
  {
    // "You can't nest a semi-join or anti-join statement in another semi-join or anti-join
    // statement."
    q: 'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole))',
    error: ['MALFORMED_QUERY', 'Nesting of semi join sub-selects is not supported']
  },
  {
    // "You can't use more than two IN or NOT IN statements per WHERE clause."
    q: 'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact) AND Id IN (SELECT AccountId FROM Opportunity) AND Id NOT IN (SELECT AccountId FROM Opportunity WHERE IsWon = true)',
    error: ['MALFORMED_QUERY', 'Maximum 2 semi join sub-selects are allowed']
  },
  {
    // Two are allowed, an anti-join among them: accounts with a contact and no won deal are
    // Globex (A2: O4, O11, O15 lost, O3 open) and Initech (A3: O5, O6, O12 open).
    q: 'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact) AND Id NOT IN (SELECT AccountId FROM Opportunity WHERE IsWon = true)',
    names: ['A2', 'A3']
  },

  // ------------------------------------------------------------ INCLUDES, EXCLUDES (multi-select)
  {
    q: "SELECT Id FROM Deal_Insight__c WHERE Risk_Flags__c INCLUDES ('STALE')",
    names: ['D1', 'D3', 'D5']
  },
  {
    q: "SELECT Id FROM Deal_Insight__c WHERE Risk_Flags__c INCLUDES ('STALE;PUSHED')",
    names: ['D1', 'D5']
  },
  {
    q: "SELECT Id FROM Deal_Insight__c WHERE Risk_Flags__c INCLUDES ('NO_NEXT_STEP', 'PAST_DUE')",
    names: ['D2', 'D5']
  },
  {
    q: "SELECT Id FROM Deal_Insight__c WHERE Risk_Flags__c INCLUDES ('stale;past_due')",
    names: ['D5']
  },
  {
    q: "SELECT Id FROM Deal_Insight__c WHERE Risk_Flags__c != null AND Risk_Flags__c EXCLUDES ('STALE')",
    names: ['D2']
  },
  {
    q: "SELECT Id FROM Deal_Insight__c WHERE Risk_Flags__c != null AND Risk_Flags__c EXCLUDES ('STALE;PUSHED')",
    names: ['D2', 'D3']
  },
  { q: "SELECT Id FROM Deal_Insight__c WHERE Risk_Flags__c = 'PUSHED;STALE'", names: ['D1'] },
  { q: "SELECT Id FROM Deal_Insight__c WHERE Risk_Flags__c = 'STALE'", names: ['D3'] },
  { q: 'SELECT Id FROM Deal_Insight__c WHERE Risk_Flags__c = null', names: ['D4'] },
  {
    q: "SELECT Id FROM Account WHERE Name INCLUDES ('Acme')",
    error: ['MALFORMED_QUERY', 'INCLUDES and EXCLUDES can only be used with multi-select picklist']
  },

  // ------------------------------------------------------------ parent relationships
  {
    q: `SELECT Name, Account.Name FROM Opportunity WHERE Id = '${ID.O1}'`,
    records: [
      rec('Opportunity', 'O1', {
        Name: 'Acme - Platform',
        Account: rec('Account', 'A1', { Name: 'Acme Corp' })
      })
    ]
  },
  {
    q: `SELECT Name, Account.Name FROM Opportunity WHERE Id = '${ID.O9}'`,
    records: [rec('Opportunity', 'O9', { Name: 'Orphan deal', Account: null })]
  },
  {
    q: `SELECT Id, Account.Owner.Name FROM Opportunity WHERE Id = '${ID.O3}'`,
    records: [
      rec('Opportunity', 'O3', {
        Id: ID.O3,
        Account: rec('Account', 'A2', { Owner: rec('User', 'U3', { Name: 'Sue Seller' }) })
      })
    ]
  },
  {
    q: 'SELECT Name, Manager.Name FROM User ORDER BY Name',
    records: [
      rec('User', 'U1', { Name: 'Mara Manager', Manager: null }),
      rec('User', 'U2', { Name: 'Rick Rep', Manager: rec('User', 'U1', { Name: 'Mara Manager' }) }),
      rec('User', 'U3', {
        Name: 'Sue Seller',
        Manager: rec('User', 'U1', { Name: 'Mara Manager' })
      })
    ]
  },
  {
    q: `SELECT Role, Opportunity.Account.Name, Contact.Name FROM OpportunityContactRole WHERE Id = '${ID.R3}'`,
    records: [
      rec('OpportunityContactRole', 'R3', {
        Role: 'Decision Maker',
        Opportunity: rec('Opportunity', 'O3', {
          Account: rec('Account', 'A2', { Name: 'Globex' })
        }),
        Contact: rec('Contact', 'C3', { Name: 'Carol Chen' })
      })
    ]
  },
  {
    q: "SELECT Name, Opportunity__r.Name, Opportunity__r.StageName FROM Deal_Insight__c WHERE Name = 'DI-2'",
    records: [
      rec('Deal_Insight__c', 'D2', {
        Name: 'DI-2',
        Opportunity__r: rec('Opportunity', 'O3', {
          Name: 'Globex - Pilot',
          StageName: 'Negotiation/Review'
        })
      })
    ]
  },
  {
    q: "SELECT Name, Opportunity__r.Name FROM Deal_Insight__c WHERE Name = 'DI-5'",
    records: [rec('Deal_Insight__c', 'D5', { Name: 'DI-5', Opportunity__r: null })]
  },
  {
    q: "SELECT Id FROM Deal_Insight__c WHERE Opportunity__r.Account.Name = 'Acme Corp'",
    names: ['D1']
  },
  {
    q: "SELECT Id FROM Opportunity WHERE Account.Industry = 'Technology'",
    names: opp('1', '2', '7', '10', '13')
  },
  { q: 'SELECT Id FROM Opportunity WHERE Account.Name = null', names: opp('9') },
  {
    q: "SELECT Id FROM Opportunity WHERE Account.Owner.Name = 'Rick Rep'",
    names: opp('1', '2', '5', '6', '10', '12', '13')
  },
  {
    q: "SELECT Id FROM Opportunity WHERE Owner.Manager.Name = 'Mara Manager'",
    names: opp('1', '2', '3', '4', '5', '6', '8', '9', '11', '12', '13')
  },
  { q: 'SELECT Id FROM Opportunity WHERE Owner.IsActive = false', names: opp('3', '4', '8', '12') },
  {
    q: `SELECT Subject, What.Name FROM Task WHERE Id = '${ID.T3}'`,
    records: [
      rec('Task', 'T3', {
        Subject: 'Meeting prep',
        What: rec('Account', 'A1', { Name: 'Acme Corp' })
      })
    ]
  },
  {
    q: `SELECT Subject, What.Name FROM Task WHERE Id = '${ID.T1}'`,
    records: [
      rec('Task', 'T1', {
        Subject: 'Call',
        What: rec('Opportunity', 'O1', { Name: 'Acme - Platform' })
      })
    ]
  },
  { q: "SELECT Id FROM Task WHERE What.Type = 'Account'", names: ['T3'] },
  {
    q: `SELECT Who.Name FROM Task WHERE Id = '${ID.T2}'`,
    records: [rec('Task', 'T2', { Who: null })]
  },
  {
    q: `SELECT Account.Id FROM Contact WHERE Id = '${ID.C1}'`,
    records: [rec('Contact', 'C1', { Account: rec('Account', 'A1', { Id: ID.A1 }) })]
  },
  {
    q: `SELECT Account.Name, Account.Industry, Owner.Name FROM Opportunity WHERE Id = '${ID.O7}'`,
    records: [
      rec('Opportunity', 'O7', {
        Account: rec('Account', 'A4', { Name: "O'Brien & Sons", Industry: 'Technology' }),
        Owner: rec('User', 'U1', { Name: 'Mara Manager' })
      })
    ]
  },
  {
    q: 'SELECT Acount.Name FROM Opportunity',
    error: ['INVALID_FIELD', "Didn't understand relationship 'Acount' in field path"]
  },
  {
    q: 'SELECT Foo FROM Opportunity',
    error: ['INVALID_FIELD', "No such column 'Foo' on entity 'Opportunity'"]
  },
  {
    q: 'SELECT Account.Foo FROM Opportunity',
    error: ['INVALID_FIELD', "No such column 'Foo' on entity 'Account'"]
  },
  {
    q: "SELECT Id FROM Opportunity WHERE Foo__c = 'x'",
    error: ['INVALID_FIELD', "No such column 'Foo__c' on entity 'Opportunity'"]
  },
  { q: 'SELECT Id FROM Foo', error: ['INVALID_TYPE', "sObject type 'Foo' is not supported."] },
  {
    q: 'SELECT Opportunity__c.Name FROM Deal_Insight__c',
    error: ['INVALID_FIELD', "Didn't understand relationship 'Opportunity__c'"]
  },

  // ------------------------------------------------------------ child subqueries
  {
    q: `SELECT Name, (SELECT Contact.Name, Role FROM OpportunityContactRoles ORDER BY Role) FROM Opportunity WHERE Id = '${ID.O1}'`,
    records: [
      rec('Opportunity', 'O1', {
        Name: 'Acme - Platform',
        OpportunityContactRoles: {
          totalSize: 2,
          done: true,
          records: [
            rec('OpportunityContactRole', 'R1', {
              Contact: rec('Contact', 'C1', { Name: 'Alice Archer' }),
              Role: 'Decision Maker'
            }),
            rec('OpportunityContactRole', 'R2', {
              Contact: rec('Contact', 'C2', { Name: 'Bob Baker' }),
              Role: 'Economic Buyer'
            })
          ]
        }
      })
    ]
  },
  {
    q: `SELECT Name, (SELECT Id FROM OpportunityContactRoles) FROM Opportunity WHERE Id = '${ID.O4}'`,
    records: [
      rec('Opportunity', 'O4', { Name: 'Globex - Expansion', OpportunityContactRoles: null })
    ]
  },
  {
    q: `SELECT Id, (SELECT Subject FROM Tasks WHERE Status = 'Completed') FROM Opportunity WHERE Id IN ('${ID.O1}', '${ID.O3}') ORDER BY Name`,
    records: [
      rec('Opportunity', 'O1', {
        Id: ID.O1,
        Tasks: { totalSize: 1, done: true, records: [rec('Task', 'T1', { Subject: 'Call' })] }
      }),
      rec('Opportunity', 'O3', { Id: ID.O3, Tasks: null })
    ]
  },
  {
    q: `SELECT Id, (SELECT Id FROM OpportunityHistories ORDER BY CreatedDate DESC LIMIT 1) FROM Opportunity WHERE Id = '${ID.O2}'`,
    records: [
      rec('Opportunity', 'O2', {
        Id: ID.O2,
        OpportunityHistories: {
          totalSize: 1,
          done: true,
          records: [rec('OpportunityHistory', 'H4', { Id: ID.H4 })]
        }
      })
    ]
  },
  {
    q: `SELECT Name, (SELECT Name, Amount FROM Opportunities ORDER BY Amount DESC) FROM Account WHERE Id = '${ID.A1}'`,
    records: [
      rec('Account', 'A1', {
        Name: 'Acme Corp',
        Opportunities: {
          totalSize: 4,
          done: true,
          records: [
            rec('Opportunity', 'O2', { Name: 'Acme - Renewal', Amount: 25000 }),
            rec('Opportunity', 'O13', { Name: 'Acme - Analytics', Amount: 18000 }),
            rec('Opportunity', 'O10', { Name: 'Acme - Support', Amount: 15000 }),
            rec('Opportunity', 'O1', { Name: 'Acme - Platform', Amount: 10000 })
          ]
        }
      })
    ]
  },
  {
    q: `SELECT Name, (SELECT Name FROM ManagedUsers ORDER BY Name) FROM User WHERE Id = '${ID.U1}'`,
    records: [
      rec('User', 'U1', {
        Name: 'Mara Manager',
        ManagedUsers: {
          totalSize: 2,
          done: true,
          records: [
            rec('User', 'U2', { Name: 'Rick Rep' }),
            rec('User', 'U3', { Name: 'Sue Seller' })
          ]
        }
      })
    ]
  },
  {
    q: `SELECT Name, (SELECT Subject FROM Tasks) FROM Contact WHERE Id = '${ID.C2}'`,
    records: [
      rec('Contact', 'C2', {
        Name: 'Bob Baker',
        Tasks: {
          totalSize: 1,
          done: true,
          records: [rec('Task', 'T3', { Subject: 'Meeting prep' })]
        }
      })
    ]
  },
  {
    q: `SELECT Name, (SELECT Name, Risk_Flags__c FROM Deal_Insights__r) FROM Opportunity WHERE Id = '${ID.O1}'`,
    records: [
      rec('Opportunity', 'O1', {
        Name: 'Acme - Platform',
        Deal_Insights__r: {
          totalSize: 1,
          done: true,
          records: [rec('Deal_Insight__c', 'D1', { Name: 'DI-1', Risk_Flags__c: 'STALE;PUSHED' })]
        }
      })
    ]
  },
  {
    q: 'SELECT Id, (SELECT Id FROM Foos) FROM Opportunity',
    error: ['INVALID_TYPE', "Didn't understand relationship 'Foos' in FROM part of query call"]
  },
  {
    q: 'SELECT Id, (SELECT Id, (SELECT Id FROM Tasks) FROM Opportunities) FROM Account',
    error: refused('a subquery inside a subquery')
  },

  // ------------------------------------------------------------ ORDER BY, LIMIT, OFFSET
  { q: 'SELECT Id FROM Account ORDER BY Name', names: ['A5', 'A1', 'A2', 'A3', 'A4'] },
  { q: 'SELECT Id FROM Account ORDER BY Name DESC', names: ['A4', 'A3', 'A2', 'A1', 'A5'] },
  { q: 'SELECT Id FROM Account ORDER BY Industry, Name', names: ['A3', 'A2', 'A5', 'A1', 'A4'] },
  {
    // Nulls first by default in either direction: Initech (no industry), then Technology (Acme,
    // O'Brien by name), Retail, Manufacturing, down the picklist's order.
    q: 'SELECT Id FROM Account ORDER BY Industry DESC, Name',
    names: ['A3', 'A1', 'A4', 'A5', 'A2']
  },
  {
    q: 'SELECT Id FROM Account ORDER BY Industry ASC NULLS LAST, Name',
    names: ['A2', 'A5', 'A1', 'A4', 'A3']
  },
  {
    q: 'SELECT Id FROM Account ORDER BY Industry DESC NULLS FIRST, Name',
    names: ['A3', 'A1', 'A4', 'A5', 'A2']
  },
  // O5 has no amount, so it comes first; then 60,000 (O12) and 40,000 (O4).
  { q: 'SELECT Id FROM Opportunity ORDER BY Amount DESC LIMIT 3', names: opp('5', '12', '4') },
  { q: 'SELECT Id FROM Opportunity ORDER BY Amount ASC LIMIT 3', names: opp('5', '8', '15') },
  {
    q: 'SELECT Id FROM Opportunity ORDER BY Amount DESC NULLS FIRST LIMIT 2',
    names: opp('5', '12')
  },
  // O5 (null), O12, then from the third: O4 40,000 and O2 25,000.
  { q: 'SELECT Id FROM Opportunity ORDER BY Amount DESC LIMIT 2 OFFSET 2', names: opp('4', '2') },
  { q: 'SELECT Id FROM Account ORDER BY Name OFFSET 20', names: [] },
  {
    q: 'SELECT Id FROM Opportunity ORDER BY StageName, Name',
    names: opp('1', '8', '5', '9', '6', '13', '14', '12', '3', '2', '10', '7', '4', '11', '15')
  },
  {
    q: 'SELECT Id FROM Contact ORDER BY Account.Name, LastName',
    names: ['C5', 'C1', 'C2', 'C3', 'C4', 'C6']
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE IsClosed = true ORDER BY CloseDate DESC',
    names: opp('2', '4', '7', '10', '11', '15')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CreatedDate = THIS_MONTH ORDER BY CreatedDate',
    names: opp('8', '9', '14', '13', '4', '3')
  },
  {
    q: 'SELECT Id FROM Contact ORDER BY Title, LastName',
    names: ['C4', 'C3', 'C1', 'C6', 'C2', 'C5']
  },
  { q: 'SELECT Id FROM User ORDER BY IsActive, Name', names: ['U3', 'U1', 'U2'] },
  {
    // O9 has no account (null name first), then Initech's O5 (no amount first), O6 12,000 and
    // O12 60,000.
    q: 'SELECT Id FROM Opportunity WHERE IsClosed = false ORDER BY Account.Name DESC, Amount LIMIT 4',
    names: opp('9', '5', '6', '12')
  },
  {
    q: 'SELECT Id FROM Deal_Insight__c ORDER BY Risk_Flags__c',
    error: ['MALFORMED_QUERY', 'ORDER BY cannot use multi-select picklist field Risk_Flags__c']
  },
  {
    q: 'SELECT Id FROM Account LIMIT 10 OFFSET 2001',
    error: ['NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000']
  },

  // ------------------------------------------------------------ date literals on a date field
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = TODAY', names: opp('1') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = YESTERDAY', names: opp('2') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = TOMORROW', names: opp('3') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = THIS_WEEK', names: opp('1', '2', '3') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = LAST_WEEK', names: opp('4') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = NEXT_WEEK', names: opp('5') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate = THIS_MONTH',
    names: opp('1', '2', '3', '4', '5')
  },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = LAST_MONTH', names: opp('6') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = NEXT_MONTH', names: opp('8') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate = THIS_QUARTER',
    names: opp('1', '2', '3', '4', '5', '6', '8')
  },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = LAST_QUARTER', names: opp('7') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = NEXT_QUARTER', names: opp('12', '14') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate = THIS_YEAR',
    names: opp('1', '2', '3', '4', '5', '6', '7', '8', '12', '14')
  },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = LAST_YEAR', names: opp('10', '11') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = NEXT_YEAR', names: opp('13') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate = LAST_90_DAYS',
    names: opp('1', '2', '4', '6', '7')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate = NEXT_90_DAYS',
    names: opp('3', '5', '8', '12', '14')
  },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_DAYS:7', names: opp('1', '2', '4') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_DAYS:1', names: opp('1', '2') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = NEXT_N_DAYS:5', names: opp('3', '5') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = N_DAYS_AGO:7', names: opp('4') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_MONTHS:2', names: opp('6', '7') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate = NEXT_N_MONTHS:3',
    names: opp('8', '12', '14')
  },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = N_MONTHS_AGO:1', names: opp('6') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_WEEKS:2', names: opp('4', '6') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = NEXT_N_WEEKS:1', names: opp('5') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = N_WEEKS_AGO:1', names: opp('4') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_QUARTERS:2', names: opp('7', '10') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = NEXT_N_QUARTERS:2', names: opp('12', '14') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_YEARS:2',
    names: opp('10', '11', '15')
  },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = NEXT_N_YEARS:1', names: opp('13') },
  { q: 'SELECT Id FROM Opportunity WHERE CloseDate = N_YEARS_AGO:2', names: opp('15') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate < THIS_MONTH',
    names: opp('6', '7', '10', '11', '15')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate > THIS_MONTH',
    names: opp('8', '12', '13', '14')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate >= NEXT_WEEK',
    names: opp('5', '8', '12', '13', '14')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate <= YESTERDAY',
    names: opp('2', '4', '6', '7', '10', '11', '15')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate != THIS_MONTH',
    names: opp('6', '7', '8', '9', '10', '11', '12', '13', '14', '15')
  },

  // ------------------------------------------------------------ date literals on a datetime field
  { q: 'SELECT Id FROM Opportunity WHERE CreatedDate = TODAY', names: opp('3') },
  { q: 'SELECT Id FROM Opportunity WHERE CreatedDate = YESTERDAY', names: opp('4') },
  { q: 'SELECT Id FROM Opportunity WHERE CreatedDate = THIS_WEEK', names: opp('3', '4', '13') },
  { q: 'SELECT Id FROM Opportunity WHERE CreatedDate = LAST_WEEK', names: opp('9', '14') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CreatedDate = LAST_90_DAYS',
    names: opp('3', '4', '5', '6', '8', '9', '13', '14')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE CreatedDate < THIS_YEAR',
    names: opp('2', '7', '10', '11', '15')
  },
  { q: 'SELECT Id FROM Opportunity WHERE CreatedDate > LAST_WEEK', names: opp('3', '4', '13') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CreatedDate = LAST_N_DAYS:5',
    names: opp('3', '4', '9', '13', '14')
  },
  { q: 'SELECT Id FROM Opportunity WHERE CreatedDate = N_DAYS_AGO:4', names: opp('14') },
  {
    q: 'SELECT Id FROM Opportunity WHERE Name = TODAY',
    error: ['INVALID_FIELD', "field 'Name' must be of type string"]
  },

  // ------------------------------------------------------------ date functions in WHERE
  { q: 'SELECT Id FROM Opportunity WHERE CALENDAR_YEAR(CloseDate) = 2023', names: opp('10', '11') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CALENDAR_MONTH(CloseDate) = 5',
    names: opp('1', '2', '3', '4', '5', '11')
  },
  { q: 'SELECT Id FROM Opportunity WHERE CALENDAR_QUARTER(CloseDate) = 3', names: opp('12', '14') },
  { q: 'SELECT Id FROM Opportunity WHERE DAY_IN_WEEK(CloseDate) = 1', names: opp('7') },
  { q: 'SELECT Id FROM Opportunity WHERE DAY_ONLY(CreatedDate) = 2024-05-14', names: opp('4') },
  {
    q: 'SELECT Id FROM Opportunity WHERE HOUR_IN_DAY(CreatedDate) = 23',
    names: opp('4', '7', '14')
  },
  {
    q: 'SELECT Id FROM Opportunity WHERE DAY_IN_MONTH(CloseDate) = 15',
    names: opp('1', '10', '11', '13')
  },

  // ------------------------------------------------------------ COUNT() and aggregate functions
  { q: 'SELECT COUNT() FROM Opportunity', totalSize: 15, records: [], columns: [] },
  { q: 'SELECT COUNT() FROM Opportunity WHERE IsWon = true', totalSize: 3, records: [] },
  { q: 'SELECT COUNT() FROM Account LIMIT 2', totalSize: 2, records: [] },
  { q: 'SELECT COUNT(Id) FROM Opportunity', records: [agg({ expr0: 15 })] },
  { q: 'SELECT COUNT(Amount) FROM Opportunity', records: [agg({ expr0: 14 })] },
  {
    q: 'SELECT COUNT(CloseDate), COUNT(NextStep) FROM Opportunity',
    records: [agg({ expr0: 14, expr1: 6 })]
  },
  { q: 'SELECT SUM(Amount) FROM Opportunity', records: [agg({ expr0: 208000.5 })] },
  { q: 'SELECT AVG(Amount) avg FROM Opportunity', records: [agg({ avg: 208000.5 / 14 })] },
  {
    q: 'SELECT MIN(Amount), MAX(Amount) FROM Opportunity',
    records: [agg({ expr0: 0, expr1: 60000 })]
  },
  {
    q: 'SELECT MIN(CloseDate), MAX(CloseDate) FROM Opportunity',
    records: [agg({ expr0: '2022-12-31', expr1: '2025-01-15' })]
  },
  {
    q: 'SELECT MAX(CreatedDate) FROM Opportunity',
    records: [agg({ expr0: '2024-05-15T08:30:00.000+0000' })]
  },
  {
    q: 'SELECT MIN(StageName), MAX(StageName) FROM Opportunity',
    records: [agg({ expr0: 'Prospecting', expr1: 'Closed Lost' })]
  },
  { q: 'SELECT MIN(Name) FROM Account', records: [agg({ expr0: '100% Natural_Foods' })] },
  { q: 'SELECT COUNT_DISTINCT(AccountId) FROM Opportunity', records: [agg({ expr0: 5 })] },
  { q: 'SELECT COUNT_DISTINCT(StageName) FROM Opportunity', records: [agg({ expr0: 10 })] },
  {
    q: 'SELECT StageName, COUNT(Id) FROM Opportunity WHERE IsClosed = true GROUP BY StageName ORDER BY StageName',
    records: [
      agg({ StageName: 'Closed Won', expr0: 3 }),
      agg({ StageName: 'Closed Lost', expr0: 3 })
    ]
  },
  {
    q: 'SELECT OwnerId, SUM(Amount) total FROM Opportunity GROUP BY OwnerId ORDER BY SUM(Amount) DESC',
    records: [
      agg({ OwnerId: ID.U3, total: 107500.5 }),
      agg({ OwnerId: ID.U2, total: 70500 }),
      agg({ OwnerId: ID.U1, total: 30000 })
    ]
  },
  {
    q: "SELECT LeadSource, MAX(Amount), MIN(Amount) lo, SUM(Amount) FROM Opportunity WHERE LeadSource = 'Partner Referral' GROUP BY LeadSource",
    records: [agg({ LeadSource: 'Partner Referral', expr0: 60000, lo: 5000, expr1: 90000 })],
    columns: ['LeadSource', 'expr0', 'lo', 'expr1']
  },
  {
    q: 'SELECT LeadSource, COUNT(Id) c FROM Opportunity GROUP BY LeadSource ORDER BY LeadSource NULLS FIRST',
    records: [
      agg({ LeadSource: null, c: 5 }),
      agg({ LeadSource: 'Web', c: 6 }),
      agg({ LeadSource: 'Phone Inquiry', c: 1 }),
      agg({ LeadSource: 'Partner Referral', c: 3 })
    ]
  },
  {
    q: 'SELECT AccountId, COUNT(Id) n FROM Opportunity GROUP BY AccountId HAVING COUNT(Id) > 3 ORDER BY AccountId',
    records: [agg({ AccountId: ID.A1, n: 4 }), agg({ AccountId: ID.A2, n: 4 })]
  },
  {
    q: 'SELECT Account.Name, SUM(Amount) FROM Opportunity GROUP BY Account.Name HAVING SUM(Amount) >= 50000 ORDER BY Account.Name',
    records: [
      agg({ Name: 'Acme Corp', expr0: 68000 }),
      agg({ Name: 'Globex', expr0: 51000.5 }),
      agg({ Name: 'Initech', expr0: 72000 })
    ]
  },
  {
    q: "SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY StageName HAVING StageName LIKE 'Closed%' ORDER BY COUNT(Id) DESC, StageName",
    records: [
      agg({ StageName: 'Closed Won', expr0: 3 }),
      agg({ StageName: 'Closed Lost', expr0: 3 })
    ]
  },
  {
    q: 'SELECT IsClosed, IsWon, COUNT(Id) FROM Opportunity GROUP BY IsClosed, IsWon ORDER BY IsClosed, IsWon',
    records: [
      agg({ IsClosed: false, IsWon: false, expr0: 9 }),
      agg({ IsClosed: true, IsWon: false, expr0: 3 }),
      agg({ IsClosed: true, IsWon: true, expr0: 3 })
    ]
  },
  {
    q: 'SELECT CALENDAR_YEAR(CloseDate) y, COUNT(Id) n FROM Opportunity WHERE CloseDate != null GROUP BY CALENDAR_YEAR(CloseDate) ORDER BY CALENDAR_YEAR(CloseDate)',
    records: [
      agg({ y: 2022, n: 1 }),
      agg({ y: 2023, n: 2 }),
      agg({ y: 2024, n: 10 }),
      agg({ y: 2025, n: 1 })
    ]
  },
  {
    q: 'SELECT CALENDAR_MONTH(CloseDate), SUM(Amount) FROM Opportunity WHERE CALENDAR_YEAR(CloseDate) = 2024 GROUP BY CALENDAR_MONTH(CloseDate) ORDER BY CALENDAR_MONTH(CloseDate)',
    records: [
      agg({ expr0: 3, expr1: 5000 }),
      agg({ expr0: 4, expr1: 12000 }),
      agg({ expr0: 5, expr1: 82500.5 }),
      agg({ expr0: 6, expr1: 0 }),
      agg({ expr0: 7, expr1: 9000 }),
      agg({ expr0: 8, expr1: 60000 })
    ]
  },
  {
    q: 'SELECT DAY_ONLY(CreatedDate) d, COUNT(Id) FROM Opportunity WHERE CreatedDate = THIS_WEEK GROUP BY DAY_ONLY(CreatedDate) ORDER BY DAY_ONLY(CreatedDate)',
    records: [
      agg({ d: '2024-05-12', expr0: 1 }),
      agg({ d: '2024-05-14', expr0: 1 }),
      agg({ d: '2024-05-15', expr0: 1 })
    ]
  },
  {
    q: 'SELECT COUNT(Id), SUM(Amount) FROM Opportunity WHERE Amount > 1000000',
    records: [agg({ expr0: 0, expr1: null })]
  },
  {
    q: 'SELECT StageName, COUNT(Id) FROM Opportunity WHERE Amount > 1000000 GROUP BY StageName',
    records: []
  },
  {
    q: 'SELECT Owner.Name, COUNT(Id) FROM Opportunity GROUP BY Owner.Name ORDER BY Owner.Name',
    records: [
      agg({ Name: 'Mara Manager', expr0: 4 }),
      agg({ Name: 'Rick Rep', expr0: 7 }),
      agg({ Name: 'Sue Seller', expr0: 4 })
    ]
  },
  {
    q: 'SELECT Type FROM Opportunity GROUP BY Type ORDER BY Type NULLS LAST',
    records: [
      agg({ Type: 'Existing Customer - Upgrade' }),
      agg({ Type: 'New Customer' }),
      agg({ Type: null })
    ]
  },
  {
    q: 'SELECT StageName, SUM(Amount) s FROM Opportunity GROUP BY StageName ORDER BY SUM(Amount) DESC LIMIT 2',
    // Qualification's only deal (O5) has no amount: its SUM is null, and nulls come first.
    records: [
      agg({ StageName: 'Qualification', s: null }),
      agg({ StageName: 'Proposal/Price Quote', s: 60000 })
    ]
  },
  {
    q: 'SELECT Name, COUNT(Id) FROM Opportunity',
    error: ['MALFORMED_QUERY', 'Field must be grouped or aggregated: Name']
  },
  {
    q: 'SELECT StageName, Name, COUNT(Id) FROM Opportunity GROUP BY StageName',
    error: ['MALFORMED_QUERY', 'Field must be grouped or aggregated: Name']
  },
  {
    q: 'SELECT SUM(Name) FROM Opportunity',
    error: ['MALFORMED_QUERY', 'field Name does not support aggregate operator SUM']
  },
  {
    q: 'SELECT COUNT(), Name FROM Opportunity',
    error: ['MALFORMED_QUERY', 'COUNT() must be the only element in the SELECT list']
  },
  {
    q: 'SELECT Name n FROM Account',
    error: ['MALFORMED_QUERY', 'Only aggregate expressions use field aliasing']
  },

  // ------------------------------------------------------------ refused by name
  { q: 'SELECT TYPEOF What WHEN Account THEN Name END FROM Task', error: refused('TYPEOF') },
  { q: 'SELECT Id FROM Account WITH SECURITY_ENFORCED', error: refused('WITH SECURITY_ENFORCED') },
  { q: 'SELECT Id FROM Account WITH USER_MODE', error: refused('WITH USER_MODE') },
  { q: 'SELECT Id FROM Account WITH SYSTEM_MODE', error: refused('WITH SYSTEM_MODE') },
  {
    q: 'SELECT Id FROM Account WITH DATA CATEGORY Geography__c AT usa__c',
    error: refused('WITH DATA CATEGORY')
  },
  { q: 'SELECT Id FROM Account FOR UPDATE', error: refused('FOR UPDATE') },
  { q: 'SELECT Id FROM Account FOR VIEW', error: refused('FOR VIEW') },
  { q: 'SELECT Id FROM Account FOR REFERENCE', error: refused('FOR REFERENCE') },
  { q: 'SELECT Id FROM Account UPDATE TRACKING', error: refused('UPDATE TRACKING') },
  { q: 'SELECT Id FROM Account USING SCOPE mine', error: refused('USING SCOPE') },
  {
    q: 'SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY ROLLUP(StageName)',
    error: refused('GROUP BY ROLLUP')
  },
  {
    q: 'SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY CUBE(StageName)',
    error: refused('GROUP BY CUBE')
  },
  { q: 'SELECT FORMAT(Amount) FROM Opportunity', error: refused('FORMAT()') },
  { q: 'SELECT convertCurrency(Amount) FROM Opportunity', error: refused('convertCurrency()') },
  { q: 'SELECT toLabel(StageName) FROM Opportunity', error: refused('toLabel()') },
  {
    q: 'SELECT HOUR_IN_DAY(convertTimezone(CreatedDate)), COUNT(Id) FROM Opportunity GROUP BY HOUR_IN_DAY(convertTimezone(CreatedDate))',
    error: refused('convertTimezone()')
  },
  { q: 'SELECT FIELDS(ALL) FROM Account LIMIT 200', error: refused('FIELDS(ALL)') },
  { q: 'SELECT FIELDS(STANDARD) FROM Account', error: refused('FIELDS(STANDARD)') },
  { q: 'FIND {Acme} IN ALL FIELDS RETURNING Account(Name)', error: refused('SOSL') },
  {
    q: 'SELECT Id FROM Opportunity WHERE CloseDate = THIS_FISCAL_QUARTER',
    error: refused('date literal THIS_FISCAL_QUARTER')
  },
  {
    q: 'SELECT FISCAL_YEAR(CloseDate), COUNT(Id) FROM Opportunity GROUP BY FISCAL_YEAR(CloseDate)',
    error: refused('FISCAL_YEAR()')
  },
  { q: 'SELECT Id FROM Opportunity WHERE Amount > USD5000', error: refused('currency-prefixed') },
  {
    q: 'SELECT COUNT() FROM Opportunity GROUP BY StageName',
    error: refused('COUNT() with GROUP BY')
  },
  { q: 'SELECT Id FROM', error: ['MALFORMED_QUERY', 'unexpected token'] }
];

const store = fixtureStore();

function run(q: string, all = false) {
  const prepared = prepareSoql(q, store, { now: NOW, userId: ID.U1, includeDeleted: all });
  return { prepared, rows: [...prepared.rows()], totalSize: prepared.totalSize() };
}

/** ORDER BY of the outer query (not one inside a subquery's parentheses). */
const ordered = (q: string) => /\bORDER BY\b[^)]*$/i.test(q);

/** How a query ends: the error it raised (code, HTTP status, message), or 'accepted'. */
function refusal(q: string, all?: boolean) {
  try {
    run(q, all);
    return 'accepted';
  } catch (e) {
    const err = e as ApiError;
    return {
      isApiError: e instanceof ApiError,
      code: err.errorCode,
      status: err.statusCode,
      message: err.message
    };
  }
}

/** Names in the order that matters: as returned under an outer ORDER BY, else sorted. */
const inOrder = (q: string, names: string[]) => (ordered(q) ? names : [...names].sort());

describe('SOQL conformance', () => {
  const refused = CASES.filter((c) => c.error);
  const answered = CASES.filter((c) => !c.error);

  test.each(refused.map((c) => [c.q, c] as const))('%s is refused', (_q, c) => {
    const [code, message] = c.error as [string, string];
    expect(refusal(c.q, c.all)).toEqual({
      isApiError: true,
      code,
      status: 400,
      message: expect.stringContaining(message)
    });
  });

  test.each(answered.map((c) => [c.q, c] as const))('%s', (_q, c) => {
    const { prepared, rows, totalSize } = run(c.q, c.all);
    // Each case states what it checks; what it leaves out is compared as undefined.
    expect({
      names:
        c.names &&
        inOrder(
          c.q,
          rows.map((r) => NAME[r.Id as string] ?? String(r.Id))
        ),
      records: c.records && rows,
      // Keys in SELECT order, as Salesforce writes them (toEqual ignores key order).
      keys: c.records && rows.map((r) => Object.keys(r)),
      columns: c.columns && prepared.columns,
      totalSize
    }).toEqual({
      names: c.names && inOrder(c.q, c.names),
      records: c.records,
      keys: c.records && c.records.map((r) => Object.keys(r)),
      columns: c.columns,
      totalSize: c.totalSize ?? rows.length
    });
  });
});

describe('SOQL engine behaviour', () => {
  /** A data source of `count` synthetic opportunities that counts the rows it hands out. */
  function synthetic(count: number) {
    let pulled = 0;
    const source: SoqlDataSource & { pulled(): number } = {
      describe: (name) => store.describe(name),
      *scan() {
        for (let i = 0; i < count; i++) {
          pulled++;
          yield {
            Id: `006000000000${String(i).padStart(6, '0')}`,
            Amount: i % 10,
            Name: `D${i}`
          } as Row;
        }
      },
      getById: () => undefined,
      children: () => [],
      pulled: () => pulled
    };
    return source;
  }

  test('rows() streams: the first records come before the scan goes further', () => {
    const source = synthetic(1_000_000);
    const prepared = prepareSoql('SELECT Id, Name FROM Opportunity WHERE Amount = 3', source, {
      now: NOW,
      userId: ID.U1
    });
    const it = prepared.rows()[Symbol.iterator]();
    const first = [it.next().value, it.next().value];
    expect(first.map((r) => r.Name)).toEqual(['D3', 'D13']);
    expect(source.pulled()).toBe(14);
  });

  test('a semi-join sees rows written after the query was prepared', () => {
    const local = fixtureStore();
    const prepared = prepareSoql(
      'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)',
      local,
      { now: NOW, userId: ID.U1 }
    );
    expect(prepared.totalSize()).toBe(4);
    local.load('Contact', {
      Id: ID.C7,
      IsDeleted: false,
      LastName: 'New',
      AccountId: ID.A5
    } as Row);
    expect([...prepared.rows()].map((r) => NAME[r.Id as string]).sort()).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'A5'
    ]);
  });
});
