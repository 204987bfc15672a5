import { classifyTitle } from '../../scripts/engine';
import { config } from './helpers';

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
