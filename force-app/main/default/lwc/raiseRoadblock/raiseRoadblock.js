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

export default class RaiseRoadblock extends LightningElement {
  /** Date the roadblock is raised on ('YYYY-MM-DD'); default today. */
  @api asOf;
  /** Managers raise for their own team; reps for their manager's. */
  @api teamIsMine = false;

  labels = {
    TITLE,
    SUBJECT,
    DETAILS,
    BLOCKS_RULE,
    BLOCKS_TEAM,
    DUE,
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
  /** The data-id of what takes focus once the form has opened or closed. */
  focusNext = null;

  subject = '';
  details = '';
  rule = '';
  team = false;
  due = null;

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

  get ruleOptions() {
    return [
      { label: BLOCKS_NONE, value: '' },
      ...COACHING_CONFIG.nudges.catalogue.map((n) => ({ label: getLabel(n.label), value: n.key }))
    ];
  }

  get hasMine() {
    return Boolean(this.mine) && this.mine.length > 0;
  }

  get cannotSubmit() {
    return this.saving || this.subject.trim() === '';
  }

  handleOpen() {
    this.formOpen = true;
    this.focusNext = 'subject';
  }

  handleClose() {
    this.formOpen = false;
    this.focusNext = 'open-form';
  }

  handleFormKeydown(event) {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      this.handleClose();
    }
  }

  renderedCallback() {
    if (!this.focusNext) return;
    const target = this.template.querySelector(`[data-id="${this.focusNext}"]`);
    if (target) {
      target.focus();
      this.focusNext = null;
    }
  }

  handleSubject(event) {
    this.subject = event.detail.value || '';
  }

  handleDetails(event) {
    this.details = event.detail.value || '';
  }

  handleRule(event) {
    this.rule = event.detail.value || '';
  }

  handleTeam(event) {
    this.team = event.detail.checked;
  }

  handleDue(event) {
    this.due = event.detail.value || null;
  }

  async handleSubmit(event) {
    event.preventDefault();
    if (this.cannotSubmit) return;
    this.saving = true;
    const teamManager = this.teamIsMine ? USER_ID : this.managerId;
    const fields = {
      Subject__c: this.subject.trim(),
      Description__c: this.details.trim() || null,
      Status__c: 'Open',
      Blocked_Rule__c: this.rule || null,
      Blocked_Team__c: this.team && teamManager ? teamManager : null,
      Raised_On__c: resolveAsOf(this.asOf),
      Due_Date__c: this.due
    };
    const save = async () => {
      await createRecord({ apiName: 'Roadblock__c', fields });
      this.subject = '';
      this.details = '';
      this.rule = '';
      this.team = false;
      this.due = null;
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
