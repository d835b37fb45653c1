/** `/` signed in: create a secret (S1, S2, S7), then show its link. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigResponse, Team } from '../../src/protocol/accounts.ts';
import { type Account, fetchConfig, fetchTeams } from '../api/account.ts';
import { type ErrorMessageKey, errorMessageKey } from '../api/error-message.ts';
import { type CreatedSecret, createSecret } from '../api/secrets.ts';
import { CreateForm } from '../components/create-form.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SecretResult } from '../components/secret-result.tsx';
import {
  checkValues,
  type FieldProblems,
  initialValues,
  problemsFromRefusal,
  recipientKindOf,
  recipientOf,
  type SecretFormValues,
} from '../forms/secret-form.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useTeamExclusion } from '../hooks/use-team-exclusion.ts';

interface Offer {
  config: ConfigResponse;
  teams: Team[];
}

type CreateState =
  | { step: 'loading' }
  | { step: 'unavailable'; message: ErrorMessageKey }
  | {
      step: 'editing';
      offer: Offer;
      problems: FieldProblems;
      refusal: ErrorMessageKey | null;
      sending: boolean;
    }
  | { step: 'created'; offer: Offer; created: CreatedSecret; recipient: string };

const FIELD_IDS = {
  email: 'recipient-email',
  team: 'recipient-team',
  secret: 'secret',
  expiry: 'expiry',
  classification: 'classification',
};

export function CreatePage({ account }: { account: Account }) {
  const { t } = useTranslation();
  const [state, setState] = useState<CreateState>({ step: 'loading' });
  const [values, setValues] = useState<SecretFormValues | null>(null);
  // After "Create another secret" the button is gone; focus goes to the form's first field instead.
  const focusFirstField = useRef(false);
  useEffect(() => {
    if (state.step !== 'editing' || !focusFirstField.current) return;
    focusFirstField.current = false;
    // The form starts again with its first choice: staff a customer's address, customers a team.
    document.getElementById(account.role === 'staff' ? FIELD_IDS.email : FIELD_IDS.team)?.focus();
  });
  useDocumentTitle(state.step === 'created' ? t('result.title') : t('create.title'));
  // C6: only with levels on is anyone left out of a team share, by a customer or (issue 17) by staff.
  const levelsEnabled = state.step === 'editing' && state.offer.config.levelsEnabled;
  const toTeam = values !== null && recipientKindOf(values, account.role) === 'team';
  const exclusion = useTeamExclusion(
    levelsEnabled && toTeam ? (values?.team ?? '') : '',
    values?.classification ?? 1,
  );

  useEffect(() => {
    let current = true;
    // Both roles may pick a team (S2; staff since issue 17).
    Promise.all([fetchConfig(), fetchTeams()]).then(
      ([config, teams]) => {
        if (!current) return;
        setValues(initialValues(config));
        setState({ step: 'editing', offer: { config, teams }, problems: {}, refusal: null, sending: false });
      },
      (error: unknown) => current && setState({ step: 'unavailable', message: errorMessageKey(error) }),
    );
    return () => {
      current = false;
    };
  }, []);

  if (state.step === 'created') {
    const another = () => {
      setValues(initialValues(state.offer.config));
      focusFirstField.current = true;
      setState({ step: 'editing', offer: state.offer, problems: {}, refusal: null, sending: false });
    };
    return <SecretResult created={state.created} recipient={state.recipient} onAnother={another} />;
  }

  const submit = async (offer: Offer, form: SecretFormValues) => {
    const problems = checkValues(form, account.role);
    const first = Object.keys(FIELD_IDS).find((field) => field in problems) as
      | keyof typeof FIELD_IDS
      | undefined;
    if (first) {
      setState({ step: 'editing', offer, problems, refusal: null, sending: false });
      document.getElementById(FIELD_IDS[first])?.focus();
      return;
    }
    setState({ step: 'editing', offer, problems: {}, refusal: null, sending: true });
    try {
      const created = await createSecret(form.secret, recipientOf(form, account.role), {
        senderId: account.id,
        expiresInSeconds: form.expiresInSeconds,
        ...(offer.config.levelsEnabled ? { classification: form.classification } : {}),
      });
      const team = offer.teams.find((candidate) => candidate.id === form.team);
      // The secret leaves the page's memory once it is sealed and stored.
      setValues(initialValues(offer.config));
      setState({
        step: 'created',
        offer,
        created,
        recipient:
          recipientKindOf(form, account.role) === 'customer' ? form.email.trim() : (team?.name ?? form.team),
      });
    } catch (error) {
      setState({
        step: 'editing',
        offer,
        problems: problemsFromRefusal(error),
        refusal: errorMessageKey(error),
        sending: false,
      });
    }
  };

  return (
    <div className="stack">
      <PageHeading key="form">{t('create.title')}</PageHeading>
      <p>{t(account.role === 'staff' ? 'create.introStaff' : 'create.introCustomer')}</p>
      {state.step === 'loading' && <p role="status">{t('app.loading')}</p>}
      {state.step === 'unavailable' && <ErrorAlert message={state.message} />}
      {state.step === 'editing' && values && (
        <CreateForm
          account={account}
          config={state.offer.config}
          teams={state.offer.teams}
          values={values}
          problems={state.problems}
          refusal={state.refusal}
          sending={state.sending}
          exclusion={exclusion}
          onChange={setValues}
          onSubmit={() => void submit(state.offer, values)}
        />
      )}
    </div>
  );
}
