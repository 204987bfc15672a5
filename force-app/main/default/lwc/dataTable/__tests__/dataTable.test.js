import DataTable from 'c/dataTable';
import { $, $$, cleanUp, mount, texts } from '../../ldsUtils/__tests__/componentTest';

const MANAGERS = {
  caption: 'Coaching',
  columns: [
    { key: 'name', label: 'Manager' },
    { key: 'sessions', label: '1:1s' },
    { key: 'note', label: 'Note', wrap: true }
  ],
  rows: [
    { key: 'm1', name: 'Alex', sessions: 2, note: 'Weekly' },
    { key: 'm2', name: 'Bo', sessions: 0, note: 'None yet' }
  ]
};

// The first roadblock is overdue; the second is being closed (its button disabled) and, for the
// test of a total, bold.
const ROADBLOCKS = {
  caption: 'Roadblocks',
  columns: [
    { key: 'subject', label: 'Subject' },
    {
      key: 'due',
      label: 'Due',
      type: 'date',
      badge: { field: 'overdue', label: 'Overdue', theme: 'warning' }
    }
  ],
  rows: [
    {
      key: 'r1',
      subject: 'Quotes',
      due: '2026-11-20',
      overdue: true,
      action: { label: 'Close Quotes', disabled: false }
    },
    {
      key: 'r2',
      subject: 'Forecast',
      due: '2026-12-20',
      overdue: false,
      bold: true,
      action: { label: 'Close Forecast', disabled: true }
    }
  ]
};

const cellTexts = (tr) => [...tr.children].map((c) => c.textContent.trim());

describe('c-data-table', () => {
  afterEach(cleanUp);

  it('heads each row by its first column, one cell a column, under a hidden caption', async () => {
    const element = await mount('c-data-table', DataTable, MANAGERS);
    const table = $(element, 'table');
    expect(table.className).toBe('slds-table slds-table_bordered slds-table_cell-buffer');
    expect(table.hasAttribute('aria-label')).toBe(false);
    const caption = $(element, 'caption');
    expect(caption.className).toBe('slds-assistive-text');
    expect(caption.textContent.trim()).toBe('Coaching');
    const headers = $$(element, 'thead th');
    expect(headers.map((th) => [th.scope, th.textContent])).toEqual([
      ['col', 'Manager'],
      ['col', '1:1s'],
      ['col', 'Note']
    ]);
    const trs = $$(element, 'tbody tr');
    expect(trs.map((tr) => tr.dataset.key)).toEqual(['m1', 'm2']);
    expect(trs.map(cellTexts)).toEqual([
      ['Alex', '2', 'Weekly'],
      ['Bo', '0', 'None yet']
    ]);
    const first = [...trs[0].children];
    expect(first.map((c) => [c.tagName, c.getAttribute('scope')])).toEqual([
      ['TH', 'row'],
      ['TD', null],
      ['TD', null]
    ]);
    // Each cell names its column twice: for tests (data-field) and for stacked rows (data-label).
    expect(first.map((c) => [c.dataset.field, c.dataset.label])).toEqual([
      ['name', 'Manager'],
      ['sessions', '1:1s'],
      ['note', 'Note']
    ]);
    expect(first.map((c) => c.className)).toEqual(['', '', 'slds-cell-wrap']);
    expect(trs[0].className).toBe('');
    await expect(element).toBeAccessible();
  });

  it('stacks on narrow screens, and takes a name besides its caption', async () => {
    const element = await mount('c-data-table', DataTable, {
      ...MANAGERS,
      label: 'Pipeline review',
      stacked: true
    });
    const table = $(element, 'table');
    expect(table.className).toBe(
      'slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked'
    );
    expect(table.getAttribute('aria-label')).toBe('Pipeline review');
    await expect(element).toBeAccessible();
  });

  it('shows dates in UTC, a badge where the row earns it, a total in bold, and no buttons without an action', async () => {
    const element = await mount('c-data-table', DataTable, ROADBLOCKS);
    const dates = $$(element, 'lightning-formatted-date-time');
    expect(dates.map((d) => [d.value, d.timeZone])).toEqual([
      ['2026-11-20', 'UTC'],
      ['2026-12-20', 'UTC']
    ]);
    const badges = $$(element, '[data-field="due"] span');
    expect(badges).toHaveLength(1);
    expect(badges[0].textContent).toBe('Overdue');
    expect(badges[0].className).toBe('slds-badge slds-theme_warning slds-m-left_xx-small');
    expect($(element, 'tr[data-key="r1"] [data-field="due"] span')).toBe(badges[0]);
    expect($$(element, 'tbody tr').map((tr) => tr.className)).toEqual(['', 'slds-text-title_bold']);
    expect(texts(element, 'thead th')).toEqual(['Subject', 'Due']);
    expect($(element, 'button')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('ends each row with its action’s button, which fires rowaction with the row’s key', async () => {
    const element = await mount('c-data-table', DataTable, {
      ...ROADBLOCKS,
      action: { heading: 'Action', text: 'Close' }
    });
    expect(texts(element, 'thead th')).toEqual(['Subject', 'Due', 'Action']);
    const handler = jest.fn();
    element.addEventListener('rowaction', handler);
    const buttons = $$(element, 'tbody td:last-child button');
    expect(
      buttons.map((b) => [b.textContent.trim(), b.getAttribute('aria-label'), b.disabled])
    ).toEqual([
      ['Close', 'Close Quotes', false],
      ['Close', 'Close Forecast', true]
    ]);
    expect(buttons[0].className).toBe('slds-button slds-button_neutral');
    expect(buttons[0].parentElement.dataset.label).toBe('Action');
    buttons[0].click();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail).toEqual({ key: 'r1' });
    await expect(element).toBeAccessible();
  });

  it('has no caption without one, a header row without rows, and stripes', async () => {
    const element = await mount('c-data-table', DataTable, {
      label: 'Weeks',
      columns: MANAGERS.columns,
      rows: [],
      striped: true
    });
    expect($(element, 'caption')).toBeNull();
    expect($(element, 'table').className).toBe(
      'slds-table slds-table_bordered slds-table_cell-buffer slds-table_striped'
    );
    expect(texts(element, 'thead th')).toEqual(['Manager', '1:1s', 'Note']);
    expect($$(element, 'tbody tr')).toHaveLength(0);
    await expect(element).toBeAccessible();
  });
});
