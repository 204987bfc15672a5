/**
 * SOQL conformance of the local org: ORDER BY, LIMIT and OFFSET, date literals and date functions. Expected results are worked out by hand from the
 * fixture (tests/local-org/soql/fixture.ts) and the SOQL and SOSL Reference; the harness and the
 * conventions are in tests/local-org/soql/conformance.ts.
 */
import { conformance, opp, type Case } from './soql/conformance';

const CASES: Case[] = [
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
  }
];

conformance('ORDER BY', CASES);
