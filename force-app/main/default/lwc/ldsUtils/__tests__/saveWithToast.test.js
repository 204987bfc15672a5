import { saveWithToast } from 'c/ldsUtils';

describe('c/ldsUtils saveWithToast', () => {
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
