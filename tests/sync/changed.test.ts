// Whether a scored row differs from the one the org holds (scripts/sync/score.ts `changed`): the
// sync rewrites only rows that changed, so a false "changed" costs an API write and a false
// "same" leaves the org stale. Values come back from the API as strings, numbers or null.
import { changed } from '../../scripts/sync/score';

const FIELDS = ['Risk_Flags__c', 'Completeness_Score__c', 'Next_Step__c'];

describe('a row is written again only when a value changed', () => {
  it('a row the org does not hold yet is new', () => {
    expect(changed({ Completeness_Score__c: 5 }, undefined, FIELDS)).toBe(true);
  });

  it.each([
    ['no value, as undefined or null', undefined, null],
    ['an empty text and null', '', null],
    ['a number and its text', 5, '5'],
    ['a decimal text with trailing zeros and the number', '100.0', 100],
    ['a decimal below 1 with a trailing zero', '0.50', 0.5],
    // 0.1 + 0.2 is 0.30000000000000004 in floating point: compared to 6 decimals.
    ['a float sum and the value it stands for', 0.1 + 0.2, 0.3],
    ['the same text', 'Call back', 'Call back']
  ])('%s are the same', (_, next, current) => {
    expect(
      changed({ Completeness_Score__c: next }, { Completeness_Score__c: current }, FIELDS)
    ).toBe(false);
  });

  it.each([
    ['two numbers', 5, 6],
    ['a number and no value', 0, null],
    // A leading zero makes it an identifier, not a number: '007' is not 7.
    ['a text with a leading zero and the number', '007', 7],
    // Two texts that are not numbers compare as text (NaN is not a match).
    ['two texts that are not numbers', 'abc', 'xyz'],
    ['a blank text and no value', ' ', null]
  ])('%s differ', (_, next, current) => {
    expect(
      changed({ Completeness_Score__c: next }, { Completeness_Score__c: current }, FIELDS)
    ).toBe(true);
  });

  it('compares risk flags as a set, in any order', () => {
    const row = { Completeness_Score__c: 50 };
    expect(
      changed(
        { ...row, Risk_Flags__c: 'STALE;PUSHED' },
        { ...row, Risk_Flags__c: 'PUSHED;STALE' },
        FIELDS
      )
    ).toBe(false);
    expect(
      changed({ ...row, Risk_Flags__c: 'STALE' }, { ...row, Risk_Flags__c: 'PUSHED' }, FIELDS)
    ).toBe(true);
    // Flags cleared (a closed deal): the org's flags against none at all.
    expect(
      changed({ ...row, Risk_Flags__c: null }, { ...row, Risk_Flags__c: 'STALE' }, FIELDS)
    ).toBe(true);
    expect(changed({ ...row }, { ...row, Risk_Flags__c: 'STALE' }, FIELDS)).toBe(true);
    // Same flags, another field changed.
    const scored = { Completeness_Score__c: 60, Risk_Flags__c: 'STALE' };
    expect(changed(scored, { ...scored, Completeness_Score__c: 50 }, FIELDS)).toBe(true);
  });

  it('looks only at the fields it is given', () => {
    // Other__c, which differs, is not among the fields.
    const scored = { Completeness_Score__c: 5, Other__c: 'a' };
    expect(changed(scored, { ...scored, Other__c: 'b' }, FIELDS)).toBe(false);
  });
});
