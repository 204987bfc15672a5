import {
  compareTeam,
  isBlank,
  isFieldVisible,
  remember,
  toBool,
  toNumber,
  toText,
  visibleSet
} from '../../scripts/engine/values';

// The value helpers every rule reads fields through. Each expectation follows from the rule in
// the helper's comment: blank means null, undefined or only whitespace; numbers must be finite;
// booleans come as booleans or as the strings the Bulk API writes.
describe('field values', () => {
  it('counts null, undefined, empty and whitespace-only text as blank, and false and 0 as values', () => {
    expect([null, undefined, '', '   ', '\t\n', '\u00a0', '\u3000 '].map(isBlank)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true
    ]);
    expect([' x ', 'false', false, 0, [], {}].map(isBlank)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false
    ]);
  });

  it('reads finite numbers from numbers and numeric text only', () => {
    expect(toNumber(12.5)).toBe(12.5);
    expect(toNumber(0)).toBe(0);
    expect(toNumber(-3)).toBe(-3);
    // Text is trimmed by Number(): ' 42 ' is 42; '1e3' is 1000.
    expect(toNumber(' 42 ')).toBe(42);
    expect(toNumber('1e3')).toBe(1000);
    // Number('') and Number('  ') are 0, but blank text is no number.
    expect(toNumber('')).toBeNull();
    expect(toNumber('   ')).toBeNull();
    expect(toNumber('12abc')).toBeNull();
    expect(toNumber(Infinity)).toBeNull();
    expect(toNumber(-Infinity)).toBeNull();
    expect(toNumber(NaN)).toBeNull();
    expect(toNumber('Infinity')).toBeNull();
    expect(toNumber(null)).toBeNull();
    expect(toNumber(true)).toBeNull();
  });

  it('trims text and gives null for blank or non-text values', () => {
    expect(toText('  Acme  ')).toBe('Acme');
    // White space at one end only, of each kind trim() removes: tab and line feed (below
    // U+0020), no-break space U+00A0 and ideographic space U+3000 (above ASCII).
    expect(toText('Acme ')).toBe('Acme');
    // A plain space (U+0020 itself) leading, the other end not white space.
    expect(toText(' Acme')).toBe('Acme');
    expect(toText('\tAcme')).toBe('Acme');
    expect(toText('Acme\n')).toBe('Acme');
    expect(toText('\u00a0Acme')).toBe('Acme');
    expect(toText('Acme\u00a0')).toBe('Acme');
    expect(toText('\u3000Acme')).toBe('Acme');
    // U+009F (a C1 control) and U+0021 are no white space: kept.
    expect(toText('\u009fAcme!')).toBe('\u009fAcme!');
    expect(toText('!')).toBe('!');
    expect(toText('a b')).toBe('a b');
    expect(toText('   ')).toBeNull();
    expect(toText('')).toBeNull();
    expect(toText(5)).toBeNull();
    expect(toText(null)).toBeNull();
  });

  it('reads booleans and the strings true and false, nothing else', () => {
    expect([true, false, 'true', 'false'].map(toBool)).toEqual([true, false, true, false]);
    expect(['TRUE', 'yes', 1, 0, '', null, undefined].map(toBool)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null
    ]);
  });

  it('keeps a memo to its limit by emptying it when full', () => {
    const memo = new Map<string, number>();
    expect(remember(memo, 2, 'a', 1)).toBe(1);
    expect(remember(memo, 2, 'b', 2)).toBe(2);
    expect([...memo]).toEqual([
      ['a', 1],
      ['b', 2]
    ]);
    // Two entries held, limit 2: the memo is emptied before the third goes in.
    expect(remember(memo, 2, 'c', 3)).toBe(3);
    expect([...memo]).toEqual([['c', 3]]);
  });

  it('decides field visibility from the given set, else from the keys the record holds', () => {
    expect(visibleSet(null)).toBeNull();
    expect(visibleSet(undefined)).toBeNull();
    const fromArray = visibleSet(['Amount', 'NextStep']);
    expect(fromArray).toBeInstanceOf(Set);
    expect([...(fromArray as Set<string>)]).toEqual(['Amount', 'NextStep']);
    const given = new Set(['Amount']);
    expect(visibleSet(given)).toBe(given);

    const record = { Amount: 5, NextStep: null, Type: undefined };
    // With a set, the set alone decides (a key in the record does not make it visible).
    expect(isFieldVisible(given, record, 'Amount')).toBe(true);
    expect(isFieldVisible(given, record, 'NextStep')).toBe(false);
    expect(isFieldVisible(given, {}, 'Amount')).toBe(true);
    // Without a set: a key present (even null or undefined) is visible, a missing key is not.
    expect(isFieldVisible(null, record, 'Amount')).toBe(true);
    expect(isFieldVisible(null, record, 'NextStep')).toBe(true);
    expect(isFieldVisible(null, record, 'Type')).toBe(true);
    expect(isFieldVisible(null, record, 'CloseDate')).toBe(false);
  });
});

describe('compareTeam', () => {
  it('orders manager ids as text, the team without a manager (null) last', () => {
    expect([compareTeam('005B', '005A'), compareTeam('005A', '005B')]).toEqual([1, -1]);
    expect([compareTeam('005A', null), compareTeam(null, '005A')]).toEqual([-1, 1]);
    expect([compareTeam(null, null), compareTeam('005A', '005A')]).toEqual([0, 0]);
    expect(['005B', null, '005A'].sort(compareTeam)).toEqual(['005A', '005B', null]);
  });
});
