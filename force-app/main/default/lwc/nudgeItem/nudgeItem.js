import { LightningElement, api } from 'lwc';

/**
 * Presentation component: one nudge of the record coach, its text and what's in it for the rep
 * (the WIIFM line), then, as the container says, the in-place edit form of its fields, the
 * dismiss form (c-nudge-dismiss) or its buttons: its actions, snooze and dismiss.
 * Rendered in light DOM so its controls stay in the container's tree (the container's tests and
 * the browser flows find them under `li[data-nudge]`, by `data-key` and `data-action`).
 * Every event carries the nudge's `key`; the container decides and saves:
 * `nudgeaction` `{ key, action }` (the button's name), `snooze` `{ key, days }`, `dismissstart`,
 * `dismiss` `{ key, reason, comment }`, `cancel` (of either form) and `save` `{ key, fields }`.
 */
export default class NudgeItem extends LightningElement {
  static renderMode = 'light';

  /**
   * The nudge as the container shows it:
   * `{ key, text, wiifm, fields, actions: [{ name, label }], editing, dismissing, trainingUrl }`.
   */
  @api nudge;
  /** The texts of the controls: SAVE, CANCEL, SNOOZE, SNOOZE_DAY, SNOOZE_WEEK, DISMISS. */
  @api labels = {};
  /** True while the container saves. */
  @api saving = false;
  /** The record the edit form edits. */
  @api recordId;
  @api objectApiName;

  fire(name, detail = {}) {
    this.dispatchEvent(new CustomEvent(name, { detail: { key: this.nudge.key, ...detail } }));
  }

  handleAction(event) {
    this.fire('nudgeaction', { action: event.target.dataset.action });
  }

  /** The menu's value is the number of days, as text. */
  handleSnooze(event) {
    this.fire('snooze', { days: Number(event.detail.value) });
  }

  handleDismissStart() {
    this.fire('dismissstart');
  }

  handleDismiss(event) {
    const { reason, comment } = event.detail;
    this.fire('dismiss', { reason, comment });
  }

  handleCancel() {
    this.fire('cancel');
  }

  /** The form never saves by itself: the container saves the fields (updateRecord). */
  handleSubmit(event) {
    event.preventDefault();
    this.fire('save', { fields: event.detail.fields });
  }
}
