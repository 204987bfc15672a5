/**
 * The roadblock register: open roadblocks, who raised each, what it blocks, when it was raised
 * and when it is due. With `can-close`, each row has a Close button that fires `close` with the
 * roadblock's id (the container saves it).
 */
import { LightningElement, api } from 'lwc';
import { COACHING_CONFIG } from 'c/coachEngine';
import { formatCount, formatLabel, getLabel } from 'c/coachLabels';
import TITLE from '@salesforce/label/c.Gov_Roadblocks_Title';
import NONE from '@salesforce/label/c.Gov_Roadblocks_None';
import OPEN_ONE from '@salesforce/label/c.Gov_Roadblocks_Open_One';
import OPEN_OTHER from '@salesforce/label/c.Gov_Roadblocks_Open_Other';
import COL_SUBJECT from '@salesforce/label/c.Gov_Col_Subject';
import COL_OWNER from '@salesforce/label/c.Gov_Col_Owner';
import COL_BLOCKS from '@salesforce/label/c.Gov_Col_Blocks';
import COL_STATUS from '@salesforce/label/c.Gov_Col_Status';
import COL_RAISED from '@salesforce/label/c.Gov_Col_Raised';
import COL_DUE from '@salesforce/label/c.Gov_Col_Due';
import COL_ACTION from '@salesforce/label/c.Gov_Col_Action';
import BLOCKS_TEAM from '@salesforce/label/c.Gov_Blocks_Team';
import BLOCKS_RULE from '@salesforce/label/c.Gov_Blocks_Rule';
import STATUS_OPEN from '@salesforce/label/c.Gov_Status_Open';
import STATUS_IN_PROGRESS from '@salesforce/label/c.Gov_Status_In_Progress';
import OVERDUE from '@salesforce/label/c.Gov_Overdue';
import CLOSE from '@salesforce/label/c.Gov_Close';
import CLOSE_NAMED from '@salesforce/label/c.Gov_Close_Named';

const STATUS = { Open: STATUS_OPEN, In_Progress: STATUS_IN_PROGRESS };

/** A tip's words for its nudge key; a rule id or unknown key as it is. */
function ruleText(key) {
  const nudge = COACHING_CONFIG.nudges.catalogue.find((n) => n.key === key);
  return nudge ? getLabel(nudge.label) : key;
}

export default class RoadblockRegister extends LightningElement {
  /** Open roadblocks in the engine's shape (RoadblockRow with `overdue`). */
  @api roadblocks = [];
  /** Roadblocks already closed (a count, for the summary). */
  @api closedCount = 0;
  /** Shows the Close buttons (the sponsor's page). */
  @api canClose = false;
  /** The roadblock being closed: its button is disabled. */
  @api closingId;

  labels = { TITLE, NONE };

  columns = [
    { key: 'subject', label: COL_SUBJECT, wrap: true },
    { key: 'owner', label: COL_OWNER },
    { key: 'blocks', label: COL_BLOCKS, wrap: true },
    { key: 'status', label: COL_STATUS },
    { key: 'raised', label: COL_RAISED, type: 'date' },
    {
      key: 'due',
      label: COL_DUE,
      type: 'date',
      badge: { field: 'overdue', label: OVERDUE, theme: 'warning' }
    }
  ];

  /** With `can-close`, each row ends with its Close button. */
  get closeAction() {
    return this.canClose ? { heading: COL_ACTION, text: CLOSE } : null;
  }

  get rows() {
    return (this.roadblocks || []).map((r) => {
      const blocks = [];
      if (r.Blocked_Team__c)
        blocks.push(formatLabel(BLOCKS_TEAM, [r.BlockedTeamName || r.Blocked_Team__c]));
      if (r.Blocked_Rule__c) blocks.push(formatLabel(BLOCKS_RULE, [ruleText(r.Blocked_Rule__c)]));
      return {
        key: r.Id,
        subject: r.Subject__c || r.Name,
        owner: r.OwnerName || r.OwnerId,
        blocks: blocks.join(' · '),
        status: STATUS[r.Status__c] || r.Status__c,
        raised: r.Raised_On__c,
        due: r.Due_Date__c,
        overdue: r.overdue,
        action: {
          label: formatLabel(CLOSE_NAMED, [r.Subject__c || r.Name]),
          disabled: this.closingId === r.Id
        }
      };
    });
  }

  get hasRows() {
    return this.rows.length > 0;
  }

  get summary() {
    return formatCount(this.rows.length, OPEN_ONE, OPEN_OTHER, [this.closedCount || 0]);
  }

  handleClose(event) {
    this.dispatchEvent(new CustomEvent('close', { detail: { id: event.detail.key } }));
  }
}
