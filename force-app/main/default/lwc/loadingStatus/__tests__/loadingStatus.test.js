import { createElement } from 'lwc';
import LoadingStatus from 'c/loadingStatus';
import { cleanUp } from '../../ldsUtils/__tests__/componentTest';

describe('c-loading-status', () => {
  afterEach(cleanUp);

  it('shows a spinner in a status region that says what is loading', async () => {
    const element = createElement('c-loading-status', { is: LoadingStatus });
    element.label = 'Loading your team…';
    document.body.appendChild(element);
    await Promise.resolve();
    const status = element.shadowRoot.querySelector('[role="status"]');
    expect(status.querySelector('lightning-spinner').alternativeText).toBe('Loading your team…');
    expect(status.querySelector('.slds-assistive-text').textContent).toBe('Loading your team…');
    await expect(element).toBeAccessible();
  });
});
