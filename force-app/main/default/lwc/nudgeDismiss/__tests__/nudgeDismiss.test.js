import NudgeDismiss from 'c/nudgeDismiss';
import { $, cleanUp, flush, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

const mount = (trainingUrl = 'https://example.com/opportunities') =>
  mountComponent('c-nudge-dismiss', NudgeDismiss, { trainingUrl });

describe('c-nudge-dismiss', () => {
  afterEach(cleanUp);

  it('offers the three reasons and sends the chosen one with the comment', async () => {
    const element = await mount();
    const group = $(element, 'lightning-radio-group');
    expect(group.options.map((o) => o.label)).toEqual([
      "Doesn't fit my deals",
      "I don't know how",
      'Already done elsewhere'
    ]);
    const handler = jest.fn();
    element.addEventListener('dismiss', handler);
    group.dispatchEvent(new CustomEvent('change', { detail: { value: 'Already done elsewhere' } }));
    $(element, '[data-field="Comment__c"]').value = '  Logged in the quote tool  ';
    await flush();
    $(element, '[data-action="confirm-dismiss"]').click();
    expect(handler.mock.calls[0][0].detail).toEqual({
      reason: 'Already done elsewhere',
      comment: 'Logged in the quote tool'
    });
    await expect(element).toBeAccessible();
  });

  it('"I don’t know how" shows the rule’s training link; no comment is sent as null', async () => {
    const element = await mount();
    expect($(element, '[data-id="training"]')).toBeNull();
    $(element, 'lightning-radio-group').dispatchEvent(
      new CustomEvent('change', { detail: { value: "I don't know how" } })
    );
    await flush();
    const link = $(element, '[data-id="training"] a');
    expect(link.getAttribute('href')).toBe('https://example.com/opportunities');
    expect(link.textContent).toBe('Learn how in a few minutes');
    const handler = jest.fn();
    element.addEventListener('dismiss', handler);
    $(element, '[data-action="confirm-dismiss"]').click();
    expect(handler.mock.calls[0][0].detail).toEqual({ reason: "I don't know how", comment: null });
    await expect(element).toBeAccessible();
  });

  it('without a training link for the rule, shows none', async () => {
    const element = await mount(null);
    $(element, 'lightning-radio-group').dispatchEvent(
      new CustomEvent('change', { detail: { value: "I don't know how" } })
    );
    await flush();
    expect($(element, '[data-id="training"]')).toBeNull();
    const cancel = jest.fn();
    element.addEventListener('cancel', cancel);
    $(element, '[data-action="cancel-dismiss"]').click();
    expect(cancel).toHaveBeenCalled();
  });
});
