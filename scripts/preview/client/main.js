/**
 * The preview page's entry: mounts the page's component (the same source as force-app) and
 * shows toasts. The server renders the shell (navigation, user switcher) and names the page and
 * record in `<meta>` tags.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import MyAdoption from 'c/myAdoption';
import RecordCoach from 'c/recordCoach';
import TeamCoaching from 'c/teamCoaching';
import AdoptionPulse from 'c/adoptionPulse';
import { TOAST_EVENT } from 'lightning/platformShowToastEvent';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || undefined;

const PAGES = {
  home: ['c-my-adoption', MyAdoption],
  record: ['c-record-coach', RecordCoach],
  team: ['c-team-coaching', TeamCoaching],
  pulse: ['c-adoption-pulse', AdoptionPulse]
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

const page = PAGES[meta('preview-page')];
if (page) {
  const [tag, component] = page;
  const element = createElement(tag, { is: component });
  if (meta('preview-page') === 'record') {
    element.recordId = meta('preview-record-id');
    element.objectApiName = meta('preview-record-object');
  }
  document.getElementById('main').append(element);
}
