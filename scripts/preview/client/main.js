/**
 * The preview page's entry: mounts the page's component (the same source as force-app) and
 * shows toasts. The server renders the shell (navigation, user switcher) and names the page and
 * record in `<meta>` tags.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import { TOAST_EVENT } from 'lightning/platformShowToastEvent';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || undefined;

// Each page loads only its own component.
const PAGES = {
  home: ['c-my-adoption', () => import('c/myAdoption')],
  record: ['c-record-coach', () => import('c/recordCoach')],
  team: ['c-team-coaching', () => import('c/teamCoaching')],
  pulse: ['c-adoption-pulse', () => import('c/adoptionPulse')]
};

function showToast({ title, message, variant }) {
  const region = document.getElementById('toasts');
  const toast = document.createElement('div');
  toast.className = `slds-notify slds-notify_toast slds-theme_${variant || 'info'}`;
  toast.setAttribute('role', 'status');
  const body = document.createElement('div');
  body.className = 'slds-notify__content';
  const heading = document.createElement('h2');
  heading.className = 'slds-text-heading_small';
  heading.textContent = title || '';
  const text = document.createElement('p');
  text.textContent = message || '';
  body.append(heading, text);
  toast.append(body);
  region.append(toast);
  setTimeout(() => toast.remove(), 6000);
}

document.addEventListener(TOAST_EVENT, (event) => showToast(event.detail || {}));

async function mount([tag, load]) {
  const { default: component } = await load();
  const element = createElement(tag, { is: component });
  if (meta('preview-page') === 'record') {
    element.recordId = meta('preview-record-id');
    element.objectApiName = meta('preview-record-object');
  }
  document.getElementById('main').append(element);
}

const page = PAGES[meta('preview-page')];
if (page) mount(page);
