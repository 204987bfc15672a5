/**
 * Raise a roadblock (reps and managers): what is in the way, what it blocks (a tip of the
 * coaching, or the whole team) and by when it should be cleared; below, the roadblocks the user
 * raised and where each stands. The sponsor sees them on the governance page. The form opens on
 * demand (its fields mount then, not with the page): focus moves into it, and Escape or Cancel
 * closes it and returns focus to the button that opened it.
 * Data: `lightning/graphql` for the user's own roadblocks and manager, `createRecord` to raise.
 */
import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import USER_ID from '@salesforce/user/Id';
import { COACHING_CONFIG } from 'c/coachEngine';
import { getLabel } from 'c/coachLabels';
import { flattenNode, keepResult, saveWithToast } from 'c/ldsUtils';
import { connectionOf, resolveAsOf } from 'c/managerData';

import TITLE from '@salesforce/label/c.Rb_Title';
import SUBJECT from '@salesforce/label/c.Rb_Subject';
import DETAILS from '@salesforce/label/c.Rb_Details';
import BLOCKS_RULE from '@salesforce/label/c.Rb_Blocks_Rule';
import BLOCKS_NONE from '@salesforce/label/c.Rb_Blocks_None';
import BLOCKS_TEAM from '@salesforce/label/c.Rb_Blocks_Team';
import DUE from '@salesforce/label/c.Rb_Due';
import SUBMIT from '@salesforce/label/c.Rb_Submit';
import RAISED from '@salesforce/label/c.Rb_Raised_Toast';
import RAISE_ERROR from '@salesforce/label/c.Rb_Raise_Error';
import MINE_TITLE from '@salesforce/label/c.Rb_Mine_Title';
import MINE_NONE from '@salesforce/label/c.Rb_Mine_None';
import LOAD_ERROR from '@salesforce/label/c.Rb_Load_Error';
import OPEN from '@salesforce/label/c.Rb_Open';
import CANCEL from '@salesforce/label/c.Rb_Cancel';
import STATUS_OPEN from '@salesforce/label/c.Gov_Status_Open';
import STATUS_IN_PROGRESS from '@salesforce/label/c.Gov_Status_In_Progress';
import STATUS_CLOSED from '@salesforce/label/c.Gov_Status_Closed';

const STATUS = { Open: STATUS_OPEN, In_Progress: STATUS_IN_PROGRESS, Closed: STATUS_CLOSED };

const MINE = gql`
  query myRoadblocks($userId: ID) {
    uiapi {
      query {
        Roadblock__c(
          first: 50
          where: { OwnerId: { eq: $userId } }
          orderBy: { Raised_On__c: { order: DESC }, Id: { order: DESC } }
        ) {
          edges {
            node {
              Id
              Subject__c {
                value
              }
              Status__c {
                value
              }
              Raised_On__c {
                value
              }
              Due_Date__c {
                value
              }
            }
          }
        }
        User(where: { Id: { eq: $userId } }, first: 1) {
          edges {
            node {
              Id
              ManagerId {
                value
              }
            }
          }
        }
      }
    }
  }
`;

/** The form's values by field, as it opens and after a roadblock is raised. */
const EMPTY = {
  Subject__c: '',
  Description__c: '',
  Blocked_Rule__c: '',
  Blocked_Team__c: false,
  Due_Date__c: null
};

export default class RaiseRoadblock extends LightningElement {
  /** Date the roadblock is raised on ('YYYY-MM-DD'); default today. */
  @api asOf;
  /** Managers raise for their own team; reps for their manager's. */
  @api teamIsMine = false;

  labels = {
    TITLE,
    SUBMIT,
    MINE_TITLE,
    MINE_NONE,
    LOAD_ERROR,
    OPEN,
    CANCEL
  };

  variables = { userId: USER_ID };
  mineResult;
  mine;
  managerId = null;
  loadErrors;
  saving = false;
  formOpen = false;
  /** The selector of what takes focus once the form has opened or closed. */
  focusNext = null;
  values = EMPTY;

  @wire(graphql, { query: MINE, variables: '$variables' })
  wiredMine(result) {
    const data = keepResult(this, result, 'loadErrors', 'mineResult');
    if (!data) return;
    const rows = connectionOf(data, 'Roadblock__c');
    this.mine = (rows ? rows.edges : []).map((e) => {
      const r = flattenNode(e.node);
      return {
        key: r.Id,
        subject: r.Subject__c,
        status: STATUS[r.Status__c] || STATUS_OPEN,
        raised: r.Raised_On__c,
        due: r.Due_Date__c
      };
    });
    const user = connectionOf(data, 'User');
    const node = user && user.edges[0] ? flattenNode(user.edges[0].node) : null;
    this.managerId = node && node.ManagerId ? node.ManagerId : null;
  }

  /** What is in the way, the details, the tip it blocks, whether it blocks the team, by when. */
  get fields() {
    const v = this.values;
    const rules = COACHING_CONFIG.nudges.catalogue.map((n) => ({
      label: getLabel(n.label),
      value: n.key
    }));
    return [
      {
        name: 'Subject__c',
        kind: 'input',
        attributes: { label: SUBJECT, value: v.Subject__c, maxLength: 255, required: true }
      },
      {
        name: 'Description__c',
        kind: 'textarea',
        attributes: { label: DETAILS, value: v.Description__c }
      },
      {
        name: 'Blocked_Rule__c',
        kind: 'combobox',
        attributes: {
          label: BLOCKS_RULE,
          value: v.Blocked_Rule__c,
          options: [{ label: BLOCKS_NONE, value: '' }, ...rules]
        }
      },
      {
        name: 'Blocked_Team__c',
        kind: 'input',
        className: 'slds-m-top_x-small',
        attributes: { type: 'checkbox', label: BLOCKS_TEAM, checked: v.Blocked_Team__c }
      },
      {
        name: 'Due_Date__c',
        kind: 'input',
        attributes: { type: 'date', label: DUE, value: v.Due_Date__c }
      }
    ];
  }

  get hasMine() {
    return Boolean(this.mine) && this.mine.length > 0;
  }

  get cannotSubmit() {
    return this.saving || this.values.Subject__c.trim() === '';
  }

  handleOpen() {
    this.formOpen = true;
    this.focusNext = '[data-field="Subject__c"]';
  }

  handleClose() {
    this.formOpen = false;
    this.focusNext = '[data-id="open-form"]';
  }

  handleFormKeydown(event) {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      this.handleClose();
    }
  }

  renderedCallback() {
    if (!this.focusNext) return;
    const target = this.template.querySelector(this.focusNext);
    if (target) {
      target.focus();
      this.focusNext = null;
    }
  }

  handleField(event) {
    const { name, value, checked } = event.detail;
    const taken = name === 'Blocked_Team__c' ? checked : value || EMPTY[name];
    this.values = { ...this.values, [name]: taken };
  }

  async handleSubmit(event) {
    event.preventDefault();
    if (this.cannotSubmit) return;
    this.saving = true;
    const teamManager = this.teamIsMine ? USER_ID : this.managerId;
    const v = this.values;
    const fields = {
      Subject__c: v.Subject__c.trim(),
      Description__c: v.Description__c.trim() || null,
      Status__c: 'Open',
      Blocked_Rule__c: v.Blocked_Rule__c || null,
      Blocked_Team__c: v.Blocked_Team__c && teamManager ? teamManager : null,
      Raised_On__c: resolveAsOf(this.asOf),
      Due_Date__c: v.Due_Date__c
    };
    const save = async () => {
      await createRecord({ apiName: 'Roadblock__c', fields });
      this.values = EMPTY;
      this.handleClose();
    };
    await saveWithToast(this, save, {
      saved: RAISED,
      failed: RAISE_ERROR,
      after: () => this.mineResult?.refresh?.()
    });
    this.saving = false;
  }
}
