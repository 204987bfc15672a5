/**
 * The preview's `lightning-input-field`: registers with its record edit form, reads the field's
 * describe (label, type, picklist values) and the record's current value as the acting user,
 * and renders the matching base input.
 */
import { LightningElement, api } from 'lwc';
import { callApi } from '../../session';

const INPUT_TYPES = {
  date: 'date',
  datetime: 'datetime',
  currency: 'number',
  double: 'number',
  int: 'number',
  percent: 'number',
  email: 'email',
  phone: 'tel',
  url: 'url'
};

export default class InputField extends LightningElement {
  @api fieldName;

  label;
  type;
  options = [];
  value;
  unbind;

  connectedCallback() {
    this.dispatchEvent(
      new CustomEvent('previewregisterfield', {
        bubbles: true,
        detail: {
          fieldName: () => this.fieldName,
          value: () => (this.value === '' ? null : this.value),
          bind: (form, unbind) => {
            this.unbind = unbind;
            this.load(form);
          }
        }
      })
    );
  }

  disconnectedCallback() {
    if (this.unbind) this.unbind();
  }

  async load({ objectApiName, recordId }) {
    const [describe, record] = await Promise.all([
      callApi('GET', `/api/describe/${encodeURIComponent(objectApiName)}`),
      recordId
        ? callApi(
            'GET',
            `/api/records/${encodeURIComponent(recordId)}?optionalFields=${encodeURIComponent(
              `${objectApiName}.${this.fieldName}`
            )}`
          )
        : Promise.resolve(null)
    ]);
    const field = describe.fields.find((f) => f.name === this.fieldName);
    if (!field) return;
    this.type = field.type;
    this.options = (field.picklistValues || []).map((p) => ({ label: p.label, value: p.value }));
    const current = record && record.fields[this.fieldName];
    this.value = current ? current.value : null;
    this.label = field.label;
  }

  get isPicklist() {
    return this.type === 'picklist';
  }

  get isTextarea() {
    return this.type === 'textarea';
  }

  get isCheckbox() {
    return this.type === 'boolean';
  }

  /** The base input's properties: its label and value, with the options, the type or the step. */
  get attributes() {
    const { label, value } = this;
    if (this.isPicklist) return { label, value, options: this.options };
    if (this.isCheckbox) return { type: 'checkbox', label, checked: value };
    if (this.isTextarea) return { label, value };
    const type = INPUT_TYPES[this.type] || 'text';
    return { type, label, value, step: type === 'number' ? 'any' : undefined };
  }

  handleChange(event) {
    this.value = this.isCheckbox ? event.target.checked : event.detail.value;
  }
}
