/** The preview's `lightning/platformShowToastEvent`: the page shell shows the toast. */
export const TOAST_EVENT = 'previewshowtoast';

export class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super(TOAST_EVENT, { bubbles: true, composed: true, cancelable: true, detail: toast });
  }
}
