/**
 * SOQL conformance of the local org: COUNT() and the aggregate functions, GROUP BY, and what the local org refuses by name. Expected results are worked out by hand from the
 * fixture (tests/local-org/soql/fixture.ts) and the SOQL and SOSL Reference; the harness and the
 * conventions are in tests/local-org/soql/conformance.ts.
 */
import { agg, conformance, ID, refused, type Case } from './soql/conformance';

const CASES: Case[] = [
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

conformance('COUNT() and the aggregate functions', CASES);
