import LoadingStatus from 'c/loadingStatus';
import { cleanUp, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

describe('c-loading-status', () => {
  afterEach(cleanUp);

  it('shows a spinner in a status region that says what is loading', async () => {
    const element = await mountComponent('c-loading-status', LoadingStatus, {
      label: 'Loading your team…'
    });
    const status = element.shadowRoot.querySelector('[role="status"]');
    expect(status.querySelector('lightning-spinner').alternativeText).toBe('Loading your team…');
    expect(status.querySelector('.slds-assistive-text').textContent).toBe('Loading your team…');
    await expect(element).toBeAccessible();
  });
});
