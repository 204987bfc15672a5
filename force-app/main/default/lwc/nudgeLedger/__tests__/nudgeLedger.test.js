import { shownElsewhere, markShown } from 'c/nudgeLedger';

describe('c/nudgeLedger', () => {
  beforeEach(() => window.localStorage.clear());

  it('counts nudges shown today on other records, once each', () => {
    markShown('005A', '2026-11-20', ['Opp_NextStep:006A', 'Opp_Amount:006A']);
    markShown('005A', '2026-11-20', ['Opp_NextStep:006A', 'Con_Title:003B']);
    expect(shownElsewhere('005A', '2026-11-20', [])).toBe(3);
    expect(shownElsewhere('005A', '2026-11-20', ['Opp_NextStep:006A', 'Opp_Amount:006A'])).toBe(1);
    expect(shownElsewhere('005B', '2026-11-20', [])).toBe(0);
  });

  it('starts every day afresh and drops earlier days', () => {
    markShown('005A', '2026-11-20', ['Opp_NextStep:006A']);
    markShown('005A', '2026-11-21', ['Opp_Amount:006A']);
    expect(shownElsewhere('005A', '2026-11-21', [])).toBe(1);
    expect(shownElsewhere('005A', '2026-11-20', [])).toBe(0);
  });

  it('ignores corrupt storage', () => {
    window.localStorage.setItem('adoptionCoach.nudgesShown:005A:2026-11-20', '{not json');
    expect(shownElsewhere('005A', '2026-11-20', [])).toBe(0);
    markShown('005A', '2026-11-20', ['Opp_NextStep:006A']);
    expect(shownElsewhere('005A', '2026-11-20', [])).toBe(1);
  });
});
