import { loadConfigFile } from '../../scripts/build/load-config';
import { scoreCompleteness } from '../../scripts/engine';
import type { CoachingConfig } from '../../scripts/engine';

// One rule at a time on Account (weight 10, not open-only): the score is 100 when the value
// passes the check and 0 when it does not (floor(100 × earned ÷ 10)). The shipped config is
// loaded and validated here, inside each test, never when the module loads.
function onlyRule(rule: Record<string, unknown>): CoachingConfig {
  const c = loadConfigFile();
  c.objects.Account.rules = [{ id: 'acc-check', weight: 10, ...rule } as never];
  c.nudges.catalogue = c.nudges.catalogue.filter((n) => n.object !== 'Account');
  return c;
}
const score = (config: CoachingConfig, field: string, value: unknown) =>
  scoreCompleteness(config, 'Account', { [field]: value }, { asOf: '2024-03-01' }).score;

describe('value checks, at their edges', () => {
  it('percent: 0 to 100 inclusive, a number or numeric text', () => {
    const c = onlyRule({ type: 'valid', field: 'Probability__c', check: 'percent' });
    expect(
      [0, 100, 50.5, '75', -1, 100.01, 'abc'].map((v) => score(c, 'Probability__c', v))
    ).toEqual([100, 100, 100, 100, 0, 0, 0]);
  });

  it('phone: 7 to 15 digits, an extension not counted', () => {
    const c = onlyRule({ type: 'valid', field: 'Phone', check: 'phone' });
    expect(
      [
        '1234567', // 7 digits
        '123456', // 6
        '+44 20 7946 0958', // 12
        '123456789012345', // 15
        '1234567890123456', // 16
        '555-0100 ext 12', // 7 + extension
        '555-01 x 1234567', // 5 + extension: the extension does not make it a number
        '(555) 010-0100 x12', // 10 + extension
        'call me' // letters
      ].map((v) => score(c, 'Phone', v))
    ).toEqual([100, 0, 100, 100, 0, 100, 0, 100, 0]);
  });

  it('oneOf: only the listed values', () => {
    const c = onlyRule({ type: 'valid', field: 'Type', check: 'oneOf', values: ['Partner'] });
    expect(['Partner', 'Other'].map((v) => score(c, 'Type', v))).toEqual([100, 0]);
    const none = onlyRule({ type: 'valid', field: 'Type', check: 'oneOf' });
    expect(score(none, 'Type', 'Partner')).toBe(0);
  });

  it('phone: letters are no phone number, a number is no text, an extension needs no space', () => {
    const c = onlyRule({ type: 'valid', field: 'Phone', check: 'phone' });
    expect(
      [
        'call 5550100', // 7 digits, but letters outside an extension
        5550100123, // a number, not text: invalid (not blank, so not missing)
        '555 0100 ext123456789', // 7 + extension (9 digits, which would make 16 if counted)
        '555 0100 ext.123456789', // the same with the dot
        '555 0100 x 123456789' // the same with x and a space
      ].map((v) => score(c, 'Phone', v))
    ).toEqual([0, 0, 100, 100, 100]);
  });
});
