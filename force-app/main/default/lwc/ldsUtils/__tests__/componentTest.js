/**
 * Helpers of the component tests (imported by them; no test here): mounting a component, letting
 * it settle, reading its shadow DOM, and clearing the document and the mocks after each test.
 */
import { createElement } from 'lwc';

/** Lets pending promises, wire answers and LWC re-renders settle: a few microtask turns. */
export async function flush() {
  for (let i = 0; i < 10; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

/** Creates `<tag>` of the class `is`, sets `props` on it, adds it to the document and settles. */
export async function mount(tag, is, props = {}) {
  const element = createElement(tag, { is });
  Object.assign(element, props);
  document.body.appendChild(element);
  await flush();
  return element;
}

/** What each component test does after each test: empties the document, clears the mocks' calls. */
export function cleanUp() {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
}

/** The first element of a component's shadow DOM that `selector` matches, or null. */
export const $ = (element, selector) => element.shadowRoot.querySelector(selector);

/** Every element of a component's shadow DOM that `selector` matches. */
export const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
