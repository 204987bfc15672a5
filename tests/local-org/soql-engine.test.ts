/**
 * The local org's SOQL engine beyond conformance: rows stream from the scan, and a semi-join
 * reads the data as it is when the rows are read.
 */
import { prepareSoql } from '../../scripts/local-org/soql';
import type { Row, SoqlDataSource } from '../../scripts/local-org/types';
import { fixtureStore, ID, NAME, NOW } from './soql/fixture';

const store = fixtureStore();

describe('SOQL engine behaviour', () => {
  /** A data source of `count` synthetic opportunities that counts the rows it hands out. */
  function synthetic(count: number) {
    let pulled = 0;
    const source: SoqlDataSource & { pulled(): number } = {
      describe: (name) => store.describe(name),
      *scan(_object, options) {
        for (let i = 0; i < count; i++) {
          pulled++;
          const row = {
            Id: `006000000000${String(i).padStart(6, '0')}`,
            Amount: i % 10,
            Name: `D${i}`
          } as Row;
          if (!options?.where || options.where(row)) yield row;
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
