/**
 * `/s/:id#<key>`: the page a link opens (O4). It shows who sent what, and hands out the secret only when
 * the signed-in recipient asks; loading the page burns nothing. Not signed in, it keeps the key for the
 * sign-in round trip (O7). Refusals come from the server's codes (O5); each gets a heading that says
 * what happened. After the reveal a reload or Back says the secret was opened here (link/link-key.ts).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeekSecretResponse, RecipientView } from '../../src/protocol/secrets.ts';
import { type Account, fetchConfig, signInUrl } from '../api/account.ts';
import { ApiError } from '../api/client.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { listSecrets, peekSecret, revealSecret } from '../api/secrets.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { OpenedHereNote, SenderLine } from '../components/opened-here.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { RevealedSecret } from '../components/revealed-secret.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useFormat } from '../i18n/format.ts';
import {
  dropLinkKey,
  isLinkKey,
  type OpenedHere,
  openedHere,
  stashLinkKey,
  takeLinkKey,
} from '../link/link-key.ts';
import { AppLink } from '../routing/app-link.tsx';

type OpenState =
  | { step: 'damaged' }
  | { step: 'openedHere'; opened: OpenedHere }
  | { step: 'signIn' }
  | { step: 'checking' }
  | {
      step: 'ready';
      peek: PeekSecretResponse;
      levelsEnabled: boolean;
      revealing: boolean;
      failure: ErrorMessageKey | null;
    }
  | { step: 'revealed'; text: string; opened: OpenedHere }
  /** The sender following their own link: only the recipient opens it (O1). */
  | { step: 'ownSecret'; recipient: RecipientView }
  | { step: 'refused'; message: ErrorMessageKey };

const needsSignIn = (error: unknown) => error instanceof ApiError && error.code === 'auth.required';

/** O5: the server's refusal of someone the secret is not for, which says whether a team or a person. */
const notForYou = (error: unknown) =>
  error instanceof ApiError &&
  (error.code === 'secret.not_for_you' || error.code === 'secret.not_for_your_team');

/** Refusals of the page's first look (peek), in the page's own words where the code alone says too little. */
function peekRefusal(error: unknown): ErrorMessageKey {
  if (!(error instanceof ApiError)) return errorMessageKey(error);
  // O5: a wrong key and a gone secret answer alike, so the page says both.
  if (error.code === 'secret.gone') return 'open.wrongOrGone';
  if (error.code === 'secret.not_for_you') return 'open.notForYou';
  if (error.code === 'secret.not_for_your_team') return 'open.notForYourTeam';
  return errorMessageKey(error);
}

/** The heading of each outcome, so a refusal never sits under "A secret for you". */
function headingKey(state: OpenState) {
  switch (state.step) {
    case 'damaged':
      return 'open.damagedTitle';
    case 'openedHere':
      return 'open.openedTitle';
    case 'ownSecret':
      return 'open.ownTitle';
    case 'refused':
      if (state.message === 'open.wrongOrGone' || state.message === 'errors.secret.gone')
        return 'open.goneTitle';
      if (state.message === 'open.notForYou' || state.message === 'errors.secret.not_for_you')
        return 'open.notForYouTitle';
      if (state.message === 'open.notForYourTeam' || state.message === 'errors.secret.not_for_your_team')
        return 'open.notForYourTeamTitle';
      if (state.message === 'errors.secret.above_clearance') return 'open.aboveClearanceTitle';
      if (state.message === 'open.altered') return 'open.alteredTitle';
      return 'open.title';
    default:
      return 'open.title';
  }
}

export function OpenPage({ id, account }: { id: string; account: Account | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [linkKey] = useState(() => takeLinkKey(id));
  const [state, setState] = useState<OpenState>(() => {
    // Opened on this history entry: a reload or Back. Chromium may bring the key back into the address
    // on a reload of an entry reached by a fragment navigation; it has no use any more.
    const opened = openedHere(id);
    if (opened) {
      dropLinkKey(id, opened);
      return { step: 'openedHere', opened };
    }
    if (!isLinkKey(linkKey)) return { step: 'damaged' };
    return account ? { step: 'checking' } : { step: 'signIn' };
  });
  const heading = t(headingKey(state));
  useDocumentTitle(heading);

  useEffect(() => {
    if (state.step !== 'checking') return;
    let current = true;
    // The config only decides whether levels are shown (C1); without it, show a level above the lowest.
    Promise.all([peekSecret(id, linkKey), fetchConfig().catch(() => null)]).then(
      ([peek, config]) => {
        const levelsEnabled = config?.levelsEnabled ?? peek.classification > 1;
        if (current) setState({ step: 'ready', peek, levelsEnabled, revealing: false, failure: null });
      },
      async (error: unknown) => {
        if (needsSignIn(error)) {
          if (current) setState({ step: 'signIn' });
          return;
        }
        // C5: the sender's own list names the recipient; anyone else learns nothing more than the refusal.
        const own = notForYou(error)
          ? (await listSecrets().catch(() => null))?.sent.find((secret) => secret.id === id)
          : undefined;
        if (!current) return;
        if (own) setState({ step: 'ownSecret', recipient: own.recipient });
        else setState({ step: 'refused', message: peekRefusal(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [state.step, id, linkKey]);

  const signIn = () => {
    stashLinkKey(id, linkKey);
    window.location.assign(signInUrl(`/s/${encodeURIComponent(id)}`));
  };

  const reveal = async (ready: Extract<OpenState, { step: 'ready' }>) => {
    if (ready.revealing) return;
    setState({ ...ready, revealing: true, failure: null });
    try {
      const { text, sender } = await revealSecret(id, linkKey);
      const opened: OpenedHere = {
        id,
        openedAt: Date.now(),
        sender,
        sentAt: ready.peek.createdAt,
        label: null,
      };
      dropLinkKey(id, opened);
      setState({ step: 'revealed', text, opened });
    } catch (error) {
      if (needsSignIn(error)) setState({ step: 'signIn' });
      else if (error instanceof ApiError && error.status >= 500) {
        // Nothing was handed out; the recipient may try again.
        setState({ ...ready, revealing: false, failure: errorMessageKey(error) });
      } else {
        // Opened or refused for good: the key has no further use.
        dropLinkKey(id);
        setState({ step: 'refused', message: errorMessageKey(error) });
      }
    }
  };

  return (
    <div className="stack">
      <PageHeading key={headingKey(state)}>{heading}</PageHeading>
      {state.step === 'damaged' && <ErrorAlert message="open.damaged" />}
      {state.step === 'openedHere' && <OpenedHereNote opened={state.opened} />}
      {state.step === 'signIn' && (
        <>
          <p>{t('open.signInNeeded')}</p>
          <div>
            <button type="button" className="button button-primary" onClick={signIn}>
              {t('open.signIn')}
            </button>
          </div>
        </>
      )}
      {state.step === 'checking' && <p role="status">{t('open.checking')}</p>}
      {state.step === 'ready' && (
        <>
          {state.failure && <ErrorAlert message={state.failure} />}
          <SenderLine sender={state.peek.sender} sentAt={state.peek.createdAt} />
          <p>{t('open.expires', { date: format.date(state.peek.expiresAt) })}</p>
          {state.levelsEnabled && (
            <p>{t('open.classification', { level: t(`levels.${state.peek.classification}`) })}</p>
          )}
          <div className="note">
            <p>{t('open.once')}</p>
          </div>
          <div>
            <button
              type="button"
              className="button button-primary"
              onClick={() => void reveal(state)}
              aria-busy={state.revealing}
            >
              {t('open.reveal')}
            </button>
          </div>
        </>
      )}
      {state.step === 'revealed' && (
        <>
          <SenderLine sender={state.opened.sender} sentAt={state.opened.sentAt} />
          <RevealedSecret text={state.text} />
        </>
      )}
      {state.step === 'ownSecret' && (
        <>
          <div className="note">
            <p>
              {state.recipient.kind === 'team'
                ? t('open.ownTeam', { team: state.recipient.teamName })
                : t('open.own', { recipient: state.recipient.email })}{' '}
              {t('open.ownUnchanged')}
            </p>
          </div>
          <p>
            <AppLink href="/secrets">{t('open.ownStatus')}</AppLink>
          </p>
        </>
      )}
      {state.step === 'refused' && <ErrorAlert message={state.message} />}
    </div>
  );
}
