import FormFields from 'c/formFields';
import { $, $$, cleanUp, flush, mount } from '../../ldsUtils/__tests__/componentTest';

const OPTIONS = [
  { value: 'a', label: 'A' },
  { value: 'b', label: 'B' }
];
const FIELDS = [
  { name: 'Name', kind: 'input', attributes: { label: 'Headline', maxLength: 80, required: true } },
  { name: 'Body__c', kind: 'textarea', attributes: { label: 'Body', value: 'Hello' } },
  {
    name: 'Kind__c',
    kind: 'combobox',
    attributes: { label: 'Kind', value: 'b', options: OPTIONS }
  },
  {
    name: 'Done__c',
    kind: 'input',
    className: 'slds-m-top_x-small',
    attributes: { type: 'checkbox', label: 'Done', checked: true }
  }
];

describe('c-form-fields', () => {
  afterEach(cleanUp);

  it('renders each field as its base input, in order, in the light DOM of its host', async () => {
    const element = await mount('c-form-fields', FormFields, { fields: FIELDS });
    // Light DOM: no shadow root, the inputs are the host's own children.
    expect(element.shadowRoot).toBeNull();
    const inputs = $$(element, '[data-field]');
    expect(inputs.map((i) => [i.tagName.toLowerCase(), i.dataset.field])).toEqual([
      ['lightning-input', 'Name'],
      ['lightning-textarea', 'Body__c'],
      ['lightning-combobox', 'Kind__c'],
      ['lightning-input', 'Done__c']
    ]);
    const [name, body, kind, done] = inputs;
    expect([name.label, name.maxLength, name.required]).toEqual(['Headline', 80, true]);
    expect([body.label, body.value]).toEqual(['Body', 'Hello']);
    expect([kind.label, kind.value, kind.options]).toEqual(['Kind', 'b', OPTIONS]);
    expect([done.type, done.checked]).toEqual(['checkbox', true]);
    // Each input in a block of its own, which the field's className styles.
    expect(done.parentElement.className).toBe('slds-m-top_x-small');
    expect(name.parentElement.className).toBe('');
    await expect(element).toBeAccessible();
  });

  it("fires fieldchange with the changed field's name, value and checked", async () => {
    const element = await mount('c-form-fields', FormFields, { fields: FIELDS });
    const changes = [];
    element.addEventListener('fieldchange', (e) => changes.push(e.detail));
    $(element, '[data-field="Kind__c"]').dispatchEvent(
      new CustomEvent('change', { detail: { value: 'a' } })
    );
    $(element, '[data-field="Done__c"]').dispatchEvent(
      new CustomEvent('change', { detail: { checked: false } })
    );
    await flush();
    expect(changes).toEqual([
      { name: 'Kind__c', value: 'a', checked: undefined },
      { name: 'Done__c', value: undefined, checked: false }
    ]);
  });
});
