/**
 * SOQL conformance of the local org: parent relationships and child subqueries. Expected results are worked out by hand from the
 * fixture (tests/local-org/soql/fixture.ts) and the SOQL and SOSL Reference; the harness and the
 * conventions are in tests/local-org/soql/conformance.ts.
 */
import { conformance, ID, opp, rec, refused, type Case } from './soql/conformance';

const CASES: Case[] = [
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
  }
];

conformance('parent relationships and child subqueries', CASES);
