/**
 * The preview's `lightning-record-edit-form`: the `lightning-input-field`s inside register
 * with it; on submit it fires a cancelable `submit` event with `detail.fields` and, unless the
 * owner handles the save, updates the record and fires `success` or `error`.
 */
import { LightningElement, api } from 'lwc';
import { updateRecord } from 'lightning/uiRecordApi';

export const REGISTER_FIELD = 'previewregisterfield';

export default class RecordEditForm extends LightningElement {
  @api objectApiName;
  @api recordId;

  fields = new Set();

  connectedCallback() {
    this.addEventListener(REGISTER_FIELD, (event) => {
      event.stopPropagation();
      const field = event.detail;
      this.fields.add(field);
      field.bind({ objectApiName: this.objectApiName, recordId: this.recordId }, () =>
        this.fields.delete(field)
      );
    });
  }

  async handleSubmit(event) {
    // The native submit stays inside: the owner hears only the form's own `submit` event.
    event.preventDefault();
    event.stopPropagation();
    const fields = {};
    for (const field of this.fields) fields[field.fieldName()] = field.value();
    const submit = new CustomEvent('submit', { detail: { fields }, cancelable: true });
    this.dispatchEvent(submit);
    if (submit.defaultPrevented) return;
    try {
      const record = await updateRecord({ fields: { Id: this.recordId, ...fields } });
      this.dispatchEvent(new CustomEvent('success', { detail: record }));
    } catch (error) {
      this.dispatchEvent(new CustomEvent('error', { detail: error }));
    }
  }
}
