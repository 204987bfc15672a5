import RepCard from 'c/repCard';
import { $, $$, cleanUp, mount } from '../../ldsUtils/__tests__/componentTest';

const card = {
  repId: '005000000000001AAA',
  repName: 'Bea Brown',
  agendaTitle: 'Open the 1:1 agenda of Bea Brown',
  stage: 'Understanding',
  trendLabel: 'Up 1 point since the week before',
  metrics: [
    { key: 'completeness', label: 'Completeness', value: 0.41, style: 'percent', digits: 0 },
    { key: 'pipeline', label: 'Pipeline', value: 10000, style: 'currency', digits: 0 }
  ]
};

describe('c-rep-card', () => {
  afterEach(cleanUp);

  it('shows the rep, their rung and trend, and each figure under its term', async () => {
    const element = await mount('c-rep-card', RepCard, { card, currency: 'EUR' });
    const button = $(element, 'button');
    expect(button.textContent.trim()).toBe('Bea Brown');
    expect(button.title).toBe('Open the 1:1 agenda of Bea Brown');
    expect($(element, 'p').textContent).toBe('Understanding · Up 1 point since the week before');
    expect($$(element, 'dt').map((dt) => dt.textContent)).toEqual(['Completeness', 'Pipeline']);
    const numbers = $$(element, 'dd lightning-formatted-number');
    expect(numbers.map((n) => [n.value, n.formatStyle, n.currencyCode])).toEqual([
      [0.41, 'percent', 'EUR'],
      [10000, 'currency', 'EUR']
    ]);
    await expect(element).toBeAccessible();
  });

  it('leaves the trend out when there is none', async () => {
    const element = await mount('c-rep-card', RepCard, { card: { ...card, trendLabel: null } });
    expect($(element, 'p').textContent.trim()).toBe('Understanding');
    expect($(element, 'p span')).toBeNull();
  });

  it('fires repselect with the rep when the name is clicked', async () => {
    const element = await mount('c-rep-card', RepCard, { card });
    const onSelect = jest.fn();
    element.addEventListener('repselect', onSelect);
    $(element, 'button').click();
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect.mock.calls[0][0].detail).toEqual({ repId: '005000000000001AAA' });
    expect(onSelect.mock.calls[0][0].bubbles).toBe(true);
  });
});
