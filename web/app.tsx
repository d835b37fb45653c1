/** The app: who is signed in, the header, and the page for the current path. */
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './components/error-alert.tsx';
import { Header } from './components/header.tsx';
import { SkipLink } from './components/skip-link.tsx';
import { isSubmissionLink } from './link/submission-link.ts';
import { ActivityPage } from './pages/activity-page.tsx';
import { MembersPage } from './pages/admin/members-page.tsx';
import { SettingsPage } from './pages/admin/settings-page.tsx';
import { CreatePage } from './pages/create-page.tsx';
import { GuestPage } from './pages/guest-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { InvitationsPage } from './pages/invitations-page.tsx';
import { InvitePage } from './pages/invite-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { OpenPage } from './pages/open-page.tsx';
import { SecretsPage } from './pages/secrets-page.tsx';
import { SignInFailedPage } from './pages/sign-in-failed-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { SubmissionPage } from './pages/submission-page.tsx';
import { routeFor, useLocation } from './routing/location.ts';
import { type Session, useSession } from './session/use-session.ts';

function Page({ session, path, hashVersion }: { session: Session; path: string; hashVersion: number }) {
  const { t } = useTranslation();
  if (session.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (session.status === 'failed') return <ErrorAlert message={session.message} />;
  const account = session.status === 'signedIn' ? session.account : null;
  const route = routeFor(path, window.location.search);
  switch (route.page) {
    case 'home':
      return account ? <CreatePage account={account} /> : <HomePage />;
    case 'secrets':
      return account ? <SecretsPage /> : <SignInPage title={t('secrets.title')} returnTo="/secrets" />;
    case 'open':
      // A new fragment (another link to the same id) starts the page afresh. A guest's submission (S4)
      // has its key in this browser, not in the link.
      return isSubmissionLink() ? (
        <SubmissionPage key={`${route.id}#${hashVersion}`} id={route.id} account={account} />
      ) : (
        <OpenPage key={`${route.id}#${hashVersion}`} id={route.id} account={account} />
      );
    case 'invitations':
      return account ? (
        <InvitationsPage />
      ) : (
        <SignInPage title={t('invitations.title')} returnTo="/invitations" />
      );
    case 'invite':
      return account ? (
        <InvitePage account={account} />
      ) : (
        <SignInPage title={t('invite.title')} returnTo="/invitations/new" />
      );
    case 'guest':
      // S6: a guest needs no account; the same page whoever is signed in.
      return <GuestPage key={`${route.id}#${hashVersion}`} id={route.id} />;
    case 'settings':
      // Admins only: the server refuses everyone else, and the page then says so.
      return account ? (
        <SettingsPage />
      ) : (
        <SignInPage title={t('settings.title')} returnTo="/admin/settings" />
      );
    case 'members':
      return account ? (
        <MembersPage selfId={account.id} />
      ) : (
        <SignInPage title={t('members.title')} returnTo="/admin/members" />
      );
    case 'activity':
      return account ? <ActivityPage /> : <SignInPage title={t('audit.title')} returnTo="/activity" />;
    case 'signInFailed':
      return <SignInFailedPage reason={route.reason} />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

export function App() {
  const session = useSession();
  const { path, hashVersion } = useLocation();
  return (
    <>
      <SkipLink />
      <Header session={session} path={path} />
      <main id="main" tabIndex={-1}>
        <Page session={session} path={path} hashVersion={hashVersion} />
      </main>
    </>
  );
}
