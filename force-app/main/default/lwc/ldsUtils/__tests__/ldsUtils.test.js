import { reduceErrors, flattenRecord, flattenNode, nodesOf } from 'c/ldsUtils';

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
});
