import TruncatedNotice from 'c/truncatedNotice';
import { cleanUp, mount } from '../../ldsUtils/__tests__/componentTest';

describe('c-truncated-notice', () => {
  afterEach(cleanUp);

  it('says how many rows were read at most (10 pages of 2,000), in a status region', async () => {
    const element = await mount('c-truncated-notice', TruncatedNotice, {
      label: 'Only the first {0} rows were read.'
    });
    const status = element.shadowRoot.querySelector('[role="status"]');
    expect(status.className).toContain('slds-alert_warning');
    expect(status.textContent).toBe('Only the first 20000 rows were read.');
    await expect(element).toBeAccessible();
  });

  it('shows a sentence without a count as it is', async () => {
    const element = await mount('c-truncated-notice', TruncatedNotice, {
      label: 'Some lists are longer than the page reads.'
    });
    expect(element.shadowRoot.textContent).toBe('Some lists are longer than the page reads.');
  });
});
