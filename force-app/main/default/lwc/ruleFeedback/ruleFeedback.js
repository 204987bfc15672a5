import { wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { FEEDBACK_NODE, RECENT_SNAPSHOTS, SNAPSHOT_MEMBER_NODE } from 'c/coachQueries';
import {
  COACHING_CONFIG,
  FEEDBACK_REASONS,
  addDays,
  audienceMembers,
  feedbackByRule
} from 'c/coachEngine';
import { getLabel, formatCount } from 'c/coachLabels';
import { nodesOf } from 'c/ldsUtils';
import {
  dayOf,
  messageTextFields,
  publishMessage,
  RecentWindowView,
  takeQuery
} from 'c/messageData';
import TITLE from '@salesforce/label/c.Rule_Feedback_Title';
import NONE from '@salesforce/label/c.Rule_Feedback_None';
import LOAD_ERROR from '@salesforce/label/c.Rule_Feedback_Load_Error';
import SAVE_ERROR from '@salesforce/label/c.Rule_Feedback_Save_Error';
import TOTAL_ONE from '@salesforce/label/c.Rule_Feedback_Total_One';
import TOTAL_OTHER from '@salesforce/label/c.Rule_Feedback_Total_Other';
import REPS_ONE from '@salesforce/label/c.Rule_Feedback_Reps_One';
import REPS_OTHER from '@salesforce/label/c.Rule_Feedback_Reps_Other';
import BY_TEAM from '@salesforce/label/c.Rule_Feedback_By_Team';
import COMMENTS from '@salesforce/label/c.Rule_Feedback_Comments';
import NO_TEAM from '@salesforce/label/c.Message_Reach_No_Team';
import REPLY from '@salesforce/label/c.Rule_Feedback_Reply';
import REPLY_HEADLINE from '@salesforce/label/c.Rule_Feedback_Reply_Headline';
import REPLY_BODY from '@salesforce/label/c.Rule_Feedback_Reply_Body';
import SEND from '@salesforce/label/c.Rule_Feedback_Send';
import CANCEL from '@salesforce/label/c.Rule_Feedback_Cancel';
import SENT from '@salesforce/label/c.Rule_Feedback_Sent';
import REASON_FIT from '@salesforce/label/c.Feedback_Reason_Not_Fit';
import REASON_HOW from '@salesforce/label/c.Feedback_Reason_Dont_Know_How';
import REASON_DONE from '@salesforce/label/c.Feedback_Reason_Done_Elsewhere';
import LOADING from '@salesforce/label/c.Coach_Loading';

const REASON_LABELS = {
  [FEEDBACK_REASONS[0]]: REASON_FIT,
  [FEEDBACK_REASONS[1]]: REASON_HOW,
  [FEEDBACK_REASONS[2]]: REASON_DONE
};
/** Days a reply stays on its readers' Home. */
const REPLY_DAYS = 14;

const QUERY = gql`
  query ruleFeedback($since: Date) {
    uiapi {
      query {
        Nudge_Response__c(
          where: { Action__c: { eq: "Dismissed" } }, orderBy: { CreatedDate: { order: DESC } }, first: 2000
        ) {
          edges { node { ${FEEDBACK_NODE} Comment__c { value } } }
        }
        Adoption_Snapshot__c(${RECENT_SNAPSHOTS}) {
          edges { node { ${SNAPSHOT_MEMBER_NODE} } }
        }
      }
    }
  }
`;

/**
 * Container component for the programme admin (on the sponsor's page): reps' feedback on each
 * rule (nudges dismissed with a reason) totalled per reason and per team, with the comments; a
 * reply on a rule is published as a programme message to exactly the reps who gave feedback on
 * it. Data: lightning/graphql reads, createRecord writes.
 */
export default class RuleFeedback extends RecentWindowView {
  labels = {
    TITLE,
    NONE,
    ERROR_TITLE: LOAD_ERROR,
    SAVE_ERROR,
    REPLY,
    SEND,
    CANCEL,
    SENT,
    BY_TEAM,
    COMMENTS,
    LOADING
  };
  replyingTo = null;
  sentTo = null;
  replyFields = messageTextFields(REPLY_HEADLINE, REPLY_BODY);

  @wire(graphql, { query: QUERY, variables: '$variables' })
  wired(result) {
    takeQuery(this, result);
  }

  get rules() {
    const snapshots = nodesOf(this.query && this.query.Adoption_Snapshot__c);
    const team = new Map(audienceMembers(snapshots).map((m) => [m.userId, m.managerId]));
    const names = new Map();
    snapshots.forEach((s) => {
      if (s.Manager__c) names.set(s.Manager__c, s['Manager__r.Name'] || s.Manager__c);
    });
    const rows = nodesOf(this.query && this.query.Nudge_Response__c);
    return feedbackByRule(COACHING_CONFIG, rows, (id) => team.get(id) || null).map((r) => ({
      key: r.nudgeKey,
      headingId: `rule-${r.nudgeKey}`,
      name: r.label ? getLabel(r.label) : r.nudgeKey,
      total: formatCount(r.total, TOTAL_ONE, TOTAL_OTHER),
      reps: formatCount(r.reps, REPS_ONE, REPS_OTHER),
      reasons: FEEDBACK_REASONS.map((reason) => ({
        key: reason,
        label: REASON_LABELS[reason],
        count: r.byReason[reason]
      })),
      teams: r.byTeam.map((t) => ({
        key: t.managerId || 'none',
        name: t.managerId ? names.get(t.managerId) || t.managerId : NO_TEAM,
        count: t.total
      })),
      comments: r.comments.map((c, i) => ({
        key: `${r.nudgeKey}-${i}`,
        reason: REASON_LABELS[c.reason],
        text: c.comment
      })),
      hasComments: r.comments.length > 0,
      replying: this.replyingTo === r.nudgeKey,
      sent: this.sentTo === r.nudgeKey
    }));
  }

  get hasRules() {
    return this.rules.length > 0;
  }

  handleReply(event) {
    const rule = event.currentTarget.dataset.rule;
    this.replyingTo = rule;
    this.sentTo = null;
    this.saveError = undefined;
  }

  handleCancel() {
    this.replyingTo = null;
  }

  async handleSend(event) {
    const rule = event.currentTarget.dataset.rule;
    const inputs = [
      ...this.template.querySelectorAll(`[data-rule-feedback="${rule}"] [data-field]`)
    ];
    if (!inputs.reduce((ok, input) => input.reportValidity() !== false && ok, true)) {
      return;
    }
    const value = (name) => inputs.find((i) => i.dataset.field === name).value;
    const day = dayOf(this.asOf);
    const sent = await publishMessage(this, {
      Name: value('Name'),
      Body__c: value('Body__c'),
      Kind__c: 'Reply',
      Audience_Type__c: 'Feedback_Givers',
      Audience_Value__c: rule,
      Start_Date__c: day,
      End_Date__c: addDays(day, REPLY_DAYS)
    });
    if (sent) {
      this.replyingTo = null;
      this.sentTo = rule;
    }
  }
}
