import { LightningElement, api } from 'lwc';
import { FEEDBACK_REASONS, TRAINING_REASON } from 'c/coachEngine';
import REASON_LABEL from '@salesforce/label/c.Nudge_Dismiss_Reason';
import COMMENT from '@salesforce/label/c.Nudge_Dismiss_Comment';
import CONFIRM from '@salesforce/label/c.Nudge_Dismiss_Confirm';
import CANCEL from '@salesforce/label/c.Nudge_Dismiss_Cancel';
import LEARN_HOW from '@salesforce/label/c.Nudge_Dismiss_Learn_How';
import HEARD from '@salesforce/label/c.Nudge_Dismiss_Heard';
import REASON_FIT from '@salesforce/label/c.Feedback_Reason_Not_Fit';
import REASON_HOW from '@salesforce/label/c.Feedback_Reason_Dont_Know_How';
import REASON_DONE from '@salesforce/label/c.Feedback_Reason_Done_Elsewhere';

const REASON_LABELS = [REASON_FIT, REASON_HOW, REASON_DONE];

/**
 * Presentation component: why a rep dismisses a nudge (Nudge_Response__c.Reason__c, one of the
 * engine's FEEDBACK_REASONS) and an optional comment. "I don't know how" shows the rule's
 * training link. Fires `dismiss` with { reason, comment } and `cancel`; the nudge saves.
 */
export default class NudgeDismiss extends LightningElement {
  /** The nudge's training link (from the training paths), or null. */
  @api trainingUrl;
  /** True while the container saves. */
  @api saving = false;

  labels = { REASON_LABEL, COMMENT, CONFIRM, CANCEL, LEARN_HOW, HEARD };
  reason = FEEDBACK_REASONS[0];
  options = FEEDBACK_REASONS.map((value, i) => ({ value, label: REASON_LABELS[i] }));

  get showTraining() {
    return this.reason === TRAINING_REASON && !!this.trainingUrl;
  }

  handleReason(event) {
    this.reason = event.detail.value;
  }

  handleConfirm() {
    const comment = this.template.querySelector('[data-field="Comment__c"]').value;
    this.dispatchEvent(
      new CustomEvent('dismiss', {
        detail: {
          reason: this.reason,
          comment: comment && comment.trim() !== '' ? comment.trim() : null
        }
      })
    );
  }

  handleCancel() {
    this.dispatchEvent(new CustomEvent('cancel'));
  }
}
