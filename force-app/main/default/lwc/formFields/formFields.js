import { LightningElement, api } from 'lwc';

/**
 * Presentation component: a form's fields, described as data by the container, each a base
 * input (`lightning-input`, `-textarea` or `-combobox`) with `data-field` set to its name, in a
 * block of its own (`className` styles the block).
 * Rendered in light DOM so the inputs stay in the container's tree: the container (and its tests)
 * read, check and focus them with `[data-field="…"]` as if it had written them itself.
 * Fires `fieldchange` with `{ name, value, checked }` when one changes.
 */
export default class FormFields extends LightningElement {
  static renderMode = 'light';

  /**
   * The fields in order: `{ name, kind: 'input' | 'textarea' | 'combobox', className?, attributes }`,
   * `attributes` the input's own (label, value, type, checked, options, required, maxLength…).
   */
  @api fields = [];

  get items() {
    return (this.fields || []).map((f) => ({
      ...f,
      combobox: f.kind === 'combobox',
      textarea: f.kind === 'textarea',
      // The input's own properties and its change handler: lwc:spread sets an `onchange` key as
      // the element's handler without binding it, hence the arrow function below
      // (https://developer.salesforce.com/docs/platform/lwc/guide/create-components-spread-properties.html).
      props: { ...f.attributes, onchange: this.handleChange }
    }));
  }

  handleChange = (event) => {
    const { value, checked } = event.detail || {};
    const detail = { name: event.target.dataset.field, value, checked };
    this.dispatchEvent(new CustomEvent('fieldchange', { detail }));
  };
}
