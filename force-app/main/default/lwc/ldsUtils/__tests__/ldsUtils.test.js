import {
  reduceErrors,
  flattenRecord,
  flattenNode,
  nodesOf,
  numberFormatter,
  saveWithToast
} from 'c/ldsUtils';

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

  describe('saveWithToast', () => {
    // A component stand-in: the toasts it dispatches, and what happened in which order.
    function component() {
      const steps = [];
      return {
        steps,
        dispatchEvent: (event) => steps.push(['toast', event.detail])
      };
    }

    it('toasts the success, then runs what follows, and answers no error', async () => {
      const c = component();
      const error = await saveWithToast(c, async () => c.steps.push(['save']), {
        saved: 'Saved',
        message: 'Session with Riley saved',
        failed: 'Not saved',
        after: async () => c.steps.push(['after'])
      });
      expect(error).toBeUndefined();
      expect(c.steps).toEqual([
        ['save'],
        ['toast', { title: 'Saved', message: 'Session with Riley saved', variant: 'success' }],
        ['after']
      ]);
    });

    it('toasts the failure with every message, answers the error and runs nothing after', async () => {
      const c = component();
      const failure = {
        body: { output: { errors: [{ message: 'No access' }, { message: 'Locked' }] } }
      };
      const error = await saveWithToast(c, () => Promise.reject(failure), {
        saved: 'Saved',
        failed: 'Not saved',
        separator: ', ',
        after: async () => c.steps.push(['after'])
      });
      expect(error).toBe(failure);
      expect(c.steps).toEqual([
        ['toast', { title: 'Not saved', message: 'No access, Locked', variant: 'error' }]
      ]);
    });

    it('toasts a failure of what follows the save too, its messages joined by a space', async () => {
      const c = component();
      const error = await saveWithToast(c, async () => {}, {
        saved: 'Closed',
        failed: 'Not closed',
        after: () => Promise.reject([new Error('Refresh failed'), { message: 'Try again' }])
      });
      expect(error).toEqual([new Error('Refresh failed'), { message: 'Try again' }]);
      expect(c.steps).toEqual([
        ['toast', { title: 'Closed', message: '', variant: 'success' }],
        ['toast', { title: 'Not closed', message: 'Refresh failed Try again', variant: 'error' }]
      ]);
    });
  });
});
