import { scoreCompleteness } from '../../scripts/engine';
import { validateConfig } from '../../scripts/engine/config-schema';
import type { CoachingConfig } from '../../scripts/engine';
import { config, configWithRule } from './helpers';

// Each record below holds one key only, so every other rule of its object is hidden (a key not
// held is a field the user cannot see) and the one rule decides the score: 100 when its value is
// valid, 0 with the reason 'invalid' when it is not.
const asOf = '2024-03-01';

function phoneVerdict(phone: string): [number | null, string[]] {
  const r = scoreCompleteness(config, 'Account', { Phone: phone }, { asOf });
  return [r.score, r.items.map((i) => `${i.ruleId}:${i.reason}`)];
}

describe('the phone check (acc-phone, 15)', () => {
  // The rule: only +, digits, spaces, ( ) . - / and one trailing extension (x or ext, with or
  // without a dot, then digits); 7 to 15 digits once the extension is taken off.
  it.each([
    ['555 0100', 'seven digits: the fewest allowed'],
    ['123456789012345', 'fifteen digits: the most allowed'],
    ['555 0100 x123456789', 'an extension of nine digits is not counted: 7 digits'],
    ['555 0100 x 123456789', 'spaces between x and its digits'],
    ['555 0100 ext 123456789', 'ext without its dot'],
    ['555 0100 EXT. 12', 'ext. in capitals'],
    ['+1 (415) 555-0100', 'plus, brackets and dashes: 11 digits']
  ])('accepts %s (%s)', (phone) => {
    expect(phoneVerdict(phone)).toEqual([100, []]);
  });

  it.each([
    ['555 010', 'six digits'],
    ['1234567890123456', 'sixteen digits'],
    ['call 555 0100', 'letters before the number, though it has 7 digits'],
    ['555-0100#12', 'a hash, though it has 9 digits'],
    ['555 0100 x', 'an extension with no digits']
  ])('refuses %s (%s)', (phone) => {
    expect(phoneVerdict(phone)).toEqual([0, ['acc-phone:invalid']]);
  });
});

describe('the percent check', () => {
  // A rule no shipped object uses: a share from 0 to 100, both ends included.
  function withPercentRule(): CoachingConfig {
    const c = configWithRule('Account', {
      id: 'acc-share',
      type: 'valid',
      field: 'Share__c',
      check: 'percent',
      weight: 10
    });
    const valid = validateConfig(c);
    if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
    return valid.config;
  }

  const invalid = ['acc-share:invalid'];
  it.each([
    [0, 100, []],
    [100, 100, []],
    ['42.5', 100, []],
    [100.5, 0, invalid],
    [-1, 0, invalid],
    ['half', 0, invalid]
  ])('scores %p as %p', (value, score, items) => {
    const r = scoreCompleteness(withPercentRule(), 'Account', { Share__c: value }, { asOf });
    expect(r.score).toBe(score);
    expect(r.items.map((i) => `${i.ruleId}:${i.reason}`)).toEqual(items);
  });
});
