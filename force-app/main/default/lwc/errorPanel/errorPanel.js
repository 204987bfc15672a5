import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';
import ERROR_TITLE from '@salesforce/label/c.Error_Panel_Title';
import SHOW_DETAILS from '@salesforce/label/c.Error_Panel_Show_Details';

/**
 * Presentation component: renders an error state for any Adoption Coach component.
 * Takes raw LDS / GraphQL / JavaScript errors and shows their messages.
 */
export default class ErrorPanel extends LightningElement {
  /** A sentence for the user, e.g. "The team could not be loaded." */
  @api friendlyMessage;
  /** One error or a list of errors, as LDS, GraphQL or fetch give them. */
  @api errors;

  labels = { SHOW_DETAILS };

  get title() {
    return this.friendlyMessage || ERROR_TITLE;
  }

  get messages() {
    return reduceErrors(this.errors).map((message, index) => ({ key: `e${index}`, message }));
  }

  get hasMessages() {
    return this.messages.length > 0;
  }
}
