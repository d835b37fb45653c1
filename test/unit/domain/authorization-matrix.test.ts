/**
 * Issue 18: the authorization matrix (test/support/authorization-matrix.ts: every role x action x
 * classification) through the domain's decisions, mapped to the code the API answers as the use cases
 * map them. test/integration/adversarial-authorization.test.ts runs the same rows over HTTP. Guests
 * never reach the domain: the routes answer them `auth.required` (S6), which the HTTP run checks.
 */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/domain/accounts.ts';
import { decideCreateInvitation } from '../../../src/domain/invitations.ts';
import { DEFAULT_LEVEL_SETTINGS } from '../../../src/domain/levels.ts';
import { decideOpen, openRefusalCode, type SecretFacts } from '../../../src/domain/opening.ts';
import { decideRevoke } from '../../../src/domain/revoking.ts';
import { decideShare } from '../../../src/domain/sharing.ts';
import type { ErrorCode } from '../../../src/protocol/errors.ts';
import type { Level } from '../../../src/protocol/values.ts';
import { MATRIX, type MatrixRow, PEOPLE, SERVICE_MEMBERS } from '../../support/authorization-matrix.ts';

const NOW = 1_000_000;
const DAY_SECONDS = 24 * 3600;

function account(role: Exclude<MatrixRow['role'], 'guest'>): Account {
  const person = PEOPLE[role];
  return {
    id: `id-${person.who}`,
    issuer: 'https://idp.test',
    subject: person.who,
    email: person.email,
    name: person.who,
    locale: 'en',
    role: person.role,
    isAdmin: person.isAdmin,
    clearance: person.clearance,
    active: true,
    teamIds: person.teamIds,
  };
}

const sharePolicy = {
  staffEmailDomains: ['example.com'],
  expiryDefaultSeconds: 7 * DAY_SECONDS,
  expiryMaxSeconds: 30 * DAY_SECONDS,
  offeredTeamIds: ['service', 'go-engineers', 'inside-sales'],
  levels: DEFAULT_LEVEL_SETTINGS,
};

/** The answer the API gives for a domain decision, as usecases/ maps it. */
function decide(row: MatrixRow): 'allowed' | ErrorCode {
  if (row.role === 'guest') return 'auth.required';
  const actor = account(row.role);
  const classification = row.classification as Level;
  const opened = (facts: SecretFacts) => {
    const decision = decideOpen(actor, facts, { settings: DEFAULT_LEVEL_SETTINGS });
    if (decision.allowed) return 'allowed';
    return openRefusalCode(decision.reason, facts.kind);
  };
  switch (row.action) {
    case 'create_direct':
    case 'create_team': {
      const decision = decideShare(
        {
          sender: actor,
          recipient:
            row.action === 'create_direct'
              ? { kind: 'customer', email: PEOPLE.customer.email }
              : { kind: 'team', team: 'service' },
          classification,
          teamExists: true,
          addressIsKnownStaff: false,
          recipientClearance: PEOPLE.customer.clearance,
          // C6: the team as the matrix's world has it (the HTTP run's demo accounts).
          teamMembers: SERVICE_MEMBERS.map((person) => ({
            accountId: `id-${person.who}`,
            name: person.who,
            role: person.role,
            isAdmin: person.isAdmin,
            clearance: person.clearance,
          })),
          now: NOW,
        },
        sharePolicy,
      );
      return decision.allowed ? 'allowed' : decision.code;
    }
    case 'peek_direct':
    case 'open_direct':
      return opened({
        kind: 'direct',
        recipientEmail: PEOPLE.customer.email,
        teamId: null,
        recipientId: null,
        classification,
      });
    case 'open_team':
      return opened({
        kind: 'team',
        recipientEmail: null,
        teamId: 'service',
        recipientId: null,
        classification,
      });
    case 'revoke_direct': {
      const secret = {
        senderId: account('staff_other_team').id,
        status: 'waiting',
        expiresAt: NOW + 1,
      } as const;
      return decideRevoke(actor, secret, NOW).allowed ? 'allowed' : 'secret.gone';
    }
    case 'invite': {
      const decision = decideCreateInvitation(
        { creator: actor, classification, now: NOW },
        {
          expiryDefaultSeconds: DAY_SECONDS,
          expiryMaxSeconds: 30 * DAY_SECONDS,
          levels: DEFAULT_LEVEL_SETTINGS,
        },
      );
      return decision.allowed ? 'allowed' : decision.code;
    }
  }
}

describe('the authorization matrix through the domain (role x action x classification)', () => {
  it.each(
    MATRIX.map(
      (row) => [`${row.action} L${row.classification} by ${row.role}: ${row.expected}`, row] as const,
    ),
  )('%s', (_name, row) => {
    expect(decide(row)).toBe(row.expected);
  });

  it('covers every role, action and level, and allows and refuses in each action', () => {
    expect(MATRIX.length).toBe(6 * (6 * 3 + 2));
    for (const action of new Set(MATRIX.map((row) => row.action))) {
      const outcomes = MATRIX.filter((row) => row.action === action).map((row) => row.expected);
      expect(outcomes, action).toContain('allowed');
      expect(
        outcomes.some((outcome) => outcome !== 'allowed' && outcome !== 'auth.required'),
        action,
      ).toBe(true);
    }
  });
});
