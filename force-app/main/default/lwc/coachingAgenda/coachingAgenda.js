/**
 * A manager's 1:1 agenda for one rep (container). Placed by c-team-coaching for the rep chosen
 * there, or alone on an App page, where the manager picks one of their reps.
 *
 * The agenda is the engine's (buildCoachingAgenda): the rep's open deals with risk flags from
 * their Deal_Insight__c rows (written by the sync), ordered by amount × risk weight, each with
 * the coaching question for every flag; recognition from the rep's snapshots; the tip for the
 * rep's rung. The manager writes notes and saves a Coaching_Session__c (createRecord; Agenda__c
 * holds the agenda as the engine returned it, label names rather than sentences, so it reads
 * the same in any language). Earlier sessions with the rep are listed, and the manager sees
 * their own cadence, sessions per rep in the last 30 days (c-coaching-cadence, from the sessions
 * read here, which are read again after a save).
 *
 * Data: `lightning/graphql` reads, `lightning/uiRecordApi` createRecord; no Apex.
 */
import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { AGENDA_DEAL_NODE, OPEN_DEALS_OF_REP, SNAPSHOT_TREND_NODE } from 'c/coachQueries';
import { NavigationMixin } from 'lightning/navigation';
import { createRecord } from 'lightning/uiRecordApi';
import USER_ID from '@salesforce/user/Id';
import SESSION_OBJECT from '@salesforce/schema/Coaching_Session__c';
import REP_FIELD from '@salesforce/schema/Coaching_Session__c.Rep__c';
import MANAGER_FIELD from '@salesforce/schema/Coaching_Session__c.Manager__c';
import DATE_FIELD from '@salesforce/schema/Coaching_Session__c.Session_Date__c';
import AGENDA_FIELD from '@salesforce/schema/Coaching_Session__c.Agenda__c';
import NOTES_FIELD from '@salesforce/schema/Coaching_Session__c.Notes__c';
import RECOGNITION_FIELD from '@salesforce/schema/Coaching_Session__c.Recognition__c';
import {
  COACHING_CONFIG,
  agendaDealFromInsight,
  buildCoachingAgenda,
  decodeSnapshot
} from 'c/coachEngine';
import { saveWithToast } from 'c/ldsUtils';
import { formatLabel, getLabel, recognitionLines } from 'c/coachLabels';
import { resolveAsOf, rowsOf, windowStart } from 'c/managerData';

import TITLE from '@salesforce/label/c.Agenda_Title';
import TITLE_FOR from '@salesforce/label/c.Agenda_Title_For';
import PICK_REP from '@salesforce/label/c.Agenda_Pick_Rep';
import PICK_REP_HELP from '@salesforce/label/c.Agenda_Pick_Rep_Help';
import LOADING from '@salesforce/label/c.Agenda_Loading';
import ERROR_TITLE from '@salesforce/label/c.Agenda_Error_Title';
import STAGE_HEADING from '@salesforce/label/c.Agenda_Stage_Heading';
import STAGE_LINE from '@salesforce/label/c.Agenda_Stage_Line';
import NO_SNAPSHOT from '@salesforce/label/c.Agenda_No_Snapshot';
import DEALS_HEADING from '@salesforce/label/c.Agenda_Deals_Heading';
import DEALS_EMPTY from '@salesforce/label/c.Agenda_Deals_Empty';
import RECOGNITION_HEADING from '@salesforce/label/c.Agenda_Recognition_Heading';
import RECOGNITION_EMPTY from '@salesforce/label/c.Agenda_Recognition_Empty';
import NOTES_LABEL from '@salesforce/label/c.Agenda_Notes_Label';
import RECOGNITION_LABEL from '@salesforce/label/c.Agenda_Recognition_Label';
import SAVE from '@salesforce/label/c.Agenda_Save';
import SAVED_TITLE from '@salesforce/label/c.Agenda_Saved_Title';
import SAVED_MESSAGE from '@salesforce/label/c.Agenda_Saved_Message';
import SAVE_ERROR from '@salesforce/label/c.Agenda_Save_Error';
import HISTORY_HEADING from '@salesforce/label/c.Agenda_History_Heading';
import HISTORY_EMPTY from '@salesforce/label/c.Agenda_History_Empty';
import HISTORY_BY from '@salesforce/label/c.Agenda_History_By';

/** Days of the manager's cadence window (today and the 29 days before). */
export const CADENCE_DAYS = 30;
/** Snapshots read for recognition (streaks need several periods). */
const SNAPSHOTS_READ = 12;
/** Earlier sessions listed. */
const SESSIONS_LISTED = 10;

// Opportunity.Amount may be hidden by field-level security: `@optional` leaves it out instead of
// failing the query (GraphQL API Developer Guide, "Query Objects Examples",
// https://developer.salesforce.com/docs/platform/graphql/guide/query-record-examples.html), and a
// deal without an amount ranks by its risk alone.
const DEAL_INSIGHTS = gql`
  query agendaDeals($repId: ID) {
    uiapi {
      query {
        Deal_Insight__c(where: { and: [${OPEN_DEALS_OF_REP}] }, first: 2000) {
          edges { node { ${AGENDA_DEAL_NODE} } }
        }
      }
    }
  }
`;

const REP_SNAPSHOTS = gql`
  query agendaSnapshots($repId: ID, $asOf: Date, $first: Int) {
    uiapi {
      query {
        Adoption_Snapshot__c(
          where: { and: [{ User__c: { eq: $repId } }, { Period_Start__c: { lte: { value: $asOf } } }] }
          orderBy: { Period_Start__c: { order: DESC } }
          first: $first
        ) {
          edges { node { ${SNAPSHOT_TREND_NODE} User__r { Name { value } } } }
        }
      }
    }
  }
`;

const REP_SESSIONS = gql`
  query agendaSessions($repId: ID, $first: Int) {
    uiapi {
      query {
        Coaching_Session__c(
          where: { Rep__c: { eq: $repId } }
          orderBy: { Session_Date__c: { order: DESC }, CreatedDate: { order: DESC } }
          first: $first
        ) {
          edges {
            node {
              Id
              Session_Date__c {
                value
              }
              Notes__c {
                value
              }
              Recognition__c {
                value
              }
              Manager__r {
                Name {
                  value
                }
              }
            }
          }
        }
      }
    }
  }
`;

const MANAGER_CADENCE = gql`
  query managerCadence($managerId: ID, $since: Date, $asOf: Date) {
    uiapi {
      query {
        Coaching_Session__c(
          first: 2000
          where: {
            and: [
              { Manager__c: { eq: $managerId } }
              { Session_Date__c: { gte: { value: $since } } }
              { Session_Date__c: { lte: { value: $asOf } } }
            ]
          }
          orderBy: { Session_Date__c: { order: DESC } }
        ) {
          edges {
            node {
              Id
              Rep__c {
                value
              }
              Rep__r {
                Name {
                  value
                }
              }
              Session_Date__c {
                value
              }
            }
          }
        }
      }
    }
  }
`;

export default class CoachingAgenda extends NavigationMixin(LightningElement) {
  /** Date the agenda is built for and the session is dated ('YYYY-MM-DD'); default today. */
  @api asOf;
  /** True when the team rollup named this rep most improved (set by c-team-coaching). */
  @api
  get mostImproved() {
    return this._mostImproved;
  }
  set mostImproved(value) {
    this._mostImproved = Boolean(value);
    this.buildAgenda();
  }
  /** The manager's team ([{ repId, repName }]) when known: reps without a session show too. */
  @api teamReps;
  /** The rep's name when the container knows it (else read from the rep's snapshots). */
  @api repName;

  _repId;
  _mostImproved = false;

  /** The rep's user id. Without one, the manager picks a rep. */
  @api
  get repId() {
    return this._repId;
  }
  set repId(value) {
    this.selectRep(value);
  }

  selectRep(value) {
    if (value !== this._repId) {
      this._repId = value;
      this.resetRep();
    }
  }

  labels = {
    TITLE,
    PICK_REP,
    PICK_REP_HELP,
    LOADING,
    ERROR_TITLE,
    STAGE_HEADING,
    NO_SNAPSHOT,
    DEALS_HEADING,
    DEALS_EMPTY,
    RECOGNITION_HEADING,
    RECOGNITION_EMPTY,
    NOTES_LABEL,
    RECOGNITION_LABEL,
    SAVE,
    SAVE_ERROR,
    HISTORY_HEADING,
    HISTORY_EMPTY
  };

  cadenceDays = CADENCE_DAYS;
  repFilter = { criteria: [{ fieldPath: 'ManagerId', operator: 'eq', value: USER_ID }] };

  insightNodes;
  dealUrls = {};
  snapshotNodes;
  sessionNodes;
  cadenceNodes;
  refreshSessions;
  refreshCadence;
  loadErrors;
  saveErrors;
  saving = false;
  notes = '';
  recognitionText;
  recognitionEdited = false;
  /** The engine's CoachingAgenda; null until the deals and snapshots are in. */
  agenda = null;

  resetRep() {
    this.insightNodes = undefined;
    this.snapshotNodes = undefined;
    this.sessionNodes = undefined;
    this.loadErrors = undefined;
    this.saveErrors = undefined;
    this.notes = '';
    this.recognitionText = undefined;
    this.recognitionEdited = false;
    this.buildAgenda();
  }

  /** Builds the agenda again from what is loaded: called whenever one of its inputs changes. */
  buildAgenda() {
    this.agenda =
      this.insightNodes === undefined || this.snapshotNodes === undefined
        ? null
        : buildCoachingAgenda(COACHING_CONFIG, {
            deals: this.insightNodes.map((n) => agendaDealFromInsight(COACHING_CONFIG, n)),
            snapshots: this.snapshots,
            mostImproved: this._mostImproved
          });
  }

  get asOfDate() {
    return resolveAsOf(this.asOf);
  }

  get repVariables() {
    return this._repId ? { repId: this._repId } : undefined;
  }

  get snapshotVariables() {
    return this._repId
      ? { repId: this._repId, asOf: this.asOfDate, first: SNAPSHOTS_READ }
      : undefined;
  }

  get sessionVariables() {
    return this._repId ? { repId: this._repId, first: SESSIONS_LISTED } : undefined;
  }

  get cadenceVariables() {
    return {
      managerId: USER_ID,
      since: windowStart(this.asOfDate, CADENCE_DAYS),
      asOf: this.asOfDate
    };
  }

  /** Keeps a wire's rows in `field`, one of the agenda's inputs, and builds the agenda again. */
  takeAgendaRows(field, objectApiName, { data, errors }) {
    if (errors) this.loadErrors = errors;
    else if (data) {
      this[field] = rowsOf(data, objectApiName);
      this.buildAgenda();
    }
    return Boolean(data) && !errors;
  }

  @wire(graphql, { query: DEAL_INSIGHTS, variables: '$repVariables' })
  wiredInsights(result) {
    if (this.takeAgendaRows('insightNodes', 'Deal_Insight__c', result)) this.generateDealUrls();
  }

  /** Record page links of the deals, as the platform builds them (desktop, mobile app, sites). */
  async generateDealUrls() {
    const urls = {};
    await Promise.all(
      this.insightNodes.map(async (node) => {
        const recordId = node.Opportunity__c;
        if (!recordId) return;
        urls[recordId] = await this[NavigationMixin.GenerateUrl]({
          type: 'standard__recordPage',
          attributes: { recordId, objectApiName: 'Opportunity', actionName: 'view' }
        });
      })
    );
    this.dealUrls = urls;
  }

  @wire(graphql, { query: REP_SNAPSHOTS, variables: '$snapshotVariables' })
  wiredSnapshots(result) {
    this.takeAgendaRows('snapshotNodes', 'Adoption_Snapshot__c', result);
  }

  @wire(graphql, { query: REP_SESSIONS, variables: '$sessionVariables' })
  wiredSessions({ data, errors, refresh }) {
    if (refresh) this.refreshSessions = refresh;
    if (errors) this.loadErrors = errors;
    else if (data) this.sessionNodes = rowsOf(data, 'Coaching_Session__c');
  }

  @wire(graphql, { query: MANAGER_CADENCE, variables: '$cadenceVariables' })
  wiredCadence({ data, errors, refresh }) {
    if (refresh) this.refreshCadence = refresh;
    if (errors) this.loadErrors = errors;
    else if (data) this.cadenceNodes = rowsOf(data, 'Coaching_Session__c');
  }

  // ------------------------------------------------------------------ states

  get needsRep() {
    return !this._repId;
  }

  get hasLoadError() {
    return Boolean(this.loadErrors);
  }

  get isLoading() {
    return (
      !this.loadErrors &&
      Boolean(this._repId) &&
      (this.insightNodes === undefined ||
        this.snapshotNodes === undefined ||
        this.sessionNodes === undefined)
    );
  }

  get isReady() {
    return Boolean(this._repId) && !this.loadErrors && !this.isLoading;
  }

  get heading() {
    const name = this.repName || this.snapshotRepName;
    return name ? formatLabel(TITLE_FOR, [name]) : TITLE;
  }

  get snapshotRepName() {
    const first = this.snapshotNodes && this.snapshotNodes[0];
    return first ? (first['User__r.Name'] ?? null) : null;
  }

  // ------------------------------------------------------------------ the agenda

  /** Snapshots in the engine's PreviousSnapshot shape, most recent first. */
  get snapshots() {
    return (this.snapshotNodes || []).map(decodeSnapshot);
  }

  get stageLine() {
    const agenda = this.agenda;
    return agenda && agenda.stage ? formatLabel(STAGE_LINE, [agenda.stage]) : null;
  }

  get tipText() {
    const agenda = this.agenda;
    return agenda && agenda.tip ? getLabel(agenda.tip) : null;
  }

  /** The agenda's deals, listed by c-agenda-deals. */
  get deals() {
    return this.agenda ? this.agenda.deals : [];
  }

  get hasDeals() {
    return this.deals.length > 0;
  }

  get recognitionItems() {
    const agenda = this.agenda;
    return agenda ? recognitionLines(agenda.recognition) : [];
  }

  get hasRecognition() {
    return this.recognitionItems.length > 0;
  }

  /** What is saved in Recognition__c: the manager's edit, else the engine's items. */
  get recognitionValue() {
    if (this.recognitionEdited) return this.recognitionText;
    return this.recognitionItems.map((r) => r.text).join('\n');
  }

  // ------------------------------------------------------------------ history

  get sessions() {
    return (this.sessionNodes || []).map((n) => ({
      key: n.Id,
      date: n.Session_Date__c ?? null,
      by: formatLabel(HISTORY_BY, [n['Manager__r.Name'] ?? '']),
      notes: n.Notes__c ?? null,
      recognition: n.Recognition__c ?? null
    }));
  }

  get hasSessions() {
    return this.sessions.length > 0;
  }

  get cadenceLoading() {
    return this.cadenceNodes === undefined && !this.loadErrors;
  }

  // ------------------------------------------------------------------ input and save

  handleRepPicked(event) {
    this.selectRep(event.detail.recordId || undefined);
  }

  handleNotesChange(event) {
    this.notes = event.target.value;
  }

  handleRecognitionChange(event) {
    this.recognitionText = event.target.value;
    this.recognitionEdited = true;
  }

  get saveDisabled() {
    return this.saving || !this.agenda;
  }

  /** The exact record input saved for the session. */
  sessionInput() {
    return {
      apiName: SESSION_OBJECT.objectApiName,
      fields: {
        [REP_FIELD.fieldApiName]: this._repId,
        [MANAGER_FIELD.fieldApiName]: USER_ID,
        [DATE_FIELD.fieldApiName]: this.asOfDate,
        [AGENDA_FIELD.fieldApiName]: JSON.stringify(this.agenda),
        [NOTES_FIELD.fieldApiName]: this.notes,
        [RECOGNITION_FIELD.fieldApiName]: this.recognitionValue
      }
    };
  }

  async handleSave() {
    if (this.saveDisabled) return;
    this.saving = true;
    this.saveErrors = undefined;
    const saved = () => {
      this.notes = '';
      this.recognitionEdited = false;
      this.recognitionText = undefined;
      if (this.refreshSessions) this.refreshSessions();
      if (this.refreshCadence) this.refreshCadence();
      this.dispatchEvent(new CustomEvent('sessionsaved', { detail: { repId: this._repId } }));
    };
    const error = await saveWithToast(this, () => createRecord(this.sessionInput()), {
      saved: SAVED_TITLE,
      message: formatLabel(SAVED_MESSAGE, [this.repName || this.snapshotRepName || '']),
      failed: SAVE_ERROR,
      separator: ', ',
      after: saved
    });
    if (error) this.saveErrors = error;
    this.saving = false;
  }
}
