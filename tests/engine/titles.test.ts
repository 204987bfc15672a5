import { classifyTitle } from '../../scripts/engine/titles';
import { normaliseTitle, titleSeniority } from '../../scripts/engine/titles';
import { config, configCopy } from './helpers';

describe('classifyTitle', () => {
  it.each([
    ['Sr. VP, Sales Ops', 'Sales', 'VP'],
    ['CTO', 'Technology', 'C-level'],
    ['Chief Executive Officer', 'General Management', 'C-level'],
    ['Vice President of Marketing', 'Marketing', 'VP'],
    ['Account Executive', 'Sales', 'Individual'],
    ['Head of IT', 'Technology', 'Director'],
    ['Director, Procurement', 'Procurement', 'Director'],
    ['HR Manager', 'Human Resources', 'Manager'],
    ['cfo', 'Finance', 'C-level'],
    ['Sales Ops', 'Sales', 'Unknown'],
    ['Barista', 'Unknown', 'Unknown'],
    ['Owner', 'General Management', 'C-level']
  ])('%s → %s / %s', (title, fn, seniority) => {
    expect(classifyTitle(config, title)).toEqual({ function: fn, seniority });
  });

  it('answers Unknown for blank and non-text titles', () => {
    for (const t of ['', '   ', null, undefined, 42, '---']) {
      expect(classifyTitle(config, t)).toEqual({ function: 'Unknown', seniority: 'Unknown' });
    }
  });
});

describe('title text', () => {
  it('lower-cases and turns each run of other characters into one space, trimmed', () => {
    expect(normaliseTitle('Sr. VP, Sales Ops')).toBe('sr vp sales ops');
    expect(normaliseTitle('  R&D -- Lead  ')).toBe('r&d lead');
    expect(normaliseTitle('---')).toBe('');
  });

  it('gives the seniority alone, the same when asked again', () => {
    // 'vp' matches the VP patterns; 'cfo' the C-level ones; nothing matches 'barista'.
    for (let round = 0; round < 2; round++) {
      expect(titleSeniority(config, 'Sr. VP, Sales Ops')).toBe('VP');
      expect(titleSeniority(config, 'CFO')).toBe('C-level');
      expect(titleSeniority(config, 'Barista')).toBe('Unknown');
      expect(titleSeniority(config, ' -- ')).toBe('Unknown');
      expect(titleSeniority(config, 42)).toBe('Unknown');
    }
  });

  it('answers Unknown for a blank title even when a pattern would match anything', () => {
    // '.*' matches the empty text; a title with no letter or digit is still never guessed.
    const c = configCopy();
    c.titles.functions = [{ value: 'Anything', patterns: ['.*'] }];
    c.titles.seniorities = [{ value: 'Anyone', patterns: ['.*'] }];
    expect(classifyTitle(c, '---')).toEqual({ function: 'Unknown', seniority: 'Unknown' });
    expect(titleSeniority(c, ' -- ')).toBe('Unknown');
    expect(classifyTitle(c, 'Clerk')).toEqual({ function: 'Anything', seniority: 'Anyone' });
  });
});
