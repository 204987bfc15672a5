/**
 * SOQL conformance of the local org: SELECT and FROM, result shapes, comparison operators, AND/OR/NOT and LIKE. Expected results are worked out by hand from the
 * fixture (tests/local-org/soql/fixture.ts) and the SOQL and SOSL Reference; the harness and the
 * conventions are in tests/local-org/soql/conformance.ts.
 */
import { conformance, ID, opp, rec, type Case } from './soql/conformance';

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
  }
];

conformance('SELECT and FROM', CASES);
