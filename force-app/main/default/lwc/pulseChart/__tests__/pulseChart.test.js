import PulseChart from 'c/pulseChart';
import {
  $,
  $$,
  cleanUp,
  flush,
  mount as mountComponent
} from '../../ldsUtils/__tests__/componentTest';

const mount = (props) => mountComponent('c-pulse-chart', PulseChart, props);
/** The rows of the chart's table. */
const tableRows = (element) => $$($(element, '[data-id="table"]'), 'tbody tr');

/** A weekly line chart's properties: `title`, one series per week of `weeks`, and `more`. */
const weeklyLine = (title, weeks, series, more = {}) => ({
  type: 'line',
  title,
  categoryHeader: 'Week',
  categories: weeks,
  series,
  ...more
});

describe('c-pulse-chart', () => {
  afterEach(cleanUp);

  it('stacks the series bottom first, scaled to the tallest bar, with a table alternative', async () => {
    const element = await mount({
      type: 'stacked',
      title: 'Users on each rung',
      summary: 'Week 2: 4 users.',
      categoryHeader: 'Week',
      categories: ['W1', 'W2'],
      series: [
        { name: 'Low', values: [1, 3] },
        { name: 'High', values: [1, 1] }
      ]
    });
    expect($$(element, 'svg').map((svg) => svg.dataset.id)).toEqual(['stacked']);
    // The value axis: 0, half and the tallest bar (3 + 1).
    expect($$(element, 'text[text-anchor="end"]').map((t) => t.textContent)).toEqual([
      '0',
      '2',
      '4'
    ]);
    expect($$(element, '.pulse-legend li').map((li) => li.textContent.trim())).toEqual([
      'Low',
      'High'
    ]);
    expect($$(element, '[data-id="polyline"]')).toHaveLength(0);
    const bars = $$(element, '[data-id="bar"]');
    expect(bars).toHaveLength(2);
    // Plot: 180 high from y = 12 to y = 192; the tallest bar (4) fills it.
    const w2 = [...bars[1].querySelectorAll('rect')].map((r) => [
      r.getAttribute('y'),
      r.getAttribute('height')
    ]);
    expect(w2).toEqual([
      ['57', '135'],
      ['12', '45']
    ]);
    const w1 = [...bars[0].querySelectorAll('rect')].map((r) => r.getAttribute('height'));
    expect(w1).toEqual(['45', '45']);
    // The SVG is hidden from screen readers; the table carries the figures.
    expect($(element, 'svg').getAttribute('aria-hidden')).toBe('true');
    const rows = tableRows(element).map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['W1', '1', '1'],
      ['W2', '3', '1']
    ]);
    const table = $(element, '[data-id="table"]');
    expect(table.className).toBe('slds-assistive-text');
    expect($(table, 'caption').textContent.trim()).toBe('Users on each rung');
    expect($$(table, 'thead th').map((th) => th.textContent)).toEqual(['Week', 'Low', 'High']);
    await expect(element).toBeAccessible();
  });

  it('shows the table on request', async () => {
    const element = await mount(
      weeklyLine('Completeness', ['W1', 'W2'], [{ name: 'Score', values: [50, 60] }])
    );
    const toggle = $(element, '[data-id="toggle-table"]');
    expect(toggle.label).toBe('Show as table');
    toggle.click();
    await flush();
    expect($(element, '[data-id="table"]').className).toBe('slds-m-top_x-small');
    expect(toggle.label).toBe('Hide table');
    await expect(element).toBeAccessible();
  });

  it('breaks the line where a period has no value', async () => {
    const element = await mount(
      weeklyLine(
        'Tipping point',
        ['W1', 'W2', 'W3', 'W4'],
        [{ name: 'Adopted', values: [10, null, 40, 50] }],
        { target: 45, unit: ' %' }
      )
    );
    const lines = $$(element, '[data-id="polyline"]').map((p) => p.getAttribute('points'));
    // x from 40 to 628 in 3 steps of 196; y = 12 + 180 × (1 − v / 100).
    expect(lines).toEqual(['40,174', '432,120 628,102']);
    // A line has the bars' value axis but neither bars nor a legend (its table names the series).
    expect($$(element, 'svg').map((svg) => svg.dataset.id)).toEqual(['line']);
    expect($$(element, 'text[text-anchor="end"]').map((t) => t.textContent)).toEqual([
      '0',
      '50',
      '100'
    ]);
    expect($$(element, '[data-id="bar"]')).toHaveLength(0);
    expect($$(element, '.pulse-legend')).toHaveLength(0);
    const cells = tableRows(element).map((tr) => tr.children[1].textContent);
    expect(cells).toEqual(['10 %', 'No value', '40 %', '50 %']);
    expect($(element, '.pulse-target').getAttribute('y1')).toBe('111');
  });

  it('draws a gauge against its target', async () => {
    const element = await mount({
      type: 'gauge',
      value: 57.1,
      target: 45,
      unit: ' %',
      summary: '57.1 % of active users at Involvement or above.'
    });
    const value = $(element, '[data-id="gauge-value"]');
    expect(value.getAttribute('width')).toBe('365.44');
    expect(value.getAttribute('class')).toBe('pulse-gauge-reached');
    expect($(element, '.pulse-gauge-target').getAttribute('x1')).toBe('288');
    expect($(element, '[data-id="summary"]').textContent).toBe(
      '57.1 % of active users at Involvement or above.'
    );
    expect($(element, '[data-id="table"]')).toBeNull();
    // A single gauge is no list: its caption is the figure's.
    expect($(element, '[role="list"]')).toBeNull();
    expect($$(element, '[data-id="gauge-item"]')).toHaveLength(0);
    expect($(element, 'span[aria-hidden="true"]').textContent).toBe('57.1 %');
    await expect(element).toBeAccessible();
  });

  it('draws a list of gauges, each with its title, summary and value against the target', async () => {
    const element = await mount({
      type: 'gauges',
      target: 45,
      unit: ' %',
      gauges: [
        { key: 'a', title: 'Nia North', value: 66.7, summary: '3 users. Reached.' },
        { key: 'b', title: 'Morgan Manager', value: 20, summary: '4 users. Not reached.' },
        { key: 'c', title: 'Nobody active', value: null, summary: 'No active users.' }
      ]
    });
    expect($(element, '[role="list"]')).not.toBeNull();
    const items = $$(element, '[data-id="gauge-item"]');
    expect(items.map((li) => li.getAttribute('role'))).toEqual([
      'listitem',
      'listitem',
      'listitem'
    ]);
    expect(
      items.map((li) => [...li.querySelectorAll('p')].map((p) => p.textContent.trim()))
    ).toEqual([
      ['Nia North', '3 users. Reached.'],
      ['Morgan Manager', '4 users. Not reached.'],
      ['Nobody active', 'No active users.']
    ]);
    // 640 wide: 66.7 % is 426.88, 20 % is 128; the target 45 % at 288 on each.
    const value = (li) => li.querySelector('[data-id="gauge-value"]');
    expect(items.map((li) => value(li).getAttribute('width'))).toEqual(['426.88', '128', '0']);
    expect(items.map((li) => value(li).getAttribute('class'))).toEqual([
      'pulse-gauge-reached',
      'pulse-gauge-value',
      'pulse-gauge-value'
    ]);
    expect(items.map((li) => li.querySelector('.pulse-gauge-target').getAttribute('x1'))).toEqual([
      '288',
      '288',
      '288'
    ]);
    expect(items.map((li) => li.querySelector('span').textContent)).toEqual([
      '66.7 %',
      '20 %',
      'No value'
    ]);
    await expect(element).toBeAccessible();
  });

  it('draws an empty gauge when there is no value', async () => {
    const element = await mount({ type: 'gauge', value: null, target: 45 });
    const value = $(element, '[data-id="gauge-value"]');
    expect(value.getAttribute('width')).toBe('0');
    expect(value.getAttribute('class')).toBe('pulse-gauge-value');
    await expect(element).toBeAccessible();
  });
});
