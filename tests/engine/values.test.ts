import * as values from '../../scripts/engine/values';

// The value helpers every rule reads fields through. Each expectation follows from the rule in
// the helper's comment: blank means null, undefined or only whitespace; numbers must be finite;
// booleans come as booleans or as the strings the Bulk API writes.
describe('field values', () => {
  it('counts null, undefined, empty and whitespace-only text as blank, and false and 0 as values', () => {
    expect([null, undefined, '', '   ', '\t\n', '\u00a0', '\u3000 '].map(values.isBlank)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true
    ]);
    expect([' x ', 'false', false, 0, [], {}].map(values.isBlank)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false
    ]);
  });

  it('reads finite numbers from numbers and numeric text only', () => {
    expect(values.toNumber(12.5)).toBe(12.5);
    expect(values.toNumber(0)).toBe(0);
    expect(values.toNumber(-3)).toBe(-3);
    // Text is trimmed by Number(): ' 42 ' is 42; '1e3' is 1000.
    expect(values.toNumber(' 42 ')).toBe(42);
    expect(values.toNumber('1e3')).toBe(1000);
    // Number('') and Number('  ') are 0, but blank text is no number.
    expect(values.toNumber('')).toBeNull();
    expect(values.toNumber('   ')).toBeNull();
    expect(values.toNumber('12abc')).toBeNull();
    expect(values.toNumber(Infinity)).toBeNull();
    expect(values.toNumber(-Infinity)).toBeNull();
    expect(values.toNumber(NaN)).toBeNull();
    expect(values.toNumber('Infinity')).toBeNull();
    expect(values.toNumber(null)).toBeNull();
    expect(values.toNumber(true)).toBeNull();
  });

  it('trims text and gives null for blank or non-text values', () => {
    expect(values.toText('  Acme  ')).toBe('Acme');
    // White space at one end only, of each kind trim() removes: tab and line feed (below
    // U+0020), no-break space U+00A0 and ideographic space U+3000 (above ASCII).
    expect(values.toText('Acme ')).toBe('Acme');
    // A plain space (U+0020 itself) leading, the other end not white space.
    expect(values.toText(' Acme')).toBe('Acme');
    expect(values.toText('\tAcme')).toBe('Acme');
    expect(values.toText('Acme\n')).toBe('Acme');
    expect(values.toText('\u00a0Acme')).toBe('Acme');
    expect(values.toText('Acme\u00a0')).toBe('Acme');
    expect(values.toText('\u3000Acme')).toBe('Acme');
    // U+009F (a C1 control) and U+0021 are no white space: kept.
    expect(values.toText('\u009fAcme!')).toBe('\u009fAcme!');
    expect(values.toText('!')).toBe('!');
    expect(values.toText('a b')).toBe('a b');
    expect(values.toText('   ')).toBeNull();
    expect(values.toText('')).toBeNull();
    expect(values.toText(5)).toBeNull();
    expect(values.toText(null)).toBeNull();
  });

  it('reads booleans and the strings true and false, nothing else', () => {
    expect([true, false, 'true', 'false'].map(values.toBool)).toEqual([true, false, true, false]);
    expect(['TRUE', 'yes', 1, 0, '', null, undefined].map(values.toBool)).toEqual([
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
    expect(values.remember(memo, 2, 'a', 1)).toBe(1);
    expect(values.remember(memo, 2, 'b', 2)).toBe(2);
    expect([...memo]).toEqual([
      ['a', 1],
      ['b', 2]
    ]);
    // Two entries held, limit 2: the memo is emptied before the third goes in.
    expect(values.remember(memo, 2, 'c', 3)).toBe(3);
    expect([...memo]).toEqual([['c', 3]]);
  });

  it('decides field visibility from the given set, else from the keys the record holds', () => {
    expect(values.visibleSet(null)).toBeNull();
    expect(values.visibleSet(undefined)).toBeNull();
    const fromArray = values.visibleSet(['Amount', 'NextStep']);
    expect(fromArray).toBeInstanceOf(Set);
    expect([...(fromArray as Set<string>)]).toEqual(['Amount', 'NextStep']);
    const given = new Set(['Amount']);
    expect(values.visibleSet(given)).toBe(given);

    const record = { Amount: 5, NextStep: null, Type: undefined };
    // With a set, the set alone decides (a key in the record does not make it visible).
    expect(values.isFieldVisible(given, record, 'Amount')).toBe(true);
    expect(values.isFieldVisible(given, record, 'NextStep')).toBe(false);
    expect(values.isFieldVisible(given, {}, 'Amount')).toBe(true);
    // Without a set: a key present (even null or undefined) is visible, a missing key is not.
    expect(values.isFieldVisible(null, record, 'Amount')).toBe(true);
    expect(values.isFieldVisible(null, record, 'NextStep')).toBe(true);
    expect(values.isFieldVisible(null, record, 'Type')).toBe(true);
    expect(values.isFieldVisible(null, record, 'CloseDate')).toBe(false);
  });
});

describe('compareTeam', () => {
  it('orders manager ids as text, the team without a manager (null) last', () => {
    expect([values.compareTeam('005B', '005A'), values.compareTeam('005A', '005B')]).toEqual([
      1, -1
    ]);
    expect([values.compareTeam('005A', null), values.compareTeam(null, '005A')]).toEqual([-1, 1]);
    expect([values.compareTeam(null, null), values.compareTeam('005A', '005A')]).toEqual([0, 0]);
    expect(['005B', null, '005A'].sort(values.compareTeam)).toEqual(['005A', '005B', null]);
  });
});
