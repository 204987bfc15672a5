import { LightningElement, api } from 'lwc';

const DOTTED = 'slds-list_dotted';
const INLINE = 'slds-list_horizontal slds-has-dividers_right slds-wrap slds-m-top_xx-small';

/**
 * Presentation component: a section of a card, its heading (level 3) and a list of short lines,
 * or a sentence when the list is empty. The default slot takes what follows the list.
 */
export default class ItemSection extends LightningElement {
  /** The section's heading. */
  @api heading;
  /** The lines, each `{ key, text }`. */
  @api items = [];
  /** What the section says when there is no line. */
  @api emptyText;
  /** Lines side by side with dividers (facts), rather than a dotted list. */
  @api inline = false;

  get hasItems() {
    return Boolean(this.items && this.items.length);
  }

  get listClass() {
    return this.inline ? INLINE : DOTTED;
  }

  get itemClass() {
    return this.inline ? 'slds-item' : undefined;
  }
}
