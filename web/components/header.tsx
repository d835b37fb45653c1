/**
 * The banner on every page: the app's name, and either the signed-in navigation with the account and
 * sign-out, or the language selector for visitors (L2, L3).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signOut } from '../api/account.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import logoUrl from '../favicon.svg';
import { AppLink } from '../routing/app-link.tsx';
import type { Session } from '../session/use-session.ts';
import { ErrorAlert } from './error-alert.tsx';
import { LanguageSelect } from './language-select.tsx';

function NavLink({ href, path, label }: { href: string; path: string; label: string }) {
  return (
    <li>
      <AppLink href={href} aria-current={href === path ? 'page' : undefined}>
        {label}
      </AppLink>
    </li>
  );
}

function AccountMenu({ name }: { name: string }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ErrorMessageKey | null>(null);
  const leave = () => {
    setFailure(null);
    signOut().catch((error: unknown) => setFailure(errorMessageKey(error)));
  };
  return (
    <div className="account">
      <span className="account-name">{name}</span>
      <button type="button" className="button" onClick={leave}>
        {t('nav.signOut')}
      </button>
      {failure && <ErrorAlert message={failure} />}
    </div>
  );
}

export function Header({ session, path }: { session: Session; path: string }) {
  const { t } = useTranslation();
  // On a phone the navigation folds behind a Menu button, so the header is one row. It is open for the
  // page it was opened on, so it folds again on every move to another page.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === path;
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <AppLink href="/" className="brand">
          <img src={logoUrl} alt="" width={28} height={28} />
          {t('app.name')}
        </AppLink>
        {session.status === 'signedIn' ? (
          <>
            <button
              type="button"
              className="button button-secondary menu-button"
              aria-expanded={menuOpen}
              aria-controls="site-menu"
              onClick={() => setMenuOpenOn(menuOpen ? null : path)}
            >
              {t('app.menu')}
            </button>
            <div id="site-menu" className={menuOpen ? 'site-menu site-menu-open' : 'site-menu'}>
              <nav aria-label={t('nav.label')}>
                <ul>
                  <NavLink href="/" path={path} label={t('nav.newSecret')} />
                  <NavLink href="/secrets" path={path} label={t('nav.mySecrets')} />
                  {session.account.role === 'staff' && (
                    <NavLink href="/invitations" path={path} label={t('nav.invitations')} />
                  )}
                  <NavLink href="/activity" path={path} label={t('nav.activity')} />
                  {session.account.isAdmin && (
                    <>
                      <NavLink href="/admin/members" path={path} label={t('nav.members')} />
                      <NavLink href="/admin/settings" path={path} label={t('nav.settings')} />
                    </>
                  )}
                </ul>
              </nav>
              <AccountMenu name={session.account.name} />
            </div>
          </>
        ) : session.status === 'loading' ? null : (
          <LanguageSelect />
        )}
      </div>
    </header>
  );
}
