/**
 * The demo provider's account picker: one submit button per demo account, each naming who it signs in
 * as. Server-rendered in the app's look (its own stylesheet and icon, same origin) and in the visitor's
 * language (the `lang` cookie the app's selector sets, else the browser's), with no script and no
 * inline style (the CSP allows neither), and plainly marked as a demo.
 */

import { CATALOGUES, isLocale, type Locale, translate } from '../../protocol/i18n/index.ts';
import { escapeHtml } from '../html.ts';
import { DEMO_ACCOUNT_KEYS, DEMO_ACCOUNTS, type DemoAccount } from './accounts.ts';

/** The title in English, for logs and tests that need no language. */
export const DEMO_TITLE = translate('en', 'demo.title');

export interface DemoPageOptions {
  /** The visitor's language. */
  readonly locale: Locale;
  /** The web app's stylesheets and icon, when it serves one. */
  readonly links?: { readonly stylesheets: readonly string[]; readonly icon: string | null } | undefined;
}

/** A catalogue text with its `{{placeholders}}` filled in, escaped for HTML. */
function text(locale: Locale, key: string, values: Record<string, string> = {}): string {
  return escapeHtml(translate(locale, key)).replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    escapeHtml(values[name] ?? ''),
  );
}

function languageName(tag: string): string {
  return isLocale(tag) ? CATALOGUES[tag].language.self : tag;
}

function accountCard(locale: Locale, key: string, account: DemoAccount): string {
  const groups =
    account.groups.length > 0
      ? text(locale, 'demo.groups', { groups: account.groups.join(', ') })
      : text(locale, 'demo.noGroups');
  const facts = `${groups} · ${text(locale, 'demo.language', { language: languageName(account.locale) })}`;
  const unverified = account.emailVerified
    ? ''
    : `\n<p class="card-meta"><strong>${text(locale, 'demo.unverified')}</strong></p>`;
  return `<li class="card">
<p class="card-title">${escapeHtml(account.name)}<span class="email">${escapeHtml(account.email)}</span></p>
<p class="card-meta">${facts}</p>${unverified}
<div><button type="submit" class="button button-primary" id="account-${key}" name="account" value="${key}">${text(locale, 'demo.signInAs', { name: account.name })}</button></div>
</li>`;
}

/** The page for one interaction; the form posts back to its own path, where the interaction cookie is sent. */
export function renderDemoLoginPage(action: string, { locale, links }: DemoPageOptions): string {
  const cards = DEMO_ACCOUNT_KEYS.map((key) => accountCard(locale, key, DEMO_ACCOUNTS[key])).join('\n');
  const stylesheets = (links?.stylesheets ?? [])
    .map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`)
    .join('\n');
  const icon = links?.icon ? `<link rel="icon" type="image/svg+xml" href="${escapeHtml(links.icon)}">` : '';
  const mark = links?.icon ? `<img src="${escapeHtml(links.icon)}" alt="" width="28" height="28">` : '';
  const title = text(locale, 'demo.title');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
${stylesheets}
${icon}
</head>
<body>
<header class="site-header">
<div class="site-header-inner">
<span class="brand">${mark}${text(locale, 'app.name')}</span>
<span class="badge badge-demo">${text(locale, 'demo.badge')}</span>
</div>
</header>
<main id="main">
<div class="stack">
<h1>${title}</h1>
<div class="note note-warning"><p>${text(locale, 'demo.intro')}</p></div>
<form method="post" action="${escapeHtml(action)}" class="stack">
<h2 id="demo-accounts">${text(locale, 'demo.accounts')}</h2>
<ul class="cards" aria-labelledby="demo-accounts">
${cards}
</ul>
</form>
</div>
</main>
</body>
</html>
`;
}
