/**
 * SOQL conformance of the local org: IN and NOT IN, semi- and anti-joins and their restrictions, INCLUDES and EXCLUDES. Expected results are worked out by hand from the
 * fixture (tests/local-org/soql/fixture.ts) and the SOQL and SOSL Reference; the harness and the
 * conventions are in tests/local-org/soql/conformance.ts.
 */
import { conformance, ID, opp, type Case } from './soql/conformance';

const CASES: Case[] = [
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
  }
];

conformance('IN and NOT IN', CASES);
