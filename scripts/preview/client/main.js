/**
 * The preview page's entry: mounts the page's component (the same source as force-app) and
 * shows toasts. The server renders the shell (navigation, who the page acts as) and names the
 * page and record in `<meta>` tags.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import { TOAST_EVENT } from 'lightning/platformShowToastEvent';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || undefined;

// Each page loads only its own components (the flexipage's, in its order).
const PAGES = {
  home: [
    ['c-my-adoption', () => import('c/myAdoption')],
    ['c-training-paths', () => import('c/trainingPaths')],
    ['c-one-on-one-prep', () => import('c/oneOnOnePrep')],
    ['c-raise-roadblock', () => import('c/raiseRoadblock')]
  ],
  record: [['c-record-coach', () => import('c/recordCoach')]],
  team: [
    ['c-team-coaching', () => import('c/teamCoaching')],
    ['c-raise-roadblock', () => import('c/raiseRoadblock'), { teamIsMine: true }]
  ],
  pulse: [['c-adoption-pulse', () => import('c/adoptionPulse')]],
  governance: [['c-governance-page', () => import('c/governancePage')]]
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

async function mount(components) {
  // Loaded together, placed in the page's order; properties as the flexipage sets them.
  const modules = await Promise.all(components.map(([, load]) => load()));
  for (let i = 0; i < components.length; i++) {
    const [tag, , properties] = components[i];
    const element = createElement(tag, { is: modules[i].default });
    Object.assign(element, properties || {});
    if (meta('preview-page') === 'record') {
      element.recordId = meta('preview-record-id');
      element.objectApiName = meta('preview-record-object');
    }
    const slot = document.createElement('div');
    slot.className = 'slds-m-bottom_small';
    slot.append(element);
    document.getElementById('main').append(slot);
  }
}

const page = PAGES[meta('preview-page')];
if (page) mount(page);
