import TruncatedNotice from 'c/truncatedNotice';
import { cleanUp, mount } from '../../ldsUtils/__tests__/componentTest';

describe('c-truncated-notice', () => {
  afterEach(cleanUp);

  it.each([
    // {0}: the most rows read, 10 pages of 2,000.
    ['Only the first {0} rows were read.', 'Only the first 20000 rows were read.'],
    // A sentence without a count, as it is.
    ['Some lists are longer than the page reads.', 'Some lists are longer than the page reads.']
  ])('warns in a status region: %s', async (label, text) => {
    const element = await mount('c-truncated-notice', TruncatedNotice, { label });
    const status = element.shadowRoot.querySelector('[role="status"]');
    expect(status.classList.contains('slds-alert_warning')).toBe(true);
    expect(status.textContent).toBe(text);
    await expect(element).toBeAccessible();
  });
});
