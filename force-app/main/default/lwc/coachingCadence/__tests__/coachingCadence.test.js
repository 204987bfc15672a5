import CoachingCadence from 'c/coachingCadence';
import { cleanUp, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

function mount(props) {
  return mountComponent('c-coaching-cadence', CoachingCadence, props);
}

const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
const table = (element) => element.shadowRoot.querySelector('c-data-table');
const rows = (element) =>
  [...table(element).shadowRoot.querySelectorAll('tbody tr')].map((r) => [
    r.querySelector('th').textContent.trim(),
    r.querySelector('td').textContent,
    r.querySelector('lightning-formatted-date-time').value
  ]);

// Ann: two sessions (the 3rd and the 12th), Bo: one (the 7th), a row without a rep is skipped.
const SESSIONS = [
  { Rep__c: '005A', 'Rep__r.Name': 'Ann', Session_Date__c: '2026-11-03' },
  { Rep__c: '005B', 'Rep__r.Name': 'Bo', Session_Date__c: '2026-11-07' },
  { Rep__c: '005A', 'Rep__r.Name': 'Ann', Session_Date__c: '2026-11-12' },
  { Rep__c: null, Session_Date__c: '2026-11-13' }
];

describe('c-coaching-cadence', () => {
  afterEach(cleanUp);

  it('lists sessions per rep, fewest first, with each rep’s latest date', async () => {
    const element = await mount({ sessions: SESSIONS, days: 30 });
    // Bo 1 before Ann 2; Ann's latest of the 3rd and the 12th is the 12th.
    expect(rows(element)).toEqual([
      ['Bo', '1', '2026-11-07'],
      ['Ann', '2', '2026-11-12']
    ]);
    // 1 + 2 = 3 sessions, both reps had one.
    expect($(element, 'cadence-summary').textContent).toBe(
      '3 sessions with 2 reps in the last 30 days.'
    );
    expect($(element, 'cadence-coverage')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('with the team known, lists its reps without a session first and counts who had one', async () => {
    const element = await mount({
      sessions: SESSIONS,
      days: 14,
      teamReps: [
        { repId: '005A', repName: 'Ann' },
        { repId: '005C', repName: 'Cy' }
      ]
    });
    // Cy 0, then Bo 1 (not in the team, but coached), then Ann 2.
    expect(rows(element).map((r) => [r[0], r[1]])).toEqual([
      ['Cy', '0'],
      ['Bo', '1'],
      ['Ann', '2']
    ]);
    // Of the team's two reps only Ann had a 1:1.
    expect($(element, 'cadence-coverage').textContent.trim()).toBe(
      '1 of your 2 reps had a 1:1 with you in the last 14 days.'
    );
  });

  it('says so when there are no sessions, and while they load', async () => {
    const element = await mount({ sessions: [], days: 30 });
    expect($(element, 'cadence-empty')).not.toBeNull();
    element.loading = true;
    await Promise.resolve();
    expect($(element, 'cadence-empty')).toBeNull();
    expect(table(element)).toBeNull();
  });
});
