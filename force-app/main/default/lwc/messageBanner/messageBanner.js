import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import {
  AUDIENCE_SNAPSHOT_NODE,
  FEEDBACK_NODE,
  MESSAGE_NODE,
  RECEIPT_NODE,
  SNAPSHOTS_OF_USER
} from 'c/coachQueries';
import { createRecord, updateRecord } from 'lightning/uiRecordApi';
import USER_ID from '@salesforce/user/Id';
import {
  COACHING_CONFIG,
  audienceMember,
  audienceMembers,
  messageReceiptKey,
  selectMessages,
  shownReceipt
} from 'c/coachEngine';
import { nodesOf } from 'c/ldsUtils';
import { shownWithPrefix, markShown } from 'c/nudgeLedger';
import RECEIPT from '@salesforce/schema/Message_Receipt__c';
import RECEIPT_KEY from '@salesforce/schema/Message_Receipt__c.Receipt_Key__c';
import RECEIPT_MESSAGE from '@salesforce/schema/Message_Receipt__c.Message__c';
import RECEIPT_USER from '@salesforce/schema/Message_Receipt__c.User__c';
import FIRST_SEEN from '@salesforce/schema/Message_Receipt__c.First_Seen__c';
import LAST_SHOWN from '@salesforce/schema/Message_Receipt__c.Last_Shown__c';
import TIMES_SHOWN from '@salesforce/schema/Message_Receipt__c.Times_Shown__c';
import ACKNOWLEDGED from '@salesforce/schema/Message_Receipt__c.Acknowledged__c';
import TITLE from '@salesforce/label/c.Message_Banner_Title';
import ACKNOWLEDGE from '@salesforce/label/c.Message_Banner_Acknowledge';
import ACKNOWLEDGE_HINT from '@salesforce/label/c.Message_Banner_Acknowledge_Hint';
import LEARN_MORE from '@salesforce/label/c.Message_Banner_Learn_More';
import YOUR_WIN from '@salesforce/label/c.Message_Banner_Your_Win';
import SAVE_ERROR from '@salesforce/label/c.Message_Banner_Save_Error';
import KIND_VISION from '@salesforce/label/c.Message_Kind_Vision';
import KIND_WHAT_CHANGES from '@salesforce/label/c.Message_Kind_What_Changes';
import KIND_QUICK_WIN from '@salesforce/label/c.Message_Kind_Quick_Win';
import KIND_TRAINING from '@salesforce/label/c.Message_Kind_Training';
import KIND_REPLY from '@salesforce/label/c.Message_Kind_Reply';

const KIND_LABELS = {
  Vision: KIND_VISION,
  What_Changes: KIND_WHAT_CHANGES,
  Quick_Win: KIND_QUICK_WIN,
  Training: KIND_TRAINING,
  Reply: KIND_REPLY
};

/** Ledger keys of programme messages: they share the daily budget with nudges. */
const LEDGER_PREFIX = 'message:';
const ledgerKey = (messageId) => `${LEDGER_PREFIX}${messageId}`;

const QUERY = gql`
  query messageBanner($userId: ID) {
    uiapi {
      query {
        Adoption_Message__c(
          where: { Status__c: { eq: "Published" } }
          orderBy: { CreatedDate: { order: DESC } }
          first: 200
        ) {
          edges { node { ${MESSAGE_NODE} Body__c { value } Link_Url__c { value } } }
        }
        Message_Receipt__c(where: { User__c: { eq: $userId } }, first: 2000) {
          edges { node { ${RECEIPT_NODE} } }
        }
        Adoption_Snapshot__c(${SNAPSHOTS_OF_USER}, first: 1) {
          edges { node { ${AUDIENCE_SNAPSHOT_NODE} } }
        }
        Nudge_Response__c(
          where: { and: [{ OwnerId: { eq: $userId } }, { Action__c: { eq: "Dismissed" } }] }
          first: 2000
        ) {
          edges { node { ${FEEDBACK_NODE} } }
        }
      }
    }
  }
`;

/**
 * Container component at the top of the rep's Home and the manager's views: the programme
 * messages due for this user now (the engine's spaced schedule within the daily budget). Showing
 * a message writes the user's receipt (first seen, last shown, times shown); "Got it" writes
 * Acknowledged__c, and the message does not come back. Data: lightning/graphql reads,
 * lightning/uiRecordApi writes.
 */
export default class MessageBanner extends LightningElement {
  /** The instant to compute as, ISO (default now). */
  @api asOf;

  labels = { TITLE, ACKNOWLEDGE, LEARN_MORE, SAVE_ERROR };
  /** The messages chosen when the data arrived: fixed for the life of the page. */
  shown = null;
  receipts = {};
  pending = {};
  error;
  saveError;

  variables = { userId: USER_ID };

  @wire(graphql, { query: QUERY, variables: '$variables' })
  wired({ data, errors }) {
    if (errors) {
      this.error = errors;
      return;
    }
    if (!data || this.shown) {
      return;
    }
    this.error = undefined;
    this.choose(data.uiapi.query);
  }

  get now() {
    return this.asOf || new Date().toISOString();
  }

  choose(query) {
    const now = this.now;
    const day = now.slice(0, 10);
    const messages = nodesOf(query.Adoption_Message__c);
    const receipts = nodesOf(query.Message_Receipt__c);
    const member =
      audienceMembers(nodesOf(query.Adoption_Snapshot__c), nodesOf(query.Nudge_Response__c)).find(
        (m) => m.userId === USER_ID
      ) || audienceMember({ User__c: USER_ID });
    const keys = messages.map((m) => ledgerKey(m.Id));
    const selection = selectMessages(COACHING_CONFIG, {
      messages,
      receipts,
      member,
      asOf: now,
      shownToday: shownWithPrefix(USER_ID, day, LEDGER_PREFIX, keys)
    });
    this.receipts = Object.fromEntries(receipts.map((r) => [r.Message__c, r]));
    this.shown = selection.show;
    markShown(
      USER_ID,
      day,
      selection.show.map((m) => ledgerKey(m.Id))
    );
    selection.show.forEach((m) => {
      this.pending[m.Id] = this.recordShown(m, now);
    });
  }

  async recordShown(message, now) {
    const existing = this.receipts[message.Id];
    const values = shownReceipt(existing, now);
    const fields = {
      [FIRST_SEEN.fieldApiName]: values.First_Seen__c,
      [LAST_SHOWN.fieldApiName]: values.Last_Shown__c,
      [TIMES_SHOWN.fieldApiName]: values.Times_Shown__c
    };
    try {
      if (existing) {
        await updateRecord({ fields: { Id: existing.Id, ...fields } });
      } else {
        const created = await createRecord({
          apiName: RECEIPT.objectApiName,
          fields: {
            [RECEIPT_KEY.fieldApiName]: messageReceiptKey(message.Id, USER_ID),
            [RECEIPT_MESSAGE.fieldApiName]: message.Id,
            [RECEIPT_USER.fieldApiName]: USER_ID,
            ...fields
          }
        });
        this.receipts = { ...this.receipts, [message.Id]: { Id: created.id } };
      }
    } catch (e) {
      this.saveError = e;
    }
  }

  get hasMessages() {
    return !!this.shown && this.shown.length > 0;
  }

  get items() {
    return (this.shown || []).map((m) => ({
      id: m.Id,
      headingId: `message-${m.Id}`,
      headline: m.Name,
      kind: KIND_LABELS[m.Kind__c] || '',
      body: m.Body__c,
      url: m.Link_Url__c,
      yourWin: m.Win_Rep__c === USER_ID ? YOUR_WIN : null,
      ackLabel: `${ACKNOWLEDGE_HINT} ${m.Name || ''}`.trim()
    }));
  }

  async handleAcknowledge(event) {
    const id = event.currentTarget.dataset.id;
    this.saveError = undefined;
    // The showing's receipt may still be on its way: acknowledge once it is written.
    await this.pending[id];
    const receipt = this.receipts[id];
    if (!receipt || !receipt.Id) {
      return;
    }
    try {
      await updateRecord({ fields: { Id: receipt.Id, [ACKNOWLEDGED.fieldApiName]: this.now } });
      this.shown = this.shown.filter((m) => m.Id !== id);
    } catch (e) {
      this.saveError = e;
    }
  }
}
