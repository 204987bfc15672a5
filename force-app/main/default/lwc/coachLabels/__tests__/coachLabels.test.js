import { getLabel, formatLabel } from 'c/coachLabels';

// In jest every custom label resolves to its own name, `c.<Name>`.
describe('c/coachLabels', () => {
  it('looks up a label the config names, and returns an unknown name as is', () => {
    expect(getLabel('Coach_Q_PastDue')).toBe('c.Coach_Q_PastDue');
    expect(getLabel('Not_A_Label')).toBe('Not_A_Label');
    expect(getLabel('hasOwnProperty')).toBe('hasOwnProperty');
  });

  it('fills numbered placeholders and leaves missing ones', () => {
    expect(formatLabel('{0} % vs {1} % ({2} deals)', [62, 31, 40])).toBe('62 % vs 31 % (40 deals)');
    expect(formatLabel('{0} and {1}', ['a'])).toBe('a and {1}');
    expect(formatLabel('{0}', [0])).toBe('0');
    expect(formatLabel(undefined, [1])).toBe('');
  });
});
