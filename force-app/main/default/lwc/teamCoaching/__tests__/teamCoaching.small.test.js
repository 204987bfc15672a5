import TeamCoaching from 'c/teamCoaching';
import { graphql } from 'lightning/graphql';
import { cleanUp, flush, mount as mountComponent } from '../../ldsUtils/__tests__/componentTest';

const TEAM_50 = require('./data/team50.json');
const FIVE = require('./data/five.json');

// The Salesforce mobile app: the team shows as cards.
jest.mock('@salesforce/client/formFactor', () => ({ default: 'Small' }), { virtual: true });

const teamQuery = (config) => Boolean(config.variables && config.variables.managerIds);

const mount = () => mountComponent('c-team-coaching', TeamCoaching, { asOf: '2026-11-22' });

// Each card's rep, in the shadow of its c-rep-card.
const cards = (element) =>
  [...element.shadowRoot.querySelectorAll('[data-id="card"] c-rep-card')].map((c) => c.shadowRoot);

const cardNames = (element) =>
  cards(element).map((card) => card.querySelector('button').textContent.trim());

describe('c-team-coaching on a phone', () => {
  afterEach(cleanUp);

  it('renders a card for each of 50 reps instead of the table', async () => {
    const element = await mount();
    graphql.emit(TEAM_50, teamQuery);
    await flush();
    // The desktop table (data-id="table", found by teamCoaching.test.js) gives way to the cards.
    expect(element.shadowRoot.querySelector('[data-id="table"]')).toBeNull();
    expect(cardNames(element)).toHaveLength(50);
    const card = cards(element)[9];
    const figures = [...card.querySelectorAll('lightning-formatted-number')].map((n) => n.value);
    // Rep 10: completeness 50 %, pipeline 10,000, 2 stale, 1 past due, 0 pushed,
    // 0 without next step, no win rate, 1 activity.
    expect(figures).toEqual([0.5, 10000, 2, 1, 0, 0, null, 1]);
    // Completeness against the week before: Rep 01 40 → 41 (1 point), Rep 10 47 → 50.
    const line = (i) => cards(element)[i].querySelector('p.slds-text-body_small').textContent;
    expect(line(0)).toBe('Understanding · Up 1 point since the week before');
    expect(line(9)).toBe('Awareness · Up 3 points since the week before');
    // The accessibility of the cards is checked on five reps below (axe over 400 figures is slow).
  });

  it('sorts with the sort-by choice and the direction button', async () => {
    const element = await mount();
    graphql.emit(FIVE, teamQuery);
    await flush();
    await expect(element).toBeAccessible();
    const field = element.shadowRoot.querySelector('[data-id="sort-field"]');
    field.dispatchEvent(new CustomEvent('change', { detail: { value: 'completeness' } }));
    await flush();
    expect(cardNames(element).join(', ')).toBe(
      'Bea Brown, Dana Diaz, Eve Evans, Chris Chen, ali Ahmed'
    );
    element.shadowRoot.querySelector('[data-id="sort-direction"]').click();
    await flush();
    expect(cardNames(element).join(', ')).toBe(
      'Chris Chen, Eve Evans, Dana Diaz, Bea Brown, ali Ahmed'
    );
    cards(element)[0].querySelector('button').click();
    await flush();
    expect(element.shadowRoot.querySelector('c-coaching-agenda').repId).toBe('005SR0000000003AAA');
    await expect(element).toBeAccessible();
  });
});
