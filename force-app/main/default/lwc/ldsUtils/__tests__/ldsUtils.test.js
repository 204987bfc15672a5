import { reduceErrors, flattenRecord, flattenNode, nodesOf, numberFormatter } from 'c/ldsUtils';

describe('c/ldsUtils', () => {
  it('reduces UI API, page, field, GraphQL and plain errors to their messages', () => {
    const errors = [
      { body: [{ message: 'Array body', errorCode: 'X' }] },
      { body: { message: 'Object body' } },
      {
        body: {
          output: {
            errors: [{ message: 'Page error' }],
            fieldErrors: { Name: [{ message: 'Name is required' }] }
          }
        }
      },
      new Error('Plain error'),
      { message: 'GraphQL error' },
      null,
      { statusText: 'Service Unavailable' }
    ];
    expect(reduceErrors(errors)).toEqual([
      'Array body',
      'Object body',
      'Page error',
      'Name is required',
      'Plain error',
      'GraphQL error',
      'Service Unavailable'
    ]);
    expect(reduceErrors(undefined)).toEqual([]);
    expect(reduceErrors({ body: [{ message: '  ' }] })).toEqual([]);
  });

  it('flattens a getRecord result to field values, keeping only returned fields', () => {
    const record = {
      id: '006000000000001AAA',
      fields: { Name: { value: 'Acme' }, Amount: { value: 0 }, NextStep: { value: null } }
    };
    expect(flattenRecord(record)).toEqual({
      Id: '006000000000001AAA',
      Name: 'Acme',
      Amount: 0,
      NextStep: null
    });
    expect(flattenRecord(undefined)).toEqual({});
  });

  it('flattens GraphQL nodes with parent relationships', () => {
    const connection = {
      edges: [
        { node: { Id: 'a', Name: { value: 'Deal' }, Owner: { Name: { value: 'Ana' } } } },
        { node: { Id: 'b', Name: { value: null }, Owner: null } }
      ]
    };
    expect(nodesOf(connection)).toEqual([
      { Id: 'a', Name: 'Deal', 'Owner.Name': 'Ana' },
      { Id: 'b', Name: null, Owner: null }
    ]);
    expect(nodesOf(undefined)).toEqual([]);
    expect(flattenNode(null)).toEqual({});
  });

  it('formats numbers, percents and money as the user writes them (en-US in tests)', () => {
    // 1234.567 with one decimal: 1,234.6; 0.256 as a percent with none: 26%; 9999.5 dollars
    // with none rounds half away from zero: $10,000.
    expect(numberFormatter('number', 1)(1234.567)).toBe('1,234.6');
    expect(numberFormatter('percent', 0)(0.256)).toBe('26%');
    expect(numberFormatter('currency', 0, 'USD')(9999.5)).toBe('$10,000');
    expect(numberFormatter('currency', 2, 'EUR')(12.5)).toBe('€12.50');
  });
});
