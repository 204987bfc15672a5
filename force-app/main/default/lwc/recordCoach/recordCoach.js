import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { encodeDefaultFieldValues } from 'lightning/pageReferenceUtils';
import { getRecord, createRecord, updateRecord } from 'lightning/uiRecordApi';
import { gql, graphql } from 'lightning/graphql';
import { NUDGE_RESPONSE_NODE, SNAPSHOTS_OF_USER } from 'c/coachQueries';
import USER_ID from '@salesforce/user/Id';
import NUDGE_RESPONSE from '@salesforce/schema/Nudge_Response__c';
import NUDGE_KEY from '@salesforce/schema/Nudge_Response__c.Nudge_Key__c';
import RECORD_ID from '@salesforce/schema/Nudge_Response__c.Record_Id__c';
import ACTION from '@salesforce/schema/Nudge_Response__c.Action__c';
import REASON from '@salesforce/schema/Nudge_Response__c.Reason__c';
import COMMENT from '@salesforce/schema/Nudge_Response__c.Comment__c';
import SNOOZE_UNTIL from '@salesforce/schema/Nudge_Response__c.Snooze_Until__c';
import {
  COACHING_CONFIG,
  scoreCompleteness,
  nudgeCandidates,
  selectNudges,
  addDays,
  decodeDealInsight,
  decodeSnapshotInsights,
  recordFieldNames,
  trainingUrlOf
} from 'c/coachEngine';
import { getLabel, formatCount, formatLabel } from 'c/coachLabels';
import { reduceErrors, flattenRecord, keepResult, nodesOf, todayIso } from 'c/ldsUtils';
import { shownElsewhere, markShown } from 'c/nudgeLedger';
import TITLE from '@salesforce/label/c.Record_Coach_Title';
import SCORE_TEXT from '@salesforce/label/c.Record_Coach_Score';
import SCORE_RING from '@salesforce/label/c.Record_Coach_Score_Ring';
import ALL_DONE from '@salesforce/label/c.Record_Coach_All_Done';
import NOT_SCORED from '@salesforce/label/c.Record_Coach_Not_Scored';
import BUDGET_USED from '@salesforce/label/c.Record_Coach_Budget_Used';
import MORE_LATER from '@salesforce/label/c.Record_Coach_More_Later';
import FIX from '@salesforce/label/c.Record_Coach_Fix';
import SAVE from '@salesforce/label/c.Record_Coach_Save';
import CANCEL from '@salesforce/label/c.Record_Coach_Cancel';
import LOG_ACTIVITY from '@salesforce/label/c.Record_Coach_Log_Activity';
import OPEN_CONTACT_ROLES from '@salesforce/label/c.Record_Coach_Open_Contact_Roles';
import SNOOZE from '@salesforce/label/c.Record_Coach_Snooze';
import SNOOZE_DAY from '@salesforce/label/c.Record_Coach_Snooze_Day';
import SNOOZE_WEEK from '@salesforce/label/c.Record_Coach_Snooze_Week';
import DISMISS from '@salesforce/label/c.Record_Coach_Dismiss';
import WIIFM_SCOPE from '@salesforce/label/c.Record_Coach_Wiifm_Scope';
import DEAL_HEALTH from '@salesforce/label/c.Record_Coach_Deal_Health';
import PUSH_COUNT_ONE from '@salesforce/label/c.Record_Coach_Push_Count_One';
import PUSH_COUNT_OTHER from '@salesforce/label/c.Record_Coach_Push_Count_Other';
import DAYS_IN_STAGE_ONE from '@salesforce/label/c.Record_Coach_Days_In_Stage_One';
import DAYS_IN_STAGE_OTHER from '@salesforce/label/c.Record_Coach_Days_In_Stage_Other';
import DAYS_SINCE_ACTIVITY_ONE from '@salesforce/label/c.Record_Coach_Days_Since_Activity_One';
import NEVER_PUSHED from '@salesforce/label/c.Record_Coach_Never_Pushed';
import STAGE_TODAY from '@salesforce/label/c.Record_Coach_Stage_Today';
import ACTIVITY_TODAY from '@salesforce/label/c.Record_Coach_Activity_Today';
import DAYS_SINCE_ACTIVITY_OTHER from '@salesforce/label/c.Record_Coach_Days_Since_Activity_Other';
import MANAGER_ASKS from '@salesforce/label/c.Record_Coach_Manager_Asks';
import LOAD_ERROR from '@salesforce/label/c.Record_Coach_Load_Error';
import SAVE_ERROR from '@salesforce/label/c.Record_Coach_Save_Error';
import LOADING from '@salesforce/label/c.Coach_Loading';

const ACTIVITY_FIELDS = new Set(['LastActivityDate']);
const SCORED_OBJECTS = new Set(['Opportunity', 'Account', 'Contact', 'Lead']);
/** The method that handles each of a nudge's buttons (its `data-action`). */
const ACTION_HANDLERS = {
  fix: 'handleFix',
  'log-activity': 'handleLogActivity',
  'contact-roles': 'handleContactRoles'
};

const QUERY = gql`
  query recordCoach($recordId: ID, $recordKey: String, $userId: ID) {
    uiapi {
      query {
        Nudge_Response__c(
          where: { Record_Id__c: { eq: $recordKey } }
          orderBy: { CreatedDate: { order: DESC } }
          first: 200
        ) {
          edges { node { ${NUDGE_RESPONSE_NODE} } }
        }
        Deal_Insight__c(where: { Opportunity__c: { eq: $recordId } }, first: 1) {
          edges {
            node {
              Id
              Risk_Flags__c {
                value
              }
              Push_Count__c {
                value
              }
              Days_In_Stage__c {
                value
              }
              Days_Since_Activity__c {
                value
              }
              Coaching_Questions__c {
                value
              }
            }
          }
        }
        Adoption_Snapshot__c(${SNAPSHOTS_OF_USER}, first: 1) {
          edges {
            node {
              Id
              Insights__c {
                value
              }
            }
          }
        }
      }
    }
  }
`;

/**
 * Container component for record pages (Opportunity, Account, Contact, Lead): the record's
 * completeness score, the nudges to fix it in place with what's in it for the rep, snooze and
 * dismiss, and on opportunities the deal's risk flags with the manager's coaching questions.
 * Reads and writes only through Lightning Data Service; every rule comes from c/coachEngine.
 */
/** A deal-health count in words: its own sentence at 0 (never "moved 0 times"), else singular or plural. */
function countText(count, zero, one, other) {
  return count === 0 ? zero : formatCount(count, one, other);
}

export default class RecordCoach extends NavigationMixin(LightningElement) {
  @api recordId;
  @api objectApiName;
  /** App Builder: how many nudges at most on this page (the daily budget also applies). */
  @api maxNudges = 3;
  /** The day to score as, 'YYYY-MM-DD' (default today); set for previews and tests. */
  @api asOf;

  labels = {
    TITLE,
    SCORE_RING,
    ALL_DONE,
    NOT_SCORED,
    BUDGET_USED,
    MORE_LATER,
    FIX,
    SAVE,
    CANCEL,
    SNOOZE,
    SNOOZE_DAY,
    SNOOZE_WEEK,
    DISMISS,
    DEAL_HEALTH,
    MANAGER_ASKS,
    ERROR_TITLE: LOAD_ERROR,
    SAVE_ERROR,
    LOADING
  };

  record;
  recordError;
  responses = [];
  insight = null;
  insights = null;
  graphqlError;
  graphqlLoaded = false;
  /** Answers given on this page, until the next GraphQL refresh includes them. */
  localResponses = [];
  editingKey = null;
  dismissingKey = null;
  saveError;
  saving = false;

  get day() {
    return this.asOf || todayIso();
  }

  /** The fields the engine scores this object on (the engine's record shapes). */
  get optionalFields() {
    return recordFieldNames(COACHING_CONFIG, this.objectApiName);
  }

  @wire(getRecord, { recordId: '$recordId', optionalFields: '$optionalFields' })
  wiredRecord({ data, error }) {
    this.record = data;
    this.recordError = error;
  }

  get graphqlVariables() {
    return { recordId: this.recordId, recordKey: this.recordId, userId: USER_ID };
  }

  @wire(graphql, { query: QUERY, variables: '$graphqlVariables' })
  wiredCoaching(result) {
    const data = keepResult(this, result, 'graphqlError', 'graphqlResult');
    if (!data) return;
    const query = data.uiapi.query;
    this.graphqlLoaded = true;
    this.responses = nodesOf(query.Nudge_Response__c);
    this.localResponses = [];
    const [insight] = nodesOf(query.Deal_Insight__c);
    this.insight = insight || null;
    const [snapshot] = nodesOf(query.Adoption_Snapshot__c);
    this.insights = snapshot ? decodeSnapshotInsights(snapshot.Insights__c) : null;
  }

  get isSupported() {
    return SCORED_OBJECTS.has(this.objectApiName);
  }

  get isLoading() {
    return !this.record && !this.recordError;
  }

  get errors() {
    return [this.recordError, this.graphqlError].filter((e) => !!e);
  }

  get hasError() {
    return this.errors.length > 0;
  }

  /** The record as the engine reads it: only the fields LDS returned (FLS applied). */
  get flatRecord() {
    return flattenRecord(this.record);
  }

  get completeness() {
    if (!this.record || !this.isSupported) {
      return null;
    }
    const flat = this.flatRecord;
    return scoreCompleteness(COACHING_CONFIG, this.objectApiName, flat, {
      asOf: this.day,
      visibleFields: Object.keys(flat)
    });
  }

  get hasScore() {
    const c = this.completeness;
    return !!c && c.score !== null;
  }

  get score() {
    return this.hasScore ? this.completeness.score : 0;
  }

  get scoreText() {
    return formatLabel(SCORE_TEXT, [this.score]);
  }

  get ringVariant() {
    if (this.score >= 80) {
      return 'base-autocomplete';
    }
    return this.score >= 50 ? 'warning' : 'expired';
  }

  /** A won or lost opportunity: no deal health and no nudge raised by an open deal's risk. */
  get isClosedDeal() {
    return this.isOpportunity && !!this.record && this.flatRecord.IsClosed === true;
  }

  /** The deal's risk as the sync stored it in Deal_Insight__c, decoded by the engine. */
  get dealRisk() {
    if (this.isClosedDeal || !this.insight || !this.insight.Risk_Flags__c) {
      return null;
    }
    return decodeDealInsight(COACHING_CONFIG, this.insight);
  }

  get selection() {
    const completeness = this.completeness;
    if (!completeness || !this.graphqlLoaded) {
      return null;
    }
    const candidates = nudgeCandidates(COACHING_CONFIG, this.objectApiName, this.recordId, {
      completeness,
      risk: this.dealRisk
    });
    const keys = candidates.map((c) => c.responseKey);
    return selectNudges(COACHING_CONFIG, {
      candidates,
      responses: [...this.responses, ...this.localResponses],
      shownToday: shownElsewhere(USER_ID, this.day, keys),
      asOf: this.day,
      budget: this.budget
    });
  }

  get budget() {
    return COACHING_CONFIG.nudges.budgetPerDay;
  }

  get nudges() {
    const selection = this.selection;
    if (!selection) {
      return [];
    }
    const limit = Math.max(0, Number(this.maxNudges) || 0);
    const shown = selection.show.slice(0, limit);
    const items = this.completeness.items;
    return shown.map((candidate) => this.toView(candidate, items));
  }

  /** Records the nudges on screen in the day's ledger, once per change (never while rendering). */
  renderedCallback() {
    const keys = [...this.template.querySelectorAll('li[data-nudge]')].map(
      (li) => li.dataset.nudge
    );
    const signature = `${this.day}|${keys.join('|')}`;
    if (signature !== this.markedSignature) {
      this.markedSignature = signature;
      markShown(USER_ID, this.day, keys);
    }
  }

  toView(candidate, items) {
    const rules = (COACHING_CONFIG.nudges.catalogue.find((n) => n.key === candidate.nudgeKey) || {})
      .condition;
    const ruleIds = rules && rules.rules ? new Set(rules.rules) : new Set();
    const fields = items
      .filter((i) => ruleIds.has(i.ruleId) && !ACTIVITY_FIELDS.has(i.field))
      .map((i) => i.field);
    const needsActivity = items.some((i) => ruleIds.has(i.ruleId) && ACTIVITY_FIELDS.has(i.field));
    const needsContactRole =
      rules && !rules.rules && /CONTACT_ROLE|DECISION_MAKER/.test(rules.flag);
    const key = candidate.responseKey;
    return {
      key,
      text: getLabel(candidate.label),
      wiifm: this.wiifmLine(candidate),
      fields,
      // The nudge's own buttons, each handled by the handler of its name (ACTION_HANDLERS).
      actions: [
        fields.length > 0 && { name: 'fix', label: FIX },
        needsActivity && { name: 'log-activity', label: LOG_ACTIVITY },
        needsContactRole && { name: 'contact-roles', label: OPEN_CONTACT_ROLES }
      ].filter(Boolean),
      editing: this.editingKey === key,
      dismissing: this.dismissingKey === key,
      trainingUrl: trainingUrlOf(COACHING_CONFIG, candidate.nudgeKey)
    };
  }

  /**
   * Why the nudge pays: its WIIFM statement with the figures, sample sizes and whose data it is,
   * or, when the sync has no figure for it (too few closed deals, no statement), its plain benefit.
   */
  wiifmLine(candidate) {
    const statements = this.insights && this.insights.statements;
    const statement =
      candidate.wiifm && Array.isArray(statements)
        ? statements.find((s) => s.id === candidate.wiifm)
        : undefined;
    if (!statement) {
      return getLabel(candidate.benefit);
    }
    return formatLabel(WIIFM_SCOPE, [
      getLabel(statement.scopeLabel),
      formatLabel(getLabel(statement.label), statement.params)
    ]);
  }

  /** Until the nudges are chosen (the responses and the insight have loaded) the area is busy. */
  get nudgesBusy() {
    return this.selection ? 'false' : 'true';
  }

  get hasNudges() {
    return this.nudges.length > 0;
  }

  get budgetExhausted() {
    const selection = this.selection;
    return (
      !!selection &&
      selection.show.length === 0 &&
      selection.suppressed.some((s) => s.reason === 'budget')
    );
  }

  get moreLater() {
    const selection = this.selection;
    return (
      !!selection &&
      selection.show.length > 0 &&
      selection.suppressed.some((s) => s.reason === 'budget')
    );
  }

  get allDone() {
    return this.hasScore && this.completeness.items.length === 0;
  }

  get isOpportunity() {
    return this.objectApiName === 'Opportunity';
  }

  get dealHealth() {
    if (!this.isOpportunity || !this.insight || this.isClosedDeal) {
      return null;
    }
    const deal = decodeDealInsight(COACHING_CONFIG, this.insight);
    return {
      facts: [
        {
          key: 'push',
          text: countText(deal.pushCount, NEVER_PUSHED, PUSH_COUNT_ONE, PUSH_COUNT_OTHER)
        },
        deal.daysInStage === null
          ? null
          : {
              key: 'stage',
              text: countText(deal.daysInStage, STAGE_TODAY, DAYS_IN_STAGE_ONE, DAYS_IN_STAGE_OTHER)
            },
        deal.daysSinceActivity === null
          ? null
          : {
              key: 'activity',
              text: countText(
                deal.daysSinceActivity,
                ACTIVITY_TODAY,
                DAYS_SINCE_ACTIVITY_ONE,
                DAYS_SINCE_ACTIVITY_OTHER
              )
            }
      ].filter((f) => f),
      questions: deal.questions.map((q) => ({ key: q.flag, text: getLabel(q.label) })),
      hasQuestions: deal.questions.length > 0
    };
  }

  /** A nudge's button (fix, log an activity, open the contact roles): `nudgeaction`. */
  handleAction(event) {
    this[ACTION_HANDLERS[event.detail.action]](event);
  }

  handleFix(event) {
    this.editingKey = event.detail.key;
    this.dismissingKey = null;
    this.saveError = undefined;
  }

  handleCancel() {
    this.editingKey = null;
    this.dismissingKey = null;
  }

  /** Saves the fixed fields with updateRecord, then records the nudge as Fixed. */
  async handleSave(event) {
    const key = event.detail.key;
    const fields = { Id: this.recordId, ...event.detail.fields };
    await this.save(async () => {
      await updateRecord({ fields });
      await this.respond(key, 'Fixed');
      this.editingKey = null;
    });
  }

  handleLogActivity() {
    const whoOrWhat =
      this.objectApiName === 'Contact' || this.objectApiName === 'Lead' ? 'WhoId' : 'WhatId';
    this[NavigationMixin.Navigate]({
      type: 'standard__objectPage',
      attributes: { objectApiName: 'Task', actionName: 'new' },
      state: { defaultFieldValues: encodeDefaultFieldValues({ [whoOrWhat]: this.recordId }) }
    });
  }

  handleContactRoles() {
    this[NavigationMixin.Navigate]({
      type: 'standard__recordRelationshipPage',
      attributes: {
        recordId: this.recordId,
        objectApiName: 'Opportunity',
        relationshipApiName: 'OpportunityContactRoles',
        actionName: 'view'
      }
    });
  }

  async handleSnooze(event) {
    const { key, days } = event.detail;
    await this.save(() => this.respond(key, 'Snoozed', { snoozeUntil: addDays(this.day, days) }));
  }

  handleDismissStart(event) {
    this.dismissingKey = event.detail.key;
    this.editingKey = null;
  }

  /** The reason and comment (c-nudge-dismiss): feedback on the rule, read by the admin. */
  async handleDismiss(event) {
    const { key, reason, comment } = event.detail;
    await this.save(async () => {
      await this.respond(key, 'Dismissed', { reason, comment });
      this.dismissingKey = null;
    });
  }

  async save(work) {
    this.saving = true;
    this.saveError = undefined;
    try {
      await work();
    } catch (error) {
      this.saveError = error;
    } finally {
      this.saving = false;
    }
  }

  /** Writes a Nudge_Response__c and applies it at once, before GraphQL refreshes. */
  async respond(responseKey, action, { reason = null, snoozeUntil = null, comment = null } = {}) {
    const fields = {
      [NUDGE_KEY.fieldApiName]: responseKey,
      [RECORD_ID.fieldApiName]: this.recordId,
      [ACTION.fieldApiName]: action,
      [REASON.fieldApiName]: reason,
      [SNOOZE_UNTIL.fieldApiName]: snoozeUntil,
      // Only when given: a rep without access to Comment__c can still dismiss.
      ...(comment ? { [COMMENT.fieldApiName]: comment } : {})
    };
    await createRecord({ apiName: NUDGE_RESPONSE.objectApiName, fields });
    this.localResponses = [
      ...this.localResponses,
      { ...fields, CreatedDate: `${this.day}T12:00:00.000Z` }
    ];
  }

  get saveErrorMessages() {
    return this.saveError ? reduceErrors(this.saveError) : [];
  }
}
