/** The governance meeting cadence: the last meeting held, the next one planned, a warning when late. */
import { LightningElement, api } from 'lwc';
import { formatCount, formatLabel } from 'c/coachLabels';
import TITLE from '@salesforce/label/c.Gov_Cadence_Title';
import LAST from '@salesforce/label/c.Gov_Cadence_Last';
import NEXT from '@salesforce/label/c.Gov_Cadence_Next';
import NONE from '@salesforce/label/c.Gov_Cadence_None';
import OVERDUE from '@salesforce/label/c.Gov_Cadence_Overdue';
import NEVER from '@salesforce/label/c.Gov_Cadence_Never';
import SINCE_ONE from '@salesforce/label/c.Gov_Cadence_Since_One';
import SINCE_OTHER from '@salesforce/label/c.Gov_Cadence_Since_Other';

export default class GovernanceCadence extends LightningElement {
  /** The view's cadence: { lastMeeting, nextMeeting, daysSinceLast, everyDays, overdue }. */
  @api cadence;

  labels = { TITLE, NONE };

  /** The last meeting held (with the days since) and the next one planned. */
  get meetings() {
    const c = this.cadence;
    return [
      { key: 'last-meeting', label: LAST, day: c && c.lastMeeting, since: this.sinceLine },
      { key: 'next-meeting', label: NEXT, day: c && c.nextMeeting, since: null }
    ].map((m) => ({ ...m, labelKey: `${m.key}-label` }));
  }

  get sinceLine() {
    const c = this.cadence;
    if (!c || c.daysSinceLast === null || c.daysSinceLast === undefined) return null;
    return formatCount(c.daysSinceLast, SINCE_ONE, SINCE_OTHER);
  }

  get warning() {
    const c = this.cadence;
    if (!c || !c.overdue) return null;
    return c.lastMeeting ? formatLabel(OVERDUE, [c.everyDays]) : NEVER;
  }
}
