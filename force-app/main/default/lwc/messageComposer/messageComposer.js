import { LightningElement, api } from 'lwc';
import { ADOPTION_STAGES, MESSAGE_BEHAVIOURS, addDays } from 'c/coachEngine';
import { STAGE_LABELS } from 'c/coachLabels';
import { messageTextFields } from 'c/messageData';
import TITLE from '@salesforce/label/c.Message_Composer_Title';
import HEADLINE from '@salesforce/label/c.Message_Composer_Headline';
import KIND from '@salesforce/label/c.Message_Composer_Kind';
import BODY from '@salesforce/label/c.Message_Composer_Body';
import AUDIENCE from '@salesforce/label/c.Message_Composer_Audience';
import TEAM from '@salesforce/label/c.Message_Composer_Team';
import RUNG from '@salesforce/label/c.Message_Composer_Rung';
import BEHAVIOUR from '@salesforce/label/c.Message_Composer_Behaviour';
import START from '@salesforce/label/c.Message_Composer_Start';
import END from '@salesforce/label/c.Message_Composer_End';
import LINK from '@salesforce/label/c.Message_Composer_Link';
import PUBLISH from '@salesforce/label/c.Message_Composer_Publish';
import END_BEFORE_START from '@salesforce/label/c.Message_Composer_End_Before_Start';
import AUD_EVERYONE from '@salesforce/label/c.Message_Audience_Everyone';
import AUD_TEAM from '@salesforce/label/c.Message_Audience_Team';
import AUD_RUNG from '@salesforce/label/c.Message_Audience_Rung';
import AUD_BEHAVIOUR from '@salesforce/label/c.Message_Audience_Missing_Behaviour';
import KIND_VISION from '@salesforce/label/c.Message_Kind_Vision';
import KIND_WHAT_CHANGES from '@salesforce/label/c.Message_Kind_What_Changes';
import KIND_QUICK_WIN from '@salesforce/label/c.Message_Kind_Quick_Win';
import KIND_TRAINING from '@salesforce/label/c.Message_Kind_Training';
import BEH_NO_NEXT_STEP from '@salesforce/label/c.Message_Behaviour_No_Next_Step';
import BEH_STALE from '@salesforce/label/c.Message_Behaviour_Stale';
import BEH_PAST_DUE from '@salesforce/label/c.Message_Behaviour_Past_Due';
import BEH_PUSHED from '@salesforce/label/c.Message_Behaviour_Pushed';
const BEHAVIOUR_LABELS = {
  NO_NEXT_STEP: BEH_NO_NEXT_STEP,
  STALE: BEH_STALE,
  PAST_DUE: BEH_PAST_DUE,
  PUSHED: BEH_PUSHED
};
/** Days a new message runs by default. */
const DEFAULT_DAYS = 14;

/**
 * Presentation component: the sponsor's form for a programme message (headline, kind, body,
 * audience, dates, link). Fires `publish` with the Adoption_Message__c fields; the container
 * saves them.
 */
export default class MessageComposer extends LightningElement {
  /** Teams to choose from: [{ value: manager id, label: name }]. */
  @api teams = [];
  /** 'YYYY-MM-DD': the default start day. */
  @api asOf;
  /** True while the container saves. */
  @api saving = false;

  labels = { TITLE, LINK, PUBLISH };
  audienceType = 'Everyone';
  audienceValue = null;
  kind = 'Vision';

  kindOptions = [
    { value: 'Vision', label: KIND_VISION },
    { value: 'What_Changes', label: KIND_WHAT_CHANGES },
    { value: 'Quick_Win', label: KIND_QUICK_WIN },
    { value: 'Training', label: KIND_TRAINING }
  ];
  audienceOptions = [
    { value: 'Everyone', label: AUD_EVERYONE },
    { value: 'Team', label: AUD_TEAM },
    { value: 'Rung', label: AUD_RUNG },
    { value: 'Missing_Behaviour', label: AUD_BEHAVIOUR }
  ];

  /** Headline, kind, body, audience and, when the audience needs one, its team, rung or behaviour. */
  get fields() {
    const [headline, body] = messageTextFields(HEADLINE, BODY);
    const choice = (name, attributes) => ({ name, kind: 'combobox', attributes });
    const audience = this.valueChoice;
    return [
      headline,
      choice('Kind__c', { label: KIND, value: this.kind, options: this.kindOptions }),
      body,
      choice('Audience_Type__c', {
        label: AUDIENCE,
        value: this.audienceType,
        options: this.audienceOptions
      }),
      ...(audience
        ? [
            choice('Audience_Value__c', {
              label: audience.label,
              value: this.audienceValue,
              options: audience.options,
              required: true
            })
          ]
        : [])
    ];
  }

  /** The message's dates: from `asOf` (its default start) to DEFAULT_DAYS later. */
  get dateFields() {
    return [
      { field: 'Start_Date__c', label: START, value: this.asOf },
      {
        field: 'End_Date__c',
        label: END,
        value: this.asOf ? addDays(this.asOf, DEFAULT_DAYS) : null
      }
    ];
  }

  /** The second choice the audience needs (a team, a rung, a behaviour), or null. */
  get valueChoice() {
    if (this.audienceType === 'Team') {
      return { label: TEAM, options: this.teams || [] };
    }
    if (this.audienceType === 'Rung') {
      return {
        label: RUNG,
        options: ADOPTION_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))
      };
    }
    if (this.audienceType === 'Missing_Behaviour') {
      return {
        label: BEHAVIOUR,
        options: Object.keys(MESSAGE_BEHAVIOURS).map((b) => ({
          value: b,
          label: BEHAVIOUR_LABELS[b] || b
        }))
      };
    }
    return null;
  }

  handleField(event) {
    const { name, value } = event.detail;
    if (name === 'Kind__c') {
      this.kind = value;
    } else if (name === 'Audience_Type__c') {
      this.audienceType = value;
      this.audienceValue = null;
    } else if (name === 'Audience_Value__c') {
      this.audienceValue = value;
    }
  }

  field(name) {
    return this.template.querySelector(`[data-field="${name}"]`);
  }

  handlePublish() {
    const inputs = [...this.template.querySelectorAll('[data-field]')];
    const end = this.field('End_Date__c');
    const start = this.field('Start_Date__c');
    end.setCustomValidity(
      start.value && end.value && end.value < start.value ? END_BEFORE_START : ''
    );
    // reportValidity shows each field's message; every field is checked, not only up to the first.
    const valid = inputs.reduce((ok, input) => input.reportValidity() !== false && ok, true);
    if (!valid) {
      return;
    }
    const value = (name) => {
      const v = this.field(name).value;
      return v === undefined || v === '' ? null : v;
    };
    this.dispatchEvent(
      new CustomEvent('publish', {
        detail: {
          Name: value('Name'),
          Kind__c: this.kind,
          Body__c: value('Body__c'),
          Audience_Type__c: this.audienceType,
          Audience_Value__c: this.valueChoice ? this.audienceValue : null,
          Start_Date__c: value('Start_Date__c'),
          End_Date__c: value('End_Date__c'),
          Link_Url__c: value('Link_Url__c')
        }
      })
    );
  }

  /** Clears the form after the container saved the message. */
  @api
  reset() {
    ['Name', 'Body__c', 'Link_Url__c'].forEach((name) => {
      this.field(name).value = null;
    });
    this.audienceType = 'Everyone';
    this.audienceValue = null;
  }
}
