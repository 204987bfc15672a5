import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';
import { cleanUp } from '../../ldsUtils/__tests__/componentTest';

describe('c-error-panel', () => {
  afterEach(cleanUp);

  function render(props) {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
  }

  it('shows the friendly message and every error message, accessibly', async () => {
    const element = render({
      friendlyMessage: 'The team could not be loaded.',
      errors: [{ body: { message: 'Insufficient access' } }, new Error('Timeout')]
    });
    await Promise.resolve();
    const alert = element.shadowRoot.querySelector('[role="alert"]');
    expect(alert.querySelector('h2').textContent).toBe('The team could not be loaded.');
    const items = [...element.shadowRoot.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual(['Insufficient access', 'Timeout']);
    await expect(element).toBeAccessible();
  });

  it('falls back to the default title and hides details when there are no messages', async () => {
    const element = render({ errors: null });
    await Promise.resolve();
    expect(element.shadowRoot.querySelector('h2').textContent).toBe('Something went wrong.');
    expect(element.shadowRoot.querySelector('details')).toBeNull();
    await expect(element).toBeAccessible();
  });
});
