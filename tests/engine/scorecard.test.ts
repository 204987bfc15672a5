import { scorecardScore } from '../../scripts/engine';
import { config, configCopy } from './helpers';

describe("the sponsor's scorecard", () => {
  it('weighs people, process and technology 50/30/20 as the config says', () => {
    // (50 × 40 + 30 × 70 + 20 × 90) ÷ 100 = (2000 + 2100 + 1800) ÷ 100 = 59.
    expect(scorecardScore(config, { people: 40, process: 70, technology: 90 })).toBe(59);
  });

  it('leaves out a part without a value and rounds to one decimal', () => {
    // (50 × 33 + 20 × 10) ÷ 70 = 1850 ÷ 70 = 26.428… → 26.4.
    expect(scorecardScore(config, { people: 33, process: null, technology: 10 })).toBe(26.4);
    expect(scorecardScore(config, { people: null, process: null, technology: null })).toBeNull();
  });

  it('follows weights changed in the config', () => {
    const changed = configCopy();
    changed.scorecardWeights = { people: 0, process: 1, technology: 1 };
    // People weighs nothing: (70 + 90) ÷ 2 = 80.
    expect(scorecardScore(changed, { people: 40, process: 70, technology: 90 })).toBe(80);
    changed.scorecardWeights = { people: 0, process: 0, technology: 0 };
    expect(scorecardScore(changed, { people: 40, process: 70, technology: 90 })).toBeNull();
  });
});
