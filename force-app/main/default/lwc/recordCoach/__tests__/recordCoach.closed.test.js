import RecordCoach from 'c/recordCoach';
import { getRecord } from 'lightning/uiRecordApi';
import { graphql } from 'lightning/graphql';
import { $, cleanUp, flush, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

const RECORD = require('./data/getRecord.json');
const GRAPHQL = require('./data/graphql.json');
const OPP_ID = '006000000000001AAA';

/** The record of data/getRecord.json, closed at `stage`. */
function closed(stage, won) {
  const copy = JSON.parse(JSON.stringify(RECORD));
  copy.fields.StageName = { value: stage, displayValue: stage };
  copy.fields.IsClosed = { value: true, displayValue: null };
  copy.fields.IsWon = { value: won, displayValue: null };
  return copy;
}

async function mount(record) {
  const element = await mountComponent('c-record-coach', RecordCoach, {
    recordId: OPP_ID,
    objectApiName: 'Opportunity',
    asOf: '2026-11-20'
  });
  getRecord.emit(record);
  // The insight the sync wrote while the deal was open (STALE;NO_NEXT_STEP;PUSHED;
  // NO_CONTACT_ROLE, two questions), as it stands until the next sync clears it.
  graphql.emit(GRAPHQL);
  await flush();
  return element;
}

const nudgeKeys = (el) =>
  [...el.shadowRoot.querySelectorAll('li[data-nudge]')].map((li) => li.dataset.nudge);

describe('c-record-coach on a closed opportunity', () => {
  afterEach(() => {
    cleanUp();
    window.localStorage.clear();
  });

  it.each([
    ['Closed Won', true],
    ['Closed Lost', false]
  ])('%s: no deal health and no open-deal nudge, only the record details', async (stage, won) => {
    const element = await mount(closed(stage, won));
    // A closed deal: the open-only rules (next step, activity, close date) do not apply; amount
    // 15, lead source 10 and description 5 are filled, type 5 is blank: 30 of 35 → 85.
    expect($(element, 'lightning-progress-ring').value).toBe(85);
    expect($(element, '[data-id="deal-health"]')).toBeNull();
    expect($(element, '[data-id="questions"]')).toBeNull();
    // Not Opp_ContactRole (raised by the open deal's NO_CONTACT_ROLE flag), nor next step or
    // activity: only the missing type (Opp_Details).
    expect(nudgeKeys(element)).toEqual([`Opp_Details:${OPP_ID}`]);
    await expect(element).toBeAccessible();
  });

  it('the same record open shows the deal health and the contact-role nudge', async () => {
    const element = await mount(RECORD);
    expect($(element, '[data-id="deal-health"]')).not.toBeNull();
    expect(nudgeKeys(element)).toContain(`Opp_ContactRole:${OPP_ID}`);
  });
});
