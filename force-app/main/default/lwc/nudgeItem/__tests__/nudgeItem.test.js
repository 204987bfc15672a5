import NudgeItem from 'c/nudgeItem';
import { $, $$, cleanUp, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

const KEY = 'Opp_NextStep:006000000000001AAA';
const LABELS = {
  SAVE: 'Save',
  CANCEL: 'Cancel',
  SNOOZE: 'Snooze',
  SNOOZE_DAY: 'Until tomorrow',
  SNOOZE_WEEK: 'For a week',
  DISMISS: 'Dismiss'
};
const NUDGE = {
  key: KEY,
  text: 'Add the next step you agreed with the customer.',
  wiifm: 'Deals with a next step are won twice as often.',
  fields: ['NextStep', 'CloseDate'],
  actions: [
    { name: 'fix', label: 'Fix now' },
    { name: 'log-activity', label: 'Log an activity' }
  ],
  editing: false,
  dismissing: false,
  trainingUrl: 'https://example.com/next-step'
};

/** The nudge (NUDGE with `changes`) on the deal, with `saving`. */
const mount = (changes = {}, saving = false) =>
  mountComponent('c-nudge-item', NudgeItem, {
    nudge: { ...NUDGE, ...changes },
    labels: LABELS,
    saving,
    recordId: '006000000000001AAA',
    objectApiName: 'Opportunity'
  });

/** The `detail` of every `name` event the element fires from now on. */
function listen(element, name) {
  const details = [];
  element.addEventListener(name, (event) => details.push(event.detail));
  return details;
}

describe('c-nudge-item', () => {
  afterEach(cleanUp);

  it('draws the nudge, its WIIFM line and its buttons in the light DOM of its host', async () => {
    const element = await mount();
    // Light DOM: the container finds the controls under its own li[data-nudge].
    expect(element.shadowRoot).toBeNull();
    const [text, wiifm] = $$(element, 'p');
    expect(text.textContent).toBe('Add the next step you agreed with the customer.');
    expect(wiifm.dataset.id).toBe('wiifm');
    expect(wiifm.textContent).toBe('Deals with a next step are won twice as often.');
    const buttons = $$(element, `lightning-button[data-key="${KEY}"]`);
    expect(buttons.map((b) => [b.dataset.action, b.label])).toEqual([
      ['fix', 'Fix now'],
      ['log-activity', 'Log an activity'],
      ['dismiss', 'Dismiss']
    ]);
    const menu = $(element, `lightning-button-menu[data-key="${KEY}"]`);
    expect([menu.label, menu.disabled]).toEqual(['Snooze', false]);
    expect(
      $$(element, 'lightning-button-menu lightning-menu-item').map((i) => [i.value, i.label])
    ).toEqual([
      ['1', 'Until tomorrow'],
      ['7', 'For a week']
    ]);
    expect($(element, 'lightning-record-edit-form')).toBeNull();
    expect($(element, 'c-nudge-dismiss')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('draws no WIIFM line for a nudge without one', async () => {
    const element = await mount({ wiifm: null });
    expect($(element, '[data-id="wiifm"]')).toBeNull();
    expect($$(element, 'p').map((p) => p.textContent)).toEqual([NUDGE.text]);
  });

  it('fires nudgeaction with the button, snooze with the days and dismissstart, each with the key', async () => {
    const element = await mount();
    const actions = listen(element, 'nudgeaction');
    const snoozes = listen(element, 'snooze');
    const starts = listen(element, 'dismissstart');
    $(element, 'lightning-button[data-action="log-activity"]').click();
    $(element, 'lightning-button[data-action="fix"]').click();
    expect(actions).toEqual([
      { key: KEY, action: 'log-activity' },
      { key: KEY, action: 'fix' }
    ]);
    // The menu's values are text; the container gets a number of days.
    $(element, 'lightning-button-menu').dispatchEvent(
      new CustomEvent('select', { detail: { value: '7' } })
    );
    expect(snoozes).toEqual([{ key: KEY, days: 7 }]);
    $(element, 'lightning-button[data-action="dismiss"]').click();
    expect(starts).toEqual([{ key: KEY }]);
  });

  it('edits the fields in place: the form never saves itself, save carries the fields', async () => {
    const element = await mount({ editing: true }, true);
    const form = $(element, 'lightning-record-edit-form');
    expect([form.objectApiName, form.recordId, form.dataset.key]).toEqual([
      'Opportunity',
      '006000000000001AAA',
      KEY
    ]);
    expect(
      $$(element, 'lightning-record-edit-form lightning-input-field').map((f) => f.fieldName)
    ).toEqual(['NextStep', 'CloseDate']);
    // No action buttons while editing; Save waits while the container saves.
    expect($(element, '[data-action]')).toBeNull();
    const [cancel, save] = $$(element, 'lightning-record-edit-form lightning-button');
    expect([cancel.label, save.label, save.type, save.disabled]).toEqual([
      'Cancel',
      'Save',
      'submit',
      true
    ]);
    await expect(element).toBeAccessible();

    const saves = listen(element, 'save');
    const cancels = listen(element, 'cancel');
    const submit = new CustomEvent('submit', {
      detail: { fields: { NextStep: 'Call the CFO', CloseDate: '2026-12-18' } },
      cancelable: true
    });
    form.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    expect(saves).toEqual([
      { key: KEY, fields: { NextStep: 'Call the CFO', CloseDate: '2026-12-18' } }
    ]);
    cancel.click();
    expect(cancels).toEqual([{ key: KEY }]);
  });

  it('asks why on dismissing: the reason and comment go up with the key, and so does cancel', async () => {
    const element = await mount({ dismissing: true }, true);
    const dismiss = $(element, 'c-nudge-dismiss');
    expect([dismiss.trainingUrl, dismiss.saving]).toEqual(['https://example.com/next-step', true]);
    expect($(element, 'lightning-record-edit-form')).toBeNull();
    expect($(element, '[data-key]')).toBeNull();
    await expect(element).toBeAccessible();

    const dismissals = listen(element, 'dismiss');
    const cancels = listen(element, 'cancel');
    dismiss.dispatchEvent(
      new CustomEvent('dismiss', { detail: { reason: "I don't know how", comment: null } })
    );
    expect(dismissals).toEqual([{ key: KEY, reason: "I don't know how", comment: null }]);
    dismiss.dispatchEvent(new CustomEvent('cancel'));
    expect(cancels).toEqual([{ key: KEY }]);
  });

  it('disables snooze while the container saves', async () => {
    const element = await mount({}, true);
    expect($(element, 'lightning-button-menu').disabled).toBe(true);
  });
});
