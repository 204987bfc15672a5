/** The sync's texts from the custom labels (scripts/sync/texts.ts). */
import { join } from 'node:path';
import { formatText, LABELS_FILE } from '../../scripts/sync/texts';

const labels = new Map([
  ['Two', '{0} won {1} deals'],
  ['Same', '{0}, {0} and {2}'],
  ['Eleven', '{10}!'],
  ['Plain', 'no placeholder {x}']
]);

describe('formatText', () => {
  it('fills each {n} with the n-th parameter, as a string', () => {
    expect(formatText(labels, 'Two', ['Ana', 3])).toBe('Ana won 3 deals');
    expect(formatText(labels, 'Same', ['a', 'b', 0])).toBe('a, a and 0');
    expect(formatText(labels, 'Eleven', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 'ten'])).toBe('ten!');
    expect(formatText(labels, 'Plain', ['a'])).toBe('no placeholder {x}');
  });

  it('keeps a placeholder whose parameter is missing, undefined or null', () => {
    expect(formatText(labels, 'Two', ['Ana'])).toBe('Ana won {1} deals');
    expect(formatText(labels, 'Two')).toBe('{0} won {1} deals');
    expect(formatText(labels, 'Two', [null, undefined])).toBe('{0} won {1} deals');
    // Falsy values that are values: '' and false are written.
    expect(formatText(labels, 'Two', ['', false])).toBe(' won false deals');
  });

  it('an unknown label is an error naming it and the labels file', () => {
    expect(() => formatText(labels, 'Nope')).toThrow(
      `custom label Nope is missing from ${LABELS_FILE}`
    );
    expect(
      LABELS_FILE.endsWith(
        join('force-app', 'main', 'default', 'labels', 'CustomLabels.labels-meta.xml')
      )
    ).toBe(true);
  });
});
