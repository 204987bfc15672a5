import ItemSection from 'c/itemSection';
import { $, $$, cleanUp, mount } from '../../ldsUtils/__tests__/componentTest';

const items = [
  { key: 'a', text: 'Close date moved 2 times' },
  { key: 'b', text: '41 days in this stage' }
];
const texts = (element, selector) => $$(element, selector).map((n) => n.textContent);

describe('c-item-section', () => {
  afterEach(cleanUp);

  it('names its list by its level-3 heading, one dotted line an item', async () => {
    const element = await mount('c-item-section', ItemSection, {
      heading: 'Why it matters',
      items,
      emptyText: 'Nothing yet.'
    });
    const section = $(element, 'section');
    const heading = $(element, 'h3');
    expect(heading.textContent).toBe('Why it matters');
    expect(section.getAttribute('aria-labelledby')).toBe(heading.id);
    expect($(element, 'ul').className).toBe('slds-list_dotted');
    expect(texts(element, 'li')).toEqual(['Close date moved 2 times', '41 days in this stage']);
    expect($(element, 'p')).toBeNull();
    expect($(element, 'slot')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('puts inline items side by side with dividers', async () => {
    const element = await mount('c-item-section', ItemSection, {
      heading: 'Deal health',
      items,
      inline: true
    });
    expect([...$(element, 'ul').classList]).toEqual([
      'slds-list_horizontal',
      'slds-has-dividers_right',
      'slds-wrap',
      'slds-m-top_xx-small'
    ]);
    expect($$(element, 'li.slds-item')).toHaveLength(2);
    await expect(element).toBeAccessible();
  });

  it('says its sentence when there is no item, and nothing without one', async () => {
    const element = await mount('c-item-section', ItemSection, {
      heading: 'Why it matters',
      items: [],
      emptyText: 'Nothing yet.'
    });
    expect($(element, 'ul')).toBeNull();
    expect($(element, 'p.slds-text-color_weak').textContent).toBe('Nothing yet.');
    element.emptyText = undefined;
    await Promise.resolve();
    expect($(element, 'p')).toBeNull();
    await expect(element).toBeAccessible();
  });
});
