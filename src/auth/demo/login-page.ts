/**
 * The demo provider's account picker: one submit button per demo account, each labelled with who it is.
 * Server-rendered, no script and no inline style (the CSP allows neither), and plainly marked as a demo.
 */

import { escapeHtml } from '../html.ts';
import { DEMO_ACCOUNT_KEYS, DEMO_ACCOUNTS, type DemoAccount } from './accounts.ts';

export const DEMO_TITLE = 'DEMO sign-in — not for production';

function describe(account: DemoAccount): string {
  const groups = account.groups.length > 0 ? `groups: ${account.groups.join(', ')}` : 'no groups';
  const verified = account.emailVerified ? '' : ', e-mail NOT verified';
  return `${account.name} — ${account.email} (${groups}; language ${account.locale}${verified})`;
}

/** The page for one interaction; the form posts back to its own path, where the interaction cookie is sent. */
export function renderDemoLoginPage(action: string): string {
  const items = DEMO_ACCOUNT_KEYS.map((key) => {
    const id = `account-${key}`;
    return `<li>
<label for="${id}">${escapeHtml(describe(DEMO_ACCOUNTS[key]))}</label>
<button type="submit" id="${id}" name="account" value="${key}">Sign in</button>
</li>`;
  }).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${DEMO_TITLE}</title>
</head>
<body>
<main>
<h1>${DEMO_TITLE}</h1>
<p>This is Safe Share's built-in demo identity provider. Anyone can sign in as any of these accounts
without a password. An installation for real use signs in through its organisation's provider
(OIDC_ISSUER).</p>
<form method="post" action="${escapeHtml(action)}">
<ul>
${items}
</ul>
</form>
</main>
</body>
</html>
`;
}
