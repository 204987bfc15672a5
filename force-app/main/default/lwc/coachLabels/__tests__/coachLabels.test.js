import { getLabel, formatCount, formatLabel } from 'c/coachLabels';

// In jest every custom label resolves to its text in CustomLabels.labels-meta.xml.
describe('c/coachLabels', () => {
  it('looks up a label the config names, and returns an unknown name as is', () => {
    expect(getLabel('Coach_Q_PastDue')).toBe(
      'The close date has passed. What is the realistic close date, and what has to happen first?'
    );
    expect(getLabel('Not_A_Label')).toBe('Not_A_Label');
    expect(getLabel('hasOwnProperty')).toBe('hasOwnProperty');
  });

  it('fills numbered placeholders and leaves missing ones', () => {
    expect(formatLabel('{0} % vs {1} % ({2} deals)', [62, 31, 40])).toBe('62 % vs 31 % (40 deals)');
    expect(formatLabel('{0} and {1}', ['a'])).toBe('a and {1}');
    expect(formatLabel('{0}', [0])).toBe('0');
    expect(formatLabel(undefined, [1])).toBe('');
  });

  it('picks the singular form for a count of 1 and the plural for any other count', () => {
    const one = '{0} tip for {1}';
    const other = '{0} tips for {1}';
    expect(formatCount(1, one, other, ['Ann'])).toBe('1 tip for Ann');
    expect(formatCount(0, one, other, ['Ann'])).toBe('0 tips for Ann');
    expect(formatCount(2, one, other, ['Ann'])).toBe('2 tips for Ann');
    expect(formatCount(1, '{0} day', '{0} days')).toBe('1 day');
  });
});
