import { BROWSER_CONFIG_SECTIONS, browserConfig } from '../../scripts/engine/browser-config';
import {
  decodeDealInsight,
  nextRungNeeds,
  nudgeCandidates,
  scoreCompleteness,
  selectNudges
} from '../../scripts/engine';
import { config, configCopy, openDeal } from './helpers';

describe('browserConfig', () => {
  it("keeps the browser's sections as they are, and of deal risk only the flags", () => {
    const part = browserConfig(config);
    for (const key of BROWSER_CONFIG_SECTIONS) expect(part[key]).toBe(config[key]);
    expect(part.risk).toEqual({ flags: config.risk.flags });
    expect(part.risk.flags).toBe(config.risk.flags);
    expect(Object.keys(part).sort()).toEqual([...BROWSER_CONFIG_SECTIONS, 'risk'].sort());
    for (const key of ['titles', 'wiifm', 'winRateWindowDays', 'version']) {
      expect(part).not.toHaveProperty(key);
    }
  });

  it('leaves out an optional section the config does not have', () => {
    const copy = configCopy();
    delete copy.governance;
    expect(browserConfig(copy)).not.toHaveProperty('governance');
  });

  it('is enough for the engine functions the components call', () => {
    // A fresh copy, so nothing the full config compiled is reused.
    const part = browserConfig(configCopy());
    // openDeal (helpers.ts) earns lead source 10 and description 5 of the 90 Opportunity points:
    // floor(100 × 15 / 90) = 16; its items are next step 20, activity 20 (stale), close date 15
    // (past), amount 15 (invalid: 0), type 5 (missing).
    const scored = scoreCompleteness(part, 'Opportunity', openDeal, { asOf: '2024-03-01' });
    expect(scored.score).toBe(16);
    expect(scored.items.map((i) => i.ruleId)).toEqual([
      'opp-next-step',
      'opp-activity',
      'opp-close-date',
      'opp-amount',
      'opp-type'
    ]);
    // The nudges of those rules, by priority: next step 90, close date 85, activity 80, amount
    // 60, details (type) 30.
    const candidates = nudgeCandidates(part, 'Opportunity', '006A', { completeness: scored });
    expect(candidates.map((c) => c.nudgeKey)).toEqual([
      'Opp_NextStep',
      'Opp_CloseDate',
      'Opp_Activity',
      'Opp_Amount',
      'Opp_Details'
    ]);
    // Budget 2 a day, nothing answered yet: the first two show.
    const selection = selectNudges(part, {
      candidates,
      responses: [],
      asOf: '2024-03-01',
      shownToday: 0,
      budget: 2
    });
    expect(selection.show.map((c) => c.nudgeKey)).toEqual(['Opp_NextStep', 'Opp_CloseDate']);
    // STALE 3 + PUSHED 2 (the shipped flag weights).
    expect(decodeDealInsight(part, { Risk_Flags__c: 'STALE;PUSHED' }).riskWeight).toBe(5);
    // Understanding needs a login and one engagement; neither is shown yet.
    expect(nextRungNeeds(part, 'Awareness', { loggedIn: false, engagements: 0 }).needs).toEqual([
      { criterion: 'login', target: 1 },
      { criterion: 'engagements', target: 1 }
    ]);
  });
});
