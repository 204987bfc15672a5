/**
 * Helpers of the component tests (imported by them; no test here): mounting a component, letting
 * it settle, answering its wire adapters, reading its shadow DOM, and clearing the document and
 * the mocks after each test.
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

/**
 * Answers the component's wire adapters in turn, then settles. Each answer is
 * `[adapter, ...the arguments of its emit]` (the data, and for the GraphQL adapter the config it
 * answers and the refresh function), or a function that answers otherwise (with errors).
 */
export async function answer(...answers) {
  for (const each of answers) {
    if (typeof each === 'function') each();
    else each[0].emit(...each.slice(1));
  }
  await flush();
}

/** mount(), then the wire adapters' `answers` as answer() emits them. */
export async function mountWith(tag, is, props, ...answers) {
  const element = await mount(tag, is, props);
  await answer(...answers);
  return element;
}

/** What each component test does after each test: empties the document, clears the mocks' calls. */
export function cleanUp() {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
}

/** Where the helpers below look: an element's shadow tree where it has one, else the node itself. */
const scope = (node) => node.shadowRoot ?? node;

/** The first element under `node` (see scope) that `selector` matches, or null. */
export const $ = (node, selector) => scope(node).querySelector(selector);

/** Every element under `node` (see scope) that `selector` matches. */
export const $$ = (node, selector) => [...scope(node).querySelectorAll(selector)];

/** The text of every element under `node` (see scope) that `selector` matches. */
export const texts = (node, selector) => $$(node, selector).map((e) => e.textContent);
