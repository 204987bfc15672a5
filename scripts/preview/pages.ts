/**
 * The preview's HTML: the page shell a component page is drawn in (the persona's navigation
 * and a search for whom to act as) and the index where one chooses whom to act as. Every value
 * is escaped.
 */
import { escapeHtml } from '../common/html';
import type { PreviewUser } from './server';

export interface Page {
  name: 'home' | 'record' | 'team' | 'pulse' | 'governance' | 'standard';
  title: string;
}

/** Where each persona starts: a rep's Home, a manager's team, the sponsor's pulse. */
export const START: Record<PreviewUser['role'], string> = {
  rep: '/home',
  manager: '/team',
  sponsor: '/pulse'
};

/**
 * The pages each persona's navigation offers: the tabs its permission set makes visible
 * (force-app/main/default/permissionsets: Rep → My Adoption; Manager → My Adoption and Team
 * Coaching; Sponsor → Adoption Pulse and Governance), with the Opportunity record page for the
 * two who own deals.
 */
const NAVIGATION: Record<
  PreviewUser['role'],
  ('home' | 'record' | 'team' | 'pulse' | 'governance')[]
> = {
  rep: ['home', 'record'],
  manager: ['home', 'record', 'team'],
  sponsor: ['pulse', 'governance']
};
const NAV_LABELS = {
  home: 'Home',
  record: 'Opportunity',
  team: 'Team coaching',
  pulse: 'Adoption Pulse',
  governance: 'Governance'
};

/**
 * Where a page's SLDS stylesheet and components' script are served: URLs that name their
 * version, so the browser keeps them for good and asks again only when a new build or SLDS
 * release changes the URL (the server's `assetUrls`).
 */
export interface Assets {
  stylesheet: string;
  script: string;
}

/**
 * An HTML document with the SLDS stylesheet: `head.before` goes ahead of the stylesheet,
 * `head.after` after it (styles that override SLDS). All parts are HTML, escaped already. The
 * preview has no icon: an empty one spares each visit a request for /favicon.ico.
 */
function htmlDocument(
  head: { before: string; after?: string },
  body: string,
  assets: Assets
): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="icon" href="data:,">
    ${head.before}
    <link rel="stylesheet" href="${escapeHtml(assets.stylesheet)}">${head.after ? `\n    ${head.after}` : ''}
  </head>
  <body>
    ${body}
  </body>
</html>
`;
}

/**
 * The page bar: app name, the persona's pages, who the page acts as and a search for someone
 * else to act as (the index lists who matches). The shell names no other user: with hundreds of
 * users a list of all of them would be most of every page's bytes.
 */
function pageBar(user: PreviewUser, page: Page): string {
  const as = encodeURIComponent(user.id);
  const link = (href: string, label: string, current: boolean) =>
    `<li class="slds-context-bar__item${current ? ' slds-is-active' : ''}"><a class="slds-context-bar__label-action" href="${escapeHtml(href)}"${current ? ' aria-current="page"' : ''}><span class="slds-truncate">${escapeHtml(label)}</span></a></li>`;
  return `<header class="slds-context-bar">
      <div class="slds-context-bar__primary">
        <span class="slds-context-bar__label-action slds-context-bar__app-name"><span class="slds-truncate">Adoption Coach</span></span>
      </div>
      <nav class="slds-context-bar__secondary" aria-label="Pages">
        <ul class="slds-grid slds-wrap">
          ${NAVIGATION[user.role].map((p) => link(`/${p}?as=${as}`, NAV_LABELS[p], page.name === p)).join('\n          ')}
        </ul>
      </nav>
      <form class="preview-switch slds-grid slds-grid_vertical-align-center slds-m-left_auto slds-p-horizontal_small" method="get" action="/" role="search">
        <span class="slds-m-right_x-small" data-id="acting-as">Acting as <strong>${escapeHtml(user.name)}</strong></span>
        <label class="slds-assistive-text" for="find-user">Act as someone else: name or title</label>
        <input class="slds-input" type="search" id="find-user" name="q" placeholder="Act as someone else">
        <button class="slds-button slds-button_neutral slds-m-left_x-small" type="submit">Find</button>
      </form>
    </header>`;
}

/**
 * A component page as `user`: the page bar, then `body` (HTML) in <main>, where the components
 * mount. `meta` tells the page script which page, user and record it shows.
 */
export function shell(
  user: PreviewUser,
  page: Page,
  meta: Record<string, string>,
  body: string,
  assets: Assets
): string {
  const metas = Object.entries({ 'preview-user': user.id, 'preview-page': page.name, ...meta })
    .map(([k, v]) => `<meta name="${escapeHtml(k)}" content="${escapeHtml(v)}">`)
    .join('\n    ');
  const before = `${metas}
    <title>${escapeHtml(page.title)} · ${escapeHtml(user.name)} · Adoption Coach preview</title>`;
  const after = `<style>
      /* The page bar wraps on a phone: app name and pages, then the search for whom to act as. */
      @media (max-width: 640px) {
        .slds-context-bar { height: auto; flex-wrap: wrap; padding-bottom: .25rem; }
        .slds-context-bar__secondary { flex: 1 1 auto; }
        .preview-switch { margin-left: 0; width: 100%; }
      }
    </style>
    <script type="module" src="${escapeHtml(assets.script)}"></script>`;
  return htmlDocument(
    { before, after },
    `${pageBar(user, page)}
    <main id="main" class="slds-p-around_small">${body}</main>
    <div id="toasts" class="slds-notify_container" aria-live="polite"></div>`,
    assets
  );
}

/**
 * The index: the people one can act as, grouped by persona, each linking to their start page.
 * `query` (the page bar's search) keeps those whose name or title contains it, in any case.
 */
export function indexPage(users: PreviewUser[], assets: Assets, query = ''): string {
  const groups: [PreviewUser['role'], string][] = [
    ['sponsor', 'Executive sponsor'],
    ['manager', 'Sales managers'],
    ['rep', 'Sales reps']
  ];
  const wanted = query.trim().toLowerCase();
  const matches = (u: PreviewUser) =>
    !wanted || `${u.name}\n${u.title ?? ''}`.toLowerCase().includes(wanted);
  const sections = groups
    .map(([role, heading]) => {
      const items = users
        .filter((u) => u.role === role && matches(u))
        .map(
          (u) =>
            `<li class="slds-item"><a href="${START[role]}?as=${encodeURIComponent(u.id)}">${escapeHtml(u.name)}</a>${u.title ? `<p class="slds-text-body_small slds-text-color_weak">${escapeHtml(u.title)}</p>` : ''}</li>`
        )
        .join('');
      return items
        ? `<section class="slds-m-bottom_medium"><h2 class="slds-text-heading_medium slds-m-bottom_x-small">${heading}</h2><ul class="slds-has-dividers_bottom-space">${items}</ul></section>`
        : '';
    })
    .join('');
  const quoted = `“${escapeHtml(query.trim())}”`;
  const found = wanted
    ? `<p class="slds-m-bottom_medium" role="status">${sections ? `People whose name or title contains ${quoted}.` : `Nobody’s name or title contains ${quoted}.`} <a href="/">Everyone</a></p>`
    : '';
  return htmlDocument(
    { before: '<title>Adoption Coach preview</title>' },
    `<main class="slds-p-around_large">
      <h1 class="slds-text-heading_large slds-m-bottom_medium">Adoption Coach preview: choose who you are</h1>
      ${found}${sections}
    </main>`,
    assets
  );
}
