import { LightningElement, api } from 'lwc';

/**
 * Presentation component: one rep of the team on a phone, their name (a button that opens their
 * agenda: `repselect` with `{ repId }`, as c-rep-table's rows fire it; it bubbles, so the list
 * listens once for all its cards), their rung and trend, and their figures.
 */
export default class RepCard extends LightningElement {
  /** `{ repId, repName, agendaTitle, stage, trendLabel, metrics: [{ key, label, value, style, digits }] }` */
  @api card;
  /** The org's currency, for the money figures. */
  @api currency;

  handleClick() {
    const detail = { repId: this.card.repId };
    this.dispatchEvent(new CustomEvent('repselect', { detail, bubbles: true }));
  }
}
