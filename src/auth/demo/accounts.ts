/**
 * The demo provider's accounts: one for each case the rules tell apart (an admin, a staff member in each
 * team, two customers of different companies, and an address the provider has not verified), with
 * different languages. Subjects are stable, so an account survives restarts.
 */

/**
 * The issuer recorded on demo accounts. The demo's issuer URL carries a port that may change between
 * starts; its accounts should not. Kept here, not beside the provider, so that a production start,
 * which never loads oidc-provider, can still name it.
 */
export const DEMO_ACCOUNT_ISSUER = 'urn:safe-share:demo-idp';

export interface DemoAccount {
  readonly subject: string;
  readonly name: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly locale: string;
  readonly groups: readonly string[];
}

const demo = (
  key: string,
  name: string,
  email: string,
  locale: string,
  groups: readonly string[] = [],
  emailVerified = true,
): DemoAccount => Object.freeze({ subject: `demo-${key}`, name, email, emailVerified, locale, groups });

export const DEMO_ACCOUNTS = Object.freeze({
  ada: demo('ada', 'Ada Admin', 'ada.admin@example.com', 'en', ['safe-share-admins']),
  sven: demo('sven', 'Sven Service', 'sven.service@example.com', 'de', ['Service']),
  greta: demo('greta', 'Greta Engineer', 'greta.engineer@example.com', 'nl', ['GO Engineers']),
  ines: demo('ines', 'Ines Sales', 'ines.sales@example.com', 'en', ['Inside Sales']),
  carla: demo('carla', 'Carla Customer', 'carla@acme.test', 'de'),
  dirk: demo('dirk', 'Dirk Customer', 'dirk@globex.test', 'nl'),
  uma: demo('uma', 'Uma Unverified', 'uma@acme.test', 'en', [], false),
});

export type DemoAccountKey = keyof typeof DEMO_ACCOUNTS;

export const DEMO_ACCOUNT_KEYS = Object.freeze(Object.keys(DEMO_ACCOUNTS) as DemoAccountKey[]);

export function isDemoAccountKey(value: unknown): value is DemoAccountKey {
  return typeof value === 'string' && Object.hasOwn(DEMO_ACCOUNTS, value);
}

/** The account with this subject, or undefined. */
export function demoAccountBySubject(subject: string): DemoAccount | undefined {
  return Object.values(DEMO_ACCOUNTS).find((account) => account.subject === subject);
}

/** The claims the demo provider releases for an account, by scope (see the provider's `claims` setting). */
export function demoClaims(account: DemoAccount): Record<string, unknown> {
  return {
    sub: account.subject,
    email: account.email,
    email_verified: account.emailVerified,
    name: account.name,
    locale: account.locale,
    groups: [...account.groups],
  };
}
