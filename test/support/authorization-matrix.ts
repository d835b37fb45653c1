/**
 * The authorization matrix (issue 18): every role x action x classification, with the answer the SPEC
 * gives, as one table. test/unit/domain/authorization-matrix.test.ts runs it through the domain's
 * decisions; test/integration/adversarial-authorization.test.ts runs it against the running server over
 * HTTP. The expected answers are written from the SPEC's sentences (S1-S6, O1, O5, O6, C2-C4, C6), not
 * from the code under test, with issue 17's extension of S1: staff may share with a team too (decision
 * 0017).
 */
import type { DemoAccountKey } from '../../src/auth/demo/accounts.ts';
import type { ErrorCode } from '../../src/protocol/errors.ts';
import { LEVELS, type Level } from '../../src/protocol/values.ts';

/** Who acts. Each signed-in role is a demo account with the clearance and teams below. */
export type MatrixRole = 'admin' | 'staff' | 'staff_other_team' | 'customer' | 'customer_other' | 'guest';

export interface MatrixPerson {
  readonly who: DemoAccountKey;
  readonly role: 'staff' | 'customer';
  readonly isAdmin: boolean;
  readonly clearance: Level;
  readonly teamIds: readonly string[];
  readonly email: string;
}

/** The world the matrix runs in: clearances set by the test, teams as the demo's groups give them. */
export const PEOPLE: Readonly<Record<Exclude<MatrixRole, 'guest'>, MatrixPerson>> = Object.freeze({
  admin: {
    who: 'ada',
    role: 'staff',
    isAdmin: true,
    clearance: 3,
    teamIds: [],
    email: 'ada.admin@example.com',
  },
  staff: {
    who: 'sven',
    role: 'staff',
    isAdmin: false,
    clearance: 2,
    teamIds: ['service'],
    email: 'sven.service@example.com',
  },
  staff_other_team: {
    who: 'greta',
    role: 'staff',
    isAdmin: false,
    clearance: 3,
    teamIds: ['go-engineers'],
    email: 'greta.engineer@example.com',
  },
  customer: {
    who: 'carla',
    role: 'customer',
    isAdmin: false,
    clearance: 2,
    teamIds: [],
    email: 'carla@acme.test',
  },
  customer_other: {
    who: 'dirk',
    role: 'customer',
    isAdmin: false,
    clearance: 1,
    teamIds: [],
    email: 'dirk@globex.test',
  },
});
export const ROLES: readonly MatrixRole[] = [
  'admin',
  'staff',
  'staff_other_team',
  'customer',
  'customer_other',
  'guest',
];

/**
 * C6: the team `service` has one member, `staff`; a team share above their clearance leaves nobody who
 * may open it.
 */
export const SERVICE_MEMBERS: readonly MatrixPerson[] = Object.values(PEOPLE).filter((person) =>
  person.teamIds.includes('service'),
);
const SERVICE_HIGHEST_CLEARANCE = Math.max(...SERVICE_MEMBERS.map((person) => person.clearance));

/**
 * The actions, each on its own item: a direct secret is from `staff_other_team` to `customer`, a team
 * secret from `customer` to the team `service` (where `staff` is a member).
 */
export type MatrixAction =
  | 'create_direct'
  | 'create_team'
  | 'peek_direct'
  | 'open_direct'
  | 'open_team'
  | 'revoke_direct'
  | 'invite';
export const ACTIONS: readonly MatrixAction[] = [
  'create_direct',
  'create_team',
  'peek_direct',
  'open_direct',
  'open_team',
  'revoke_direct',
  'invite',
];

/** The team secret's sender has clearance 2: no team secret of level 3 can exist in this world. */
export const levelsOf = (action: MatrixAction): readonly Level[] =>
  action === 'open_team' ? [1, 2] : LEVELS;

export interface MatrixRow {
  readonly role: MatrixRole;
  readonly action: MatrixAction;
  readonly classification: Level;
  readonly expected: 'allowed' | ErrorCode;
}

/** What the SPEC says `role` gets for `action` on an item of level `level`. */
function expected(role: MatrixRole, action: MatrixAction, level: Level): 'allowed' | ErrorCode {
  if (role === 'guest') return 'auth.required'; // S6
  const person = PEOPLE[role];
  const recipient = PEOPLE.customer;
  switch (action) {
    case 'create_direct': // S1, S3, C3, C4
      if (person.role === 'customer') return 'share.customer_to_customer';
      if (level > person.clearance) return 'share.classification_above_clearance';
      if (level > recipient.clearance) return 'share.recipient_clearance';
      return 'allowed';
    case 'create_team': // S2, and S1 as issue 17 extends it: staff may share with a team too; C3, C6
      if (level > person.clearance) return 'share.classification_above_clearance';
      if (level > SERVICE_HIGHEST_CLEARANCE) return 'share.no_eligible_member';
      return 'allowed';
    case 'peek_direct':
    case 'open_direct': // O1, C2 (a clearance is never a grant), C4 last
      if (role !== 'customer') return 'secret.not_for_you';
      return level <= person.clearance ? 'allowed' : 'secret.above_clearance';
    case 'open_team': // O1: a member of the team; C4. O5: told it is a team's, nothing more (issue 19)
      if (person.role !== 'staff' || !person.teamIds.includes('service')) return 'secret.not_for_your_team';
      return level <= person.clearance ? 'allowed' : 'secret.above_clearance';
    case 'revoke_direct': // O6: only the sender; anyone else learns nothing (O5)
      return role === 'staff_other_team' ? 'allowed' : 'secret.gone';
    case 'invite': // S4, C3
      if (person.role !== 'staff') return 'invitation.staff_only';
      return level <= person.clearance ? 'allowed' : 'share.classification_above_clearance';
  }
}

/** Every row: role x action x classification. */
export const MATRIX: readonly MatrixRow[] = Object.freeze(
  ACTIONS.flatMap((action) =>
    levelsOf(action).flatMap((classification) =>
      ROLES.map((role) => ({
        role,
        action,
        classification,
        expected: expected(role, action, classification),
      })),
    ),
  ),
);
