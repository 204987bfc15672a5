import RepTable from 'c/repTable';
import { cleanUp, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

const COLUMNS = [
  { label: 'Rep', fieldName: 'repName', type: 'button' },
  { label: 'Stage', fieldName: 'stage' },
  {
    label: 'Completeness',
    fieldName: 'completeness',
    type: 'percent',
    typeAttributes: { maximumFractionDigits: 0 }
  },
  { label: 'Trend', fieldName: 'trend', type: 'number' },
  {
    label: 'Pipeline',
    fieldName: 'pipeline',
    type: 'currency',
    typeAttributes: { currencyCode: 'USD', maximumFractionDigits: 0 }
  }
];

const ROWS = [
  {
    repId: '005A',
    repName: 'Ann',
    agendaTitle: 'Open the 1:1 agenda for Ann',
    stage: 'Acceptance',
    completeness: 0.825,
    trend: 5,
    trendIcon: 'utility:arrowup',
    trendLabel: 'Up 5 points',
    pipeline: 12500.4
  },
  { repId: '005B', repName: 'Bo', stage: null, completeness: null, trend: null, pipeline: 0 }
];

function mount(props) {
  return mountComponent('c-rep-table', RepTable, {
    columns: COLUMNS,
    rows: ROWS,
    caption: '2 reps',
    ...props
  });
}

const cells = (tr) =>
  Object.fromEntries(
    [...tr.querySelectorAll('td')].map((td) => [td.dataset.field, td.textContent])
  );

describe('c-rep-table', () => {
  afterEach(cleanUp);

  it('writes each value as the en-US locale does, blanks as nothing', async () => {
    const element = await mount({ sortedBy: 'repName', sortedDirection: 'asc' });
    const [ann, bo] = element.shadowRoot.querySelectorAll('tbody tr');
    // 0.825 as a percent with no decimals is 83%; 12,500.4 dollars with none is $12,500.
    expect(cells(ann)).toEqual({
      stage: 'Acceptance',
      completeness: '83%',
      trend: '5',
      pipeline: '$12,500'
    });
    expect(ann.querySelector('td[data-field="trend"] lightning-icon').alternativeText).toBe(
      'Up 5 points'
    );
    expect(cells(bo)).toEqual({ stage: '', completeness: '', trend: '', pipeline: '$0' });
    expect(element.shadowRoot.querySelector('table').getAttribute('aria-label')).toBe('2 reps');
    await expect(element).toBeAccessible();
  });

  it('marks the sorted column and fires sort and repselect', async () => {
    const element = await mount({ sortedBy: 'pipeline', sortedDirection: 'desc' });
    const sorts = [...element.shadowRoot.querySelectorAll('thead th')].map((th) =>
      th.getAttribute('aria-sort')
    );
    expect(sorts).toEqual(['none', 'none', 'none', 'none', 'descending']);
    const onSort = jest.fn();
    const onSelect = jest.fn();
    element.addEventListener('sort', onSort);
    element.addEventListener('repselect', onSelect);
    element.shadowRoot.querySelector('thead button[data-field="stage"]').click();
    element.shadowRoot.querySelectorAll('tbody th button')[1].click();
    expect(onSort.mock.calls[0][0].detail).toEqual({ fieldName: 'stage' });
    expect(onSelect.mock.calls[0][0].detail).toEqual({ repId: '005B' });
  });
});
