// Training offers, case by case, from the shipped config's governance.training: paths
// Getting_Started (no nudges), Opportunity_Basics (Opp_NextStep, Opp_CloseDate, Opp_Amount,
// Opp_Details), Buying_Committee (Opp_ContactRole, Opp_DecisionMaker, Con_Title) and
// Activity_Habits (Opp_Activity, Acc_Touch, Con_Touch, Lead_FollowUp); remedial paths
// Understanding → Getting_Started, Acceptance → Opportunity_Basics, Involvement →
// Activity_Habits, Commitment → Buying_Committee; new hires (30 days) → Getting_Started.
// The rungs, lowest first: Awareness, Understanding, Acceptance, Involvement, Commitment.
import { trainingOffers, type TrainingInput } from '../../scripts/engine/training';
import { config, configCopy } from './helpers';

/** A rep created long ago who held the Acceptance rung, as of 2026-11-25. */
const base: TrainingInput = {
  asOf: '2026-11-25',
  userCreated: '2025-01-01T09:00:00.000Z',
  stage: 'Acceptance',
  previousStage: 'Acceptance',
  dontKnowNudges: [],
  done: []
};

const offers = (over: Partial<TrainingInput>) =>
  trainingOffers(config, { ...base, ...over }).map((o) => [o.key, o.reason, o.because, o.done]);

describe('training offers, case by case', () => {
  it('offers nothing when the config has no governance section', () => {
    const c = configCopy();
    delete c.governance;
    // With the shipped config this rep would get a remedial, a "don't know" and a new-hire path.
    const rep = {
      ...base,
      userCreated: '2026-11-20',
      stage: 'Awareness',
      previousStage: 'Commitment',
      dontKnowNudges: ['Opp_Amount']
    };
    expect(trainingOffers(config, rep)).toHaveLength(3);
    expect(trainingOffers(c, rep)).toEqual([]);
  });

  it('refuses an asOf that is not a date', () => {
    expect(() => trainingOffers(config, { ...base, asOf: '25/11/2026' })).toThrow(
      `asOf must be a 'YYYY-MM-DD' date or an ISO datetime, got "25/11/2026"`
    );
  });

  it("gives the path's title label and link, and offers the remedial path of a drop to the lowest rung", () => {
    // Understanding → Awareness: a drop, to rung 0.
    expect(
      trainingOffers(config, { ...base, previousStage: 'Understanding', stage: 'Awareness' })
    ).toEqual([
      {
        key: 'Getting_Started',
        label: 'Training_GettingStarted',
        url: 'https://trailhead.salesforce.com/search?keywords=sales%20cloud%20basics',
        reason: 'remedial',
        because: 'Understanding',
        done: false
      }
    ]);
  });

  it('offers no remedial path without a rung this week or last week, nor for a climb', () => {
    // No rung this week (not on the ladder): no drop to speak of.
    expect(offers({ previousStage: 'Commitment', stage: null })).toEqual([]);
    // No rung last week.
    expect(offers({ previousStage: null, stage: 'Awareness' })).toEqual([]);
    // A climb, Acceptance → Involvement.
    expect(offers({ previousStage: 'Acceptance', stage: 'Involvement' })).toEqual([]);
  });

  it('skips a nudge no path covers, and offers the path of the next, marked done when done', () => {
    expect(offers({ dontKnowNudges: ['Opp_Unknown'] })).toEqual([]);
    // Acc_Touch is Activity_Habits' nudge; the rep marked that path done.
    expect(
      trainingOffers(config, {
        ...base,
        dontKnowNudges: ['Opp_Unknown', 'Acc_Touch'],
        done: ['Activity_Habits']
      })
    ).toEqual([
      {
        key: 'Activity_Habits',
        label: 'Training_ActivityHabits',
        url: 'https://trailhead.salesforce.com/search?keywords=log%20activities',
        reason: 'dontKnow',
        because: 'Acc_Touch',
        done: true
      }
    ]);
  });

  it('counts a user created on asOf as new, and one created after asOf or with no date as not', () => {
    // Created on asOf: 0 days before, inside 30.
    expect(offers({ userCreated: '2026-11-25T08:00:00.000Z' })).toEqual([
      ['Getting_Started', 'newHire', null, false]
    ]);
    // A view of an earlier day does not offer new-hire training to a user created later.
    expect(offers({ userCreated: '2026-11-26' })).toEqual([]);
    expect(offers({ userCreated: null })).toEqual([]);
    // A missing creation date is not 1970-01-01 (day 0), which on 1970-01-10 would be 9 days ago.
    expect(offers({ asOf: '1970-01-10', userCreated: null })).toEqual([]);
  });
});
