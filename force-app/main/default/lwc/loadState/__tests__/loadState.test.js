import LoadState from 'c/loadState';
import { $, cleanUp, mount } from '../../ldsUtils/__tests__/componentTest';

const labels = { ERROR_TITLE: 'The team could not be loaded.', LOADING: 'Loading your team…' };

describe('c-load-state', () => {
  afterEach(cleanUp);

  it.each([
    ['one error', { body: { message: 'No access' } }],
    ['a list of errors', [{ message: 'Bad query' }]]
  ])('shows the error panel with the sentence and %s, even while loading', async (_, errors) => {
    const element = await mount('c-load-state', LoadState, { labels, errors, loading: true });
    const panel = $(element, 'c-error-panel');
    expect(panel.friendlyMessage).toBe('The team could not be loaded.');
    expect(panel.errors).toEqual(errors);
    expect($(element, 'c-loading-status')).toBeNull();
    expect($(element, 'slot')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the loading status while loading without errors (an empty list is none)', async () => {
    const element = await mount('c-load-state', LoadState, { labels, errors: [], loading: true });
    expect($(element, 'c-error-panel')).toBeNull();
    expect($(element, 'c-loading-status').label).toBe('Loading your team…');
    expect($(element, 'slot')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows the container's own markup once loaded", async () => {
    const element = await mount('c-load-state', LoadState, {
      labels,
      errors: null,
      loading: false
    });
    expect($(element, 'c-error-panel')).toBeNull();
    expect($(element, 'c-loading-status')).toBeNull();
    expect($(element, 'slot')).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});
