/**
 * Managers' coaching held to account: each manager's 1:1s in the coaching window and the share
 * of their reps covered, beside their team's tipping point this week and its change since the
 * week before.
 */
import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/coachLabels';
import TITLE from '@salesforce/label/c.Gov_Coaching_Title';
import NONE from '@salesforce/label/c.Gov_Coaching_None';
import COL_MANAGER from '@salesforce/label/c.Gov_Col_Manager';
import COL_SESSIONS from '@salesforce/label/c.Gov_Col_Sessions';
import COL_COVERED from '@salesforce/label/c.Gov_Col_Covered';
import COL_TIPPING from '@salesforce/label/c.Gov_Col_Tipping';
import COL_CLIMB from '@salesforce/label/c.Gov_Col_Climb';
import COVERED from '@salesforce/label/c.Gov_Covered';
import NO_VALUE from '@salesforce/label/c.Chart_No_Value';
import PCT from '@salesforce/label/c.Gov_Pct';
import CLIMB from '@salesforce/label/c.Gov_Climb';

const signed = (n) => (n > 0 ? `+${n}` : String(n));

export default class ManagerCoaching extends LightningElement {
  /** The view's managers (ManagerCoaching rows). */
  @api managers = [];
  /** Days of the coaching window (the column heading names it). */
  @api windowDays = 30;

  labels = { TITLE, NONE };

  get columns() {
    return [
      { key: 'name', label: COL_MANAGER },
      { key: 'sessions', label: formatLabel(COL_SESSIONS, [this.windowDays]) },
      { key: 'covered', label: COL_COVERED },
      { key: 'tipping', label: COL_TIPPING },
      { key: 'climb', label: COL_CLIMB }
    ];
  }

  get rows() {
    return (this.managers || []).map((m) => ({
      key: m.managerId,
      name: m.name,
      sessions: m.sessions,
      covered: formatLabel(COVERED, [
        m.covered,
        m.reps,
        m.coveredPct === null ? NO_VALUE : m.coveredPct
      ]),
      tipping: m.tippingPointPct === null ? NO_VALUE : formatLabel(PCT, [m.tippingPointPct]),
      climb: m.climb === null ? NO_VALUE : formatLabel(CLIMB, [signed(m.climb)])
    }));
  }

  get hasRows() {
    return this.rows.length > 0;
  }
}
